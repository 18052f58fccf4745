import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { SopValue } from '@cloud/contract';
import AdminGate from '@/components/AdminGate';
import SessionGate from '@/components/SessionGate';
import Skeleton from '@/components/Skeleton';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import { formatMonthDay, formatPercent } from '@/utils/format';
import KpiTable from '../data/KpiTable';
import '../data/index.css';
import './index.css';

type Days = 7 | 30 | 90;
const PERIODS: Days[] = [7, 30, 90];

/** A difference of two rates in percentage points, signed: 0.12 → '+12 个百分点'. */
export function pointsDifference(a: number, b: number): string {
  const pp = Math.round((a - b) * 1000) / 10;
  return pp === 0 ? '持平' : `${pp > 0 ? '+' : ''}${pp} 个百分点`;
}

/** A rate of a group, or — when the group is empty. */
const rateOf = (part: number, whole: number) => (whole > 0 ? formatPercent(part / whole) : '—');

function GuidesSection({ value }: { value: SopValue }) {
  return (
    <View className='admin-data__section admin-sopv__guides'>
      <View className='admin-data__section-head'>
        <Text className='admin-data__section-title'>导购完成率</Text>
        <Text className='admin-data__section-note'>按完成率、准时率排名</Text>
      </View>
      <KpiTable
        ranked
        columns={['导购', '任务', '完成率', '准时率', '跳过', '过期']}
        emptyText='这段时间还没有到期的 SOP 任务'
        rows={value.guides.map((g) => ({
          key: g.guideId,
          cells: [
            g.nickname ?? `导购 #${g.guideId}`,
            String(g.tasks),
            formatPercent(g.completionRate),
            g.done > 0 ? formatPercent(g.onTimeRate) : '—',
            String(g.skipped),
            String(g.expired),
          ],
        }))}
      />
    </View>
  );
}

function OrderRateSection({ value }: { value: SopValue }) {
  const rows = value.orderRate.filter((r) => r.touched > 0);
  return (
    <View className='admin-data__section admin-sopv__orders'>
      <View className='admin-data__section-head'>
        <Text className='admin-data__section-title'>7 天下单率</Text>
        <Text className='admin-data__section-note'>跟进过 vs 同层未跟进</Text>
      </View>
      <KpiTable
        columns={['分层', '跟进人数', '跟进下单率', '未跟进下单率', '差值']}
        emptyText='这段时间还没有完成的任务'
        rows={rows.map((r) => ({
          key: r.layer,
          cells: [r.layerName, String(r.touched), formatPercent(r.touchedRate), r.untouched > 0 ? formatPercent(r.untouchedRate) : '—', r.untouched > 0 ? pointsDifference(r.touchedRate, r.untouchedRate) : '—'],
        }))}
      />
      <Text className='admin-data__hint admin-sopv__note'>
        跟进：任务完成后 7 天内付款下单；未跟进：同层会员在 {formatMonthDay(value.since)} 起 7 天内付款下单。分层为会员当前所在层。
      </Text>
    </View>
  );
}

function ComebackSection({ value }: { value: SopValue }) {
  const c = value.churnComeback;
  const diff = c.withTask > 0 && c.withoutTask > 0 ? pointsDifference(c.withTaskBack / c.withTask, c.withoutTaskBack / c.withoutTask) : null;
  return (
    <View className='admin-data__section admin-sopv__churn'>
      <View className='admin-data__section-head'>
        <Text className='admin-data__section-title'>流失预警召回</Text>
        <Text className='admin-data__section-note'>14 天内回访</Text>
      </View>
      <View className='admin-data__figures'>
        <View className='admin-data__figure admin-sopv__figure' data-group='with'>
          <Text className='admin-sopv__figure-label'>完成召回任务</Text>
          <Text className='admin-sopv__figure-value'>{rateOf(c.withTaskBack, c.withTask)}</Text>
          <Text className='admin-sopv__figure-sub'>
            {c.withTaskBack} / {c.withTask} 人回访
          </Text>
        </View>
        <View className='admin-data__figure admin-sopv__figure' data-group='without'>
          <Text className='admin-sopv__figure-label'>任务跳过或过期</Text>
          <Text className='admin-sopv__figure-value'>{rateOf(c.withoutTaskBack, c.withoutTask)}</Text>
          <Text className='admin-sopv__figure-sub'>
            {c.withoutTaskBack} / {c.withoutTask} 人回访
          </Text>
        </View>
      </View>
      {diff && <Text className='admin-sopv__diff'>完成任务的回访率{diff === '持平' ? '与未完成持平' : `比未完成 ${diff}`}</Text>}
      <Text className='admin-data__hint admin-sopv__note'>回访：任务完成日（未完成则为到期日）后 14 天内有访问、签到或付款。仍在处理期内的任务不计入。</Text>
    </View>
  );
}

/**
 * SOP 成效: what the guides' SOP tasks did over 近 7 / 30 / 90 天 — each guide's completion and
 * on-time rates ranked, the 7-day order rate of the members a done task touched against the same
 * layer untouched, and 流失预警 members coming back with a done task and without. No chart: the
 * figures are comparisons of one period, not a trend.
 */
export function AdminSopValueScreen() {
  const [days, setDays] = useState<Days>(30);
  const { data, error, reload } = useCall(() => call('admin', 'sopValue', { days }), [days]);
  return (
    <View className='app-page admin-data admin-sopv'>
      <View className='admin-data__periods'>
        <View className='admin-data__chips'>
          {PERIODS.map((d) => (
            <Text key={d} className={`admin-data__chip ${d === days ? 'admin-data__chip--on' : ''}`} data-days={d} onClick={() => setDays(d)}>
              近 {d} 天
            </Text>
          ))}
        </View>
        {data && (
          <Text className='admin-data__hint admin-sopv__span'>
            到期日 {formatMonthDay(data.since)} 至 {formatMonthDay(data.until)} 的任务
          </Text>
        )}
      </View>
      {error && !data ? (
        <View className='admin-data__error' onClick={() => void reload()}>
          {error}，点击重试
        </View>
      ) : !data ? (
        <View aria-busy>
          {[0, 1, 2].map((i) => (
            <View key={i} className='admin-data__section'>
              <Skeleton className='admin-sopv__skeleton' />
            </View>
          ))}
        </View>
      ) : (
        <>
          <GuidesSection value={data} />
          <OrderRateSection value={data} />
          <ComebackSection value={data} />
        </>
      )}
    </View>
  );
}

export default function AdminSopValuePage() {
  return (
    <SessionGate>
      <AdminGate>
        <AdminSopValueScreen />
      </AdminGate>
    </SessionGate>
  );
}
