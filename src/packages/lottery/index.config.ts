export default definePageConfig({
  navigationBarTitleText: '疯狂抽奖机',
});
