export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '确认订单',
});
