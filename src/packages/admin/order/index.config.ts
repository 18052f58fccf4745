export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '订单详情',
});
