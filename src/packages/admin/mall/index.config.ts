export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '积分商城',
});
