/**
 * The tab pages, in the order the bar shows them. app.config.ts lists the same pages for WeChat
 * (a custom tab bar still needs them there); the bar itself is ours (TabBar), in weapp and H5.
 */
import checkinActive from '@/assets/tabbar/checkin-active.png';
import checkin from '@/assets/tabbar/checkin.png';
import homeActive from '@/assets/tabbar/home-active.png';
import home from '@/assets/tabbar/home.png';
import mineActive from '@/assets/tabbar/mine-active.png';
import mine from '@/assets/tabbar/mine.png';

export const TABS = [
  { path: 'pages/home/index', text: '首页', icon: home, activeIcon: homeActive },
  { path: 'pages/checkin/index', text: '签到', icon: checkin, activeIcon: checkinActive },
  { path: 'pages/mine/index', text: '我的', icon: mine, activeIcon: mineActive },
] as const;

export type TabPath = (typeof TABS)[number]['path'];
