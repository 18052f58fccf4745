/**
 * The tab pages, in the order the bar shows them. app.config.ts lists the same pages for WeChat
 * (a custom tab bar still needs them there); the bar itself is ours (TabBar), in weapp and H5.
 * A tab with `roles` is shown to those roles only (运营: admins).
 */
import type { Role } from '@cloud/contract';
import checkinActive from '@/assets/tabbar/checkin-active.png';
import checkin from '@/assets/tabbar/checkin.png';
import homeActive from '@/assets/tabbar/home-active.png';
import home from '@/assets/tabbar/home.png';
import mineActive from '@/assets/tabbar/mine-active.png';
import mine from '@/assets/tabbar/mine.png';
import opsActive from '@/assets/tabbar/ops-active.png';
import ops from '@/assets/tabbar/ops.png';

interface Tab {
  path: string;
  text: string;
  icon: string;
  activeIcon: string;
  roles?: readonly Role[];
}

export const TABS = [
  { path: 'pages/home/index', text: '首页', icon: home, activeIcon: homeActive },
  { path: 'pages/checkin/index', text: '签到', icon: checkin, activeIcon: checkinActive },
  { path: 'pages/mine/index', text: '我的', icon: mine, activeIcon: mineActive },
  { path: 'pages/ops/index', text: '运营', icon: ops, activeIcon: opsActive, roles: ['admin'] },
] as const satisfies readonly Tab[];

export type TabPath = (typeof TABS)[number]['path'];

/** The tabs a member of this role sees (unknown role: the tabs everyone sees). */
export function tabsFor(role: Role | null): readonly Tab[] {
  return TABS.filter((tab: Tab) => !tab.roles || (role !== null && tab.roles.includes(role)));
}
