export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '朋友圈素材',
});
