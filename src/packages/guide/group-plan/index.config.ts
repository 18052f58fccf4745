export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '社群 SOP',
});
