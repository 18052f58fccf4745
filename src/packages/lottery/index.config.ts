export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '疯狂抽奖机',
});
