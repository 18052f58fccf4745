export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '首页横幅',
});
