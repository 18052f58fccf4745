/**
 * 运营 (tab, admins only): a light workbench in the main package — the layers' sizes from the
 * last segmentation run (one cheap call) and the entries to the admin subpackage's screens. No
 * chart library here: the screens that draw live in packages/admin.
 */
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import AdminGate from '@/components/AdminGate';
import EmptyState from '@/components/EmptyState';
import SessionGate from '@/components/SessionGate';
import Skeleton from '@/components/Skeleton';
import TabPage from '@/components/TabBar/tab-page';
import { useCall } from '@/hooks/use-call';
import { call, showError } from '@/services/api';
import { formatMonthDay } from '@/utils/format';
import './index.css';

/** The screens of the admin subpackage, as the workbench lists them. */
export const OPS_ENTRIES = [
  { key: 'data', title: '数据', sub: '增长 · 活跃 · 留存 · 交易 · 导购', url: '/packages/admin/data/index' },
  { key: 'members', title: '会员', sub: '查找会员 · 调整积分 · 发券 · 打标签', url: '/packages/admin/members/index' },
  { key: 'segments', title: '分群', sub: '规则分群 · 实时预览 · 给分群发券', url: '/packages/admin/segments/index' },
  { key: 'sop-plans', title: 'SOP 计划', sub: '导购 1v1 跟进步骤 · 话术 · 赠券 · 商品卡', url: '/packages/admin/sop-plans/index' },
  { key: 'sop-value', title: 'SOP 成效', sub: '导购完成率 · 跟进后下单率 · 流失召回', url: '/packages/admin/sop-value/index' },
  { key: 'content', title: '导购内容', sub: '话术库 · 社群计划 · 朋友圈日历', url: '/packages/admin/content/index' },
  { key: 'orders', title: '订单', sub: '发货 · 售后审核 · 礼品待发', url: '/packages/admin/orders/index' },
  { key: 'exports', title: '导出', sub: '会员 · 分群 · 订单 · 积分流水（Excel）', url: '/packages/admin/exports/index' },
  { key: 'audit', title: '操作记录', sub: '谁在何时改了什么', url: '/packages/admin/audit/index' },
  { key: 'settings', title: '配置', sub: '签到 · 会员日 · 夜市 · 等级 · 积分 · 抽奖', url: '/packages/admin/settings/index' },
] as const;

export function OpsScreen() {
  const report = useCall(() => call('admin', 'layerReport', {}), []);
  const [computing, setComputing] = useState(false);

  // Back on the tab: a run may have finished meanwhile.
  useDidShow(() => {
    if (report.data) void report.reload();
  });

  const computeNow = async () => {
    if (computing) return;
    setComputing(true);
    try {
      await call('segment', 'recompute', {});
      await report.reload();
    } catch (err) {
      showError(err);
    } finally {
      setComputing(false);
    }
  };

  const data = report.data;
  const total = data ? data.layers.reduce((n, l) => n + l.members, 0) : 0;
  return (
    <View className='app-page ops-page'>
      <View className='ops-page__card'>
        <View className='ops-page__head'>
          <Text className='ops-page__title'>会员分层</Text>
          <Text className='ops-page__day'>{data?.day ? `${formatMonthDay(data.day)}计算 · 共 ${total} 人` : ''}</Text>
        </View>
        {report.error && !data && (
          <View className='ops-page__error' onClick={() => void report.reload()}>
            {report.error}，点击重试
          </View>
        )}
        {!data && !report.error && (
          <View className='ops-page__layers' aria-busy>
            {[0, 1, 2, 3, 4, 5].map((i) => (
              <View key={i} className='ops-page__layer'>
                <Skeleton className='ops-page__skeleton' />
              </View>
            ))}
          </View>
        )}
        {data && !data.day && (
          <EmptyState compact text='还没有分层数据：每晚 00:30 自动计算，也可以现在计算' action={{ text: computing ? '计算中…' : '立即计算', onClick: () => void computeNow() }} />
        )}
        {data?.day && (
          <View className='ops-page__layers'>
            {data.layers.map((l) => (
              <View
                key={l.key}
                className={`ops-page__layer ops-page__layer--${l.key}`}
                data-layer={l.key}
                onClick={() => void Taro.navigateTo({ url: `/packages/admin/members/index?layer=${l.key}` })}
              >
                <Text className='ops-page__layer-count'>{l.members}</Text>
                <Text className='ops-page__layer-name'>{l.name}</Text>
              </View>
            ))}
          </View>
        )}
        {data?.day && data.movements.length > 0 && (
          <View className='ops-page__moves'>
            今日变动：
            {data.movements
              .filter((m) => m.from !== 'none')
              .slice(0, 3)
              .map((m) => `${data.layers.find((l) => l.key === m.from)?.name ?? m.from}→${data.layers.find((l) => l.key === m.to)?.name ?? m.to} ${m.members} 人`)
              .join('，') || '无'}
          </View>
        )}
      </View>
      <View className='ops-page__entries'>
        {OPS_ENTRIES.map((e) => (
          <View key={e.key} className={`ops-page__entry ops-page__entry--${e.key}`} onClick={() => void Taro.navigateTo({ url: e.url })}>
            <Text className='ops-page__entry-title'>{e.title}</Text>
            <Text className='ops-page__entry-sub'>{e.sub} ›</Text>
          </View>
        ))}
      </View>
      {data?.day && (
        <Button className='ops-page__recompute' size='mini' loading={computing} disabled={computing} onClick={() => void computeNow()}>
          重新计算分层与标签
        </Button>
      )}
    </View>
  );
}

export default function OpsPage() {
  return (
    <TabPage path='pages/ops/index'>
      <SessionGate>
        <AdminGate>
          <OpsScreen />
        </AdminGate>
      </SessionGate>
    </TabPage>
  );
}
