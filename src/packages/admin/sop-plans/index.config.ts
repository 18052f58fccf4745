export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: 'SOP 计划',
});
