export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '话术库',
});
