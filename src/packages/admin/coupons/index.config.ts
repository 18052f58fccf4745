export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '券模板',
});
