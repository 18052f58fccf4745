/** weapp: WeChat's custom tab bar (app.config.ts `tabBar.custom`) is our TabBar. */
import TabBar from '@/components/TabBar';
import { useCurrentTab } from '@/components/TabBar/tab-page';

export default function CustomTabBar() {
  const current = useCurrentTab((s) => s.current);
  return <TabBar current={current} />;
}
