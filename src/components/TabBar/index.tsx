import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRole } from '@/hooks/use-role';
import { tabsFor, type TabPath } from './tabs';
import './index.css';

export type { TabPath } from './tabs';

/**
 * The app's tab bar. Ours rather than the platform's: in H5, Taro's bar is a web component whose
 * runtime (Stencil) the first screen would load and render for three buttons; and a bar of our
 * own shows a tab to one role only: 运营 to admins, from the role the app already knows (no request).
 */
export default function TabBar({ current }: { current: TabPath | null }) {
  const role = useRole();
  return (
    <View className='tab-bar' role='tablist'>
      {tabsFor(role).map((tab) => {
        const active = tab.path === current;
        return (
          <View
            key={tab.path}
            className={`tab-bar__item ${active ? 'tab-bar__item--active' : ''}`}
            role='tab'
            aria-selected={active}
            onClick={() => {
              if (!active) void Taro.switchTab({ url: `/${tab.path}` });
            }}
          >
            <Image className='tab-bar__icon' src={active ? tab.activeIcon : tab.icon} />
            <Text className='tab-bar__text'>{tab.text}</Text>
          </View>
        );
      })}
    </View>
  );
}
