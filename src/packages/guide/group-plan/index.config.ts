export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '社群 SOP',
  // 分享卡片 (openType share) asks the page's onShareAppMessage for the card.
  enableShareAppMessage: true,
});
