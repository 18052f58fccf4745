export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '秒杀活动',
});
