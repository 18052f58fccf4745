export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: 'SOP 成效',
});
