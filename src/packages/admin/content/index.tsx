import { View } from '@tarojs/components';
import { useState } from 'react';
import AdminGate from '@/components/AdminGate';
import SessionGate from '@/components/SessionGate';
import MomentsTab from './MomentsTab';
import PlanTab from './PlanTab';
import ScriptsTab from './ScriptsTab';
import './index.css';

const TABS = [
  { key: 'scripts', name: '话术库' },
  { key: 'plan', name: '社群计划' },
  { key: 'moments', name: '朋友圈' },
] as const;

type Tab = (typeof TABS)[number]['key'];

/** 导购内容: what guides copy and post — the 话术库, the weekly group plan and the 朋友圈 calendar. */
export function AdminContentScreen({ initialTab = 'scripts' }: { initialTab?: Tab }) {
  const [tab, setTab] = useState<Tab>(initialTab);
  return (
    <View className='app-page admin-editor admin-content'>
      <View className='admin-form__segmented admin-content__tabs' role='tablist'>
        {TABS.map((t) => (
          <View key={t.key} className={`admin-form__seg ${t.key === tab ? 'admin-form__seg--on' : ''}`} role='tab' aria-selected={t.key === tab} data-tab={t.key} onClick={() => setTab(t.key)}>
            {t.name}
          </View>
        ))}
      </View>
      {tab === 'scripts' ? <ScriptsTab /> : tab === 'plan' ? <PlanTab /> : <MomentsTab />}
    </View>
  );
}

export default function AdminContentPage() {
  return (
    <SessionGate>
      <AdminGate>
        <AdminContentScreen />
      </AdminGate>
    </SessionGate>
  );
}
