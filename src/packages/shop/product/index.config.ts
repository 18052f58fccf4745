export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '商品详情',
  enableShareAppMessage: true,
});
