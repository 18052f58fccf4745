export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '数据',
});
