export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '导出',
});
