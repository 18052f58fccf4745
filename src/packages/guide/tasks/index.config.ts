export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '今日任务',
});
