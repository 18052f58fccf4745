export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '抽奖活动',
});
