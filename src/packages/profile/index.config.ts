export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '个人资料',
});
