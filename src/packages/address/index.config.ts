export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '收货地址',
});
