/**
 * The welcome a new friend of an invite gets, waiting to be shown on the page on screen (each
 * page's SessionGate shows it in the app's own dialog).
 */
import Taro from '@tarojs/taro';
import { create } from 'zustand';
import type { CouponView, ShareOpened } from '@cloud/contract';

interface WelcomeState {
  /** The welcome coupon not yet acknowledged; null when there is nothing to show. */
  coupon: CouponView | null;
  dismiss(): void;
}

export const useWelcomeStore = create<WelcomeState>()((set) => ({
  coupon: null,
  dismiss: () => set({ coupon: null }),
}));

/** After a share was opened: greets a new friend of an invite (an existing member gets nothing). */
export function welcomeFriend(opened: ShareOpened | null): void {
  if (!opened?.welcome) return;
  if (opened.welcome.coupon) useWelcomeStore.setState({ coupon: opened.welcome.coupon });
  else void Taro.showToast({ title: '欢迎加入，已接受好友的邀请', icon: 'none', duration: 2500 });
}
