export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '会员详情',
});
