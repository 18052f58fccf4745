export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '导购工作台',
});
