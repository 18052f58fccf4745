export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '编辑商品',
});
