export default defineAppConfig({
  pages: ['pages/home/index', 'pages/checkin/index', 'pages/mine/index', 'pages/ops/index'],
  subPackages: [
    { root: 'packages/profile', pages: ['index'] },
    { root: 'packages/lottery', pages: ['index'] },
    { root: 'packages/mall', pages: ['index'] },
    { root: 'packages/wallet', pages: ['index'] },
    { root: 'packages/shop', pages: ['product/index', 'category/index', 'confirm/index', 'orders/index', 'order/index'] },
    { root: 'packages/guide', pages: ['verify/index', 'dashboard/index', 'members/index', 'member/index', 'groups/index', 'tasks/index', 'scripts/index', 'group-plan/index', 'moments/index'] },
    { root: 'packages/invite', pages: ['index'] },
    { root: 'packages/address', pages: ['index'] },
    // 运营 (admins): the tab page pages/ops is a light workbench; its screens are here.
    { root: 'packages/admin', pages: ['data/index', 'members/index', 'member/index', 'segments/index', 'segment/index', 'audit/index', 'exports/index', 'settings/index', 'orders/index', 'order/index', 'campaigns/index', 'coupons/index', 'mall/index', 'products/index', 'product/index', 'flash-sales/index', 'banners/index', 'categories/index', 'sop-plans/index', 'sop-value/index', 'content/index'] },
  ],
  // The first screen fetches the shop subpackage in the background: a product opens at once.
  preloadRule: {
    'pages/home/index': { network: 'all', packages: ['packages/shop'] },
    // Only admins reach the 运营 tab: its screens load while they read the workbench.
    'pages/ops/index': { network: 'all', packages: ['packages/admin'] },
  },
  lazyCodeLoading: 'requiredComponents',
  // wx.chooseAddress (使用微信收货地址) must be declared by mini-programs released since 2022-07.
  requiredPrivateInfos: ['chooseAddress'],
  window: {
    navigationBarTitleText: '会员中心',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f6f6f6',
    backgroundTextStyle: 'light',
  },
  // Our own bar (src/custom-tab-bar, components/TabBar); WeChat still needs the tab pages listed.
  tabBar: {
    custom: true,
    color: '#999999',
    selectedColor: '#e8532b',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: 'pages/checkin/index',
        text: '签到',
        iconPath: 'assets/tabbar/checkin.png',
        selectedIconPath: 'assets/tabbar/checkin-active.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tabbar/mine.png',
        selectedIconPath: 'assets/tabbar/mine-active.png',
      },
      {
        // Shown to admins only: our tab bar (components/TabBar) leaves it out for everyone else.
        pagePath: 'pages/ops/index',
        text: '运营',
        iconPath: 'assets/tabbar/ops.png',
        selectedIconPath: 'assets/tabbar/ops-active.png',
      },
    ],
  },
});
