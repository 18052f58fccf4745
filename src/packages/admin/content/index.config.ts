export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '导购内容',
});
