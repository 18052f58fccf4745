export default defineAppConfig({
  pages: ['pages/checkin/index', 'pages/mine/index'],
  subPackages: [
    { root: 'packages/profile', pages: ['index'] },
    { root: 'packages/lottery', pages: ['index'] },
    { root: 'packages/mall', pages: ['index'] },
    { root: 'packages/wallet', pages: ['index'] },
    { root: 'packages/guide', pages: ['verify/index'] },
  ],
  lazyCodeLoading: 'requiredComponents',
  window: {
    navigationBarTitleText: '会员中心',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f6f6f6',
    backgroundTextStyle: 'light',
  },
  tabBar: {
    color: '#999999',
    selectedColor: '#e8532b',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
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
    ],
  },
});
