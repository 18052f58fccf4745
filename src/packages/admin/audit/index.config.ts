export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '操作记录',
});
