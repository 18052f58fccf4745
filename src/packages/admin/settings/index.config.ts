export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '配置',
});
