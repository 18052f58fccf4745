import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { ReactNode } from 'react';
import { create } from 'zustand';
import TabBar from '.';
import type { TabPath } from './tabs';

/** The tab on screen: WeChat gives every tab page its own custom tab bar, which reads it here. */
export const useCurrentTab = create<{ current: TabPath | null }>()(() => ({ current: null }));

/**
 * A tab page: marks its tab current whenever it shows; in H5 it draws the bar itself (Taro's H5
 * router has no custom tab bar) and keeps its content clear of it.
 */
export default function TabPage({ path, children }: { path: TabPath; children: ReactNode }) {
  useDidShow(() => useCurrentTab.setState({ current: path }));
  if (process.env.TARO_ENV !== 'h5') return <>{children}</>;
  return (
    <View className='tab-page'>
      {children}
      <TabBar current={path} />
    </View>
  );
}
