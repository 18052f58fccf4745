export default definePageConfig({
  navigationStyle: 'default',
  navigationBarTitleText: '商品分类',
});
