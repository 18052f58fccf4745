export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '券码核销',
});
