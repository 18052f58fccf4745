export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '邀请好友',
  enableShareAppMessage: true,
});
