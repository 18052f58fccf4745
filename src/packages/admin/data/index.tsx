import { Picker, Text, View } from '@tarojs/components';
import dayjs from 'dayjs';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import type { AdminKpis, KpiFigureKey } from '@cloud/contract';
import AdminGate from '@/components/AdminGate';
import SessionGate from '@/components/SessionGate';
import Skeleton from '@/components/Skeleton';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import { brandClock } from '@/utils/brand-time';
import { formatMonth, formatMonthDay, formatPercent, memberName, WEEKDAY_HEADERS } from '@/utils/format';
import { formatYuan } from '@/utils/money';
import Chart from '../components/Chart';
import { comparedWith, FIGURES, figureChange, formatFigure, SECTION_FIGURES } from './figures';
import {
  activeChart,
  checkinRateChart,
  couponsChart,
  gmvChart,
  layersChart,
  lotteryChart,
  newMembersChart,
  ordersChart,
  pointsChart,
  sourcesChart,
  streaksChart,
  totalMembersChart,
} from './kpi-charts';
import KpiTable from './KpiTable';
import { cohortShade, cohortShareText, cohortTextIsLight } from './retention';
import './index.css';

/** admin.kpis' period: a preset, or brand days from–to. */
type PresetPeriod = Exclude<AdminKpis['period']['key'], 'range'>;
type KpiPeriod = PresetPeriod | { from: string; to: string };

const PRESETS: Array<{ key: PresetPeriod; name: string }> = [
  { key: 'today', name: '今天' },
  { key: 'yesterday', name: '昨天' },
  { key: '7d', name: '7 天' },
  { key: '30d', name: '30 天' },
];

const stackedColumns = { extra: { column: { type: 'stack', width: 14 } } };
const COHORT_WEEKS = [1, 2, 3, 4, 5, 6, 7, 8];

/** '2026-11-18' – '2026-11-24' → '11月18日 – 11月24日'; one day alone. */
const span = (from: string, to: string) => (from === to ? formatMonthDay(from) : `${formatMonthDay(from)} – ${formatMonthDay(to)}`);
const count = (n: number | null) => (n === null ? '—' : String(n));
const yuanOrDash = (fen: number | null) => (fen === null ? '—' : formatYuan(fen));
const rateOrDash = (share: number | null) => (share === null ? '—' : formatPercent(share));
const weekdayName = (isoWeekday: number) => `周${WEEKDAY_HEADERS[isoWeekday % 7]}`;

function Section({ title, note, children }: { title: string; note?: string; children: ReactNode }) {
  return (
    <View className='admin-data__section'>
      <View className='admin-data__section-head'>
        <Text className='admin-data__section-title'>{title}</Text>
        {note && <Text className='admin-data__section-note'>{note}</Text>}
      </View>
      {children}
    </View>
  );
}

function ChartTitle({ children }: { children: string }) {
  return <Text className='admin-data__chart-title'>{children}</Text>;
}

function Figures({ kpis, keys }: { kpis: AdminKpis; keys: readonly KpiFigureKey[] }) {
  const compared = comparedWith(kpis.period);
  return (
    <View className='admin-data__figures'>
      {keys.map((key) => {
        const figure = kpis.figures[key];
        const change = figureChange(figure);
        return (
          <View key={key} className='admin-data__figure' data-figure={key}>
            <Text className='admin-data__figure-label'>{FIGURES[key].label}</Text>
            <Text className='admin-data__figure-value'>{formatFigure(figure.value, FIGURES[key].format)}</Text>
            {change && (
              <Text className={`admin-data__figure-change admin-data__figure-change--${change.direction}`}>
                {compared} {change.text}
              </Text>
            )}
          </View>
        );
      })}
    </View>
  );
}

function PeriodBar({ period, today, onChange }: { period: KpiPeriod; today: string; onChange(period: KpiPeriod): void }) {
  const custom = typeof period === 'object';
  const [editing, setEditing] = useState(custom);
  const [from, setFrom] = useState<string | null>(custom ? period.from : null);
  const [to, setTo] = useState<string | null>(custom ? period.to : null);
  const pick = (nextFrom: string | null, nextTo: string | null) => {
    setFrom(nextFrom);
    setTo(nextTo);
    if (nextFrom && nextTo && nextFrom <= nextTo) onChange({ from: nextFrom, to: nextTo });
  };
  return (
    <View className='admin-data__periods'>
      <View className='admin-data__chips'>
        {PRESETS.map((p) => (
          <Text
            key={p.key}
            className={`admin-data__chip ${!editing && period === p.key ? 'admin-data__chip--on' : ''}`}
            data-period={p.key}
            onClick={() => {
              setEditing(false);
              onChange(p.key);
            }}
          >
            {p.name}
          </Text>
        ))}
        <Text className={`admin-data__chip ${editing ? 'admin-data__chip--on' : ''}`} data-period='range' onClick={() => setEditing(true)}>
          自定义
        </Text>
      </View>
      {editing && (
        <View className='admin-data__range'>
          <Picker mode='date' value={from ?? dayjs(today).subtract(6, 'day').format('YYYY-MM-DD')} end={today} onChange={(e) => pick(String(e.detail.value), to)}>
            <View className={`admin-data__range-day ${from ? '' : 'admin-data__range-day--empty'}`}>{from ? formatMonthDay(from) : '开始日期'}</View>
          </Picker>
          <Text className='admin-data__range-to'>至</Text>
          <Picker mode='date' value={to ?? today} start={from ?? undefined} end={today} onChange={(e) => pick(from, String(e.detail.value))}>
            <View className={`admin-data__range-day ${to ? '' : 'admin-data__range-day--empty'}`}>{to ? formatMonthDay(to) : '结束日期'}</View>
          </Picker>
          {from && to && from > to && <Text className='admin-data__range-error'>开始日期不能晚于结束日期</Text>}
        </View>
      )}
    </View>
  );
}

/** What the figures cover: the days, when they were made, live and missing days. */
function Coverage({ kpis }: { kpis: AdminKpis }) {
  const { period, coverage } = kpis;
  const live = coverage.live.includes(kpis.today) && period.to === kpis.today;
  return (
    <View className='admin-data__coverage'>
      <View className='admin-data__coverage-line'>
        <Text className='admin-data__span'>{span(period.from, period.to)}</Text>
        {live && <Text className='admin-data__live'>实时</Text>}
        <Text className='admin-data__computed'>更新于 {brandClock(kpis.computedAt)}</Text>
      </View>
      <Text className='admin-data__coverage-note'>
        对比 {span(period.previous.from, period.previous.to)} · 已汇总 {coverage.rolledUp} 天
        {coverage.live.length > 0 ? ` · 实时计算 ${coverage.live.map(formatMonthDay).join('、')}` : ''}
      </Text>
      {coverage.missing.length > 0 && (
        <Text className='admin-data__missing'>
          {coverage.missing.length} 天未汇总（{coverage.missing.slice(0, 3).map(formatMonthDay).join('、')}
          {coverage.missing.length > 3 ? ' 等' : ''}），不计入数字与对比
        </Text>
      )}
    </View>
  );
}

function RetentionTable({ retention }: { retention: AdminKpis['retention'] }) {
  if (retention.cohorts.every((c) => c.members === 0)) return <View className='admin-data__table-empty'>还没有可计算留存的入会周</View>;
  return (
    <View className='admin-data__cohorts'>
      <View className='admin-data__cohort admin-data__cohort--head'>
        <Text className='admin-data__cohort-week'>入会周</Text>
        <Text className='admin-data__cohort-members'>人数</Text>
        {COHORT_WEEKS.map((w) => (
          <Text key={w} className='admin-data__cohort-cell'>
            {`W${w}`}
          </Text>
        ))}
      </View>
      {retention.cohorts.map((c) => (
        <View key={c.week} className='admin-data__cohort' data-week={c.week}>
          <Text className='admin-data__cohort-week'>{formatMonthDay(c.week)}</Text>
          <Text className='admin-data__cohort-members'>{c.members}</Text>
          {c.active.map((share, i) => (
            <Text
              key={i}
              className={`admin-data__cohort-cell ${cohortTextIsLight(share) ? 'admin-data__cohort-cell--light' : ''}`}
              style={{ backgroundColor: cohortShade(share) }}
            >
              {cohortShareText(share)}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

function MemberDay({ memberDay }: { memberDay: AdminKpis['trade']['memberDay'] }) {
  if (!memberDay) return <View className='admin-data__plain'>未设置会员日</View>;
  const [a, b] = memberDay.baselineWeekdays;
  return (
    <View className='admin-data__member-day'>
      <Text className='admin-data__plain'>
        会员日（{weekdayName(memberDay.weekday)}）日均 {yuanOrDash(memberDay.memberDayAvgFen)}，{weekdayName(a)}、{weekdayName(b)}日均 {yuanOrDash(memberDay.baselineAvgFen)}
      </Text>
      <Text className='admin-data__uplift'>
        {memberDay.uplift === null ? '提升 —' : `提升 ${memberDay.uplift >= 0 ? '+' : ''}${formatPercent(memberDay.uplift)}`}
      </Text>
      <Text className='admin-data__hint'>
        {span(memberDay.from, memberDay.to)} · {memberDay.memberDays} 个会员日，{memberDay.baselineDays} 个对比日
      </Text>
    </View>
  );
}

const GROUP_RANKS = [
  { key: 'byActive', name: '活跃人数' },
  { key: 'byClicks', name: '点击' },
  { key: 'byConversion', name: '转化率' },
] as const;

function Groups({ groups }: { groups: AdminKpis['groups'] }) {
  const [rank, setRank] = useState<(typeof GROUP_RANKS)[number]['key']>('byActive');
  return (
    <View className='admin-data__groups'>
      <View className='admin-data__chips admin-data__chips--small'>
        {GROUP_RANKS.map((r) => (
          <Text key={r.key} className={`admin-data__chip ${rank === r.key ? 'admin-data__chip--on' : ''}`} data-rank={r.key} onClick={() => setRank(r.key)}>
            按{r.name}
          </Text>
        ))}
      </View>
      <KpiTable
        ranked
        columns={['社群', '活跃', '点击', '订单', 'GMV', '转化']}
        rows={groups[rank].map((g) => ({
          key: g.groupId,
          cells: [g.name ?? '未命名群', String(g.activeMembers), String(g.clicks), String(g.orders), formatYuan(g.gmvFen), rateOrDash(g.conversion)],
        }))}
        emptyText={rank === 'byConversion' ? '没有点击满 10 次的社群' : '这段时间没有社群数据'}
      />
    </View>
  );
}

function DataSkeleton() {
  return (
    <View className='admin-data__section' aria-busy>
      <Skeleton className='admin-data__skeleton-title' />
      <View className='admin-data__figures'>
        {[0, 1, 2, 3].map((i) => (
          <View key={i} className='admin-data__figure'>
            <Skeleton className='admin-data__skeleton-label' />
            <Skeleton className='admin-data__skeleton-value' />
          </View>
        ))}
      </View>
      <Skeleton className='admin-data__skeleton-chart' />
    </View>
  );
}

function Report({ kpis }: { kpis: AdminKpis }) {
  const charts = useMemo(
    () => ({
      newMembers: newMembersChart(kpis),
      totalMembers: totalMembersChart(kpis),
      sources: sourcesChart(kpis),
      active: activeChart(kpis),
      checkinRate: checkinRateChart(kpis),
      streaks: streaksChart(kpis),
      points: pointsChart(kpis),
      lottery: lotteryChart(kpis),
      coupons: couponsChart(kpis),
      orders: ordersChart(kpis),
      gmv: gmvChart(kpis),
      layers: layersChart(kpis),
    }),
    [kpis],
  );
  const { points, trade, layers } = kpis;
  // Series of a period shorter than a week show the week up to its end.
  const seriesNote = kpis.period.days < 7 ? '趋势为近 7 天' : undefined;
  return (
    <>
      <Section title='增长' note={seriesNote}>
        <Figures kpis={kpis} keys={SECTION_FIGURES.growth} />
        <ChartTitle>每日新增会员（按来源）</ChartTitle>
        <Chart type='column' label='每日新增会员（按来源）' {...charts.newMembers} options={stackedColumns} emptyText='这段时间没有新会员' />
        <ChartTitle>新会员来源</ChartTitle>
        <Chart type='ring' label='新会员来源' {...charts.sources} emptyText='这段时间没有新会员' />
        <ChartTitle>会员总数</ChartTitle>
        <Chart type='line' label='会员总数' {...charts.totalMembers} />
      </Section>

      <Section title='活跃' note={seriesNote}>
        <Figures kpis={kpis} keys={SECTION_FIGURES.activity} />
        <ChartTitle>DAU / WAU / MAU</ChartTitle>
        <Chart type='line' label='DAU / WAU / MAU' {...charts.active} />
        <ChartTitle>签到率</ChartTitle>
        <Chart type='line' label='签到率' {...charts.checkinRate} emptyText='这段时间没有签到' />
        <ChartTitle>连续签到天数分布</ChartTitle>
        <Chart type='column' label='连续签到天数分布' {...charts.streaks} emptyText='没有正在连续签到的会员' />
      </Section>

      <Section title='留存' note={`截至 ${formatMonthDay(kpis.retention.lastWeek)} 当周`}>
        <Text className='admin-data__hint'>每周新会员在入会后第 1–8 周来访的占比</Text>
        <RetentionTable retention={kpis.retention} />
      </Section>

      <Section title='积分' note={seriesNote}>
        <Figures kpis={kpis} keys={SECTION_FIGURES.points} />
        <View className='admin-data__facts'>
          <View className='admin-data__fact' data-fact='liability'>
            <Text className='admin-data__fact-label'>积分负债</Text>
            <Text className='admin-data__fact-value'>
              {count(points.liability.points)} 积分 · {yuanOrDash(points.liability.fen)}
            </Text>
          </View>
          <View className='admin-data__fact' data-fact='expiring'>
            <Text className='admin-data__fact-label'>{formatMonth(points.expiringNextMonth.month)}到期</Text>
            <Text className='admin-data__fact-value'>
              {count(points.expiringNextMonth.points)} 积分 · {yuanOrDash(points.expiringNextMonth.fen)}
            </Text>
          </View>
        </View>
        <ChartTitle>每日积分</ChartTitle>
        <Chart type='column' label='每日积分发放、消耗、过期' {...charts.points} emptyText='这段时间没有积分变动' />
      </Section>

      <Section title='抽奖与券' note={seriesNote}>
        <Figures kpis={kpis} keys={SECTION_FIGURES.rewards} />
        <ChartTitle>每日抽奖</ChartTitle>
        <Chart type='line' label='每日抽奖与中奖' {...charts.lottery} emptyText='这段时间没有抽奖' />
        <ChartTitle>奖品</ChartTitle>
        <KpiTable
          columns={['奖品', '中奖', '成本']}
          rows={kpis.lottery.prizes.map((p) => ({ key: p.prizeId, cells: [`${p.name}（${p.campaignName}）`, String(p.awards), formatYuan(p.costFen)] }))}
          emptyText='这段时间没有中奖'
        />
        <ChartTitle>每日发券与用券</ChartTitle>
        <Chart type='column' label='每日发券与用券' {...charts.coupons} emptyText='这段时间没有发券或用券' />
      </Section>

      <Section title='交易' note={seriesNote}>
        <Figures kpis={kpis} keys={SECTION_FIGURES.trade} />
        <ChartTitle>每日订单</ChartTitle>
        <Chart type='column' label='每日支付订单、支付会员与退款' {...charts.orders} emptyText='这段时间没有订单' />
        <ChartTitle>每日 GMV</ChartTitle>
        <Chart type='area' label='每日 GMV' {...charts.gmv} emptyText='这段时间没有成交' />
        <ChartTitle>会员日</ChartTitle>
        <MemberDay memberDay={trade.memberDay} />
        <ChartTitle>夜市（按当晚品类）</ChartTitle>
        <KpiTable
          columns={['品类', '访客', '订单', 'GMV']}
          rows={trade.nightMarket.map((n) => ({ key: n.categoryId, cells: [n.name, String(n.visitors), String(n.orders), formatYuan(n.gmvFen)] }))}
          emptyText='这段时间没有夜市'
        />
        <ChartTitle>新款首发</ChartTitle>
        <KpiTable
          columns={['商品', '订单', '件数', 'GMV']}
          rows={trade.launches.map((l) => ({ key: l.productId, cells: [l.name, String(l.orders), String(l.qty), formatYuan(l.gmvFen)] }))}
          emptyText='这段时间没有首发新品'
        />
      </Section>

      <Section title='导购与社群'>
        <ChartTitle>导购排行</ChartTitle>
        <KpiTable
          ranked
          columns={['导购', '分享', '点击', '订单', 'GMV', '转化']}
          rows={kpis.guides.map((g) => ({
            key: g.guideId,
            cells: [memberName(g.nickname), String(g.shares), String(g.clicks), String(g.orders), formatYuan(g.gmvFen), rateOrDash(g.conversion)],
          }))}
          emptyText='这段时间导购没有分享'
        />
        <ChartTitle>社群排行</ChartTitle>
        <Groups groups={kpis.groups} />
      </Section>

      <Section title='分层' note={layers.day ? `${formatMonthDay(layers.day)}计算${layers.comparedWith ? `，对比 ${formatMonthDay(layers.comparedWith)}` : ''}` : undefined}>
        {layers.day ? (
          <>
            <Chart type='ring' label='各分层人数' {...charts.layers} emptyText='还没有分层会员' />
            <KpiTable
              columns={['分层', '人数', '较上周']}
              rows={layers.sizes.map((s) => ({
                key: s.key,
                cells: [s.name, String(s.members), s.previous === null ? '—' : `${s.members - s.previous >= 0 ? '+' : ''}${s.members - s.previous}`],
              }))}
              emptyText='还没有分层会员'
            />
            <ChartTitle>分层变动</ChartTitle>
            <KpiTable
              columns={['变动', '人数']}
              rows={layers.movements.map((m) => ({ key: `${m.from}-${m.to}`, cells: [`${m.fromName} → ${m.toName}`, String(m.members)] }))}
              emptyText={layers.comparedWith ? '与上周相比没有变动' : '还没有一周前的分层可对比'}
            />
          </>
        ) : (
          <View className='admin-data__table-empty'>还没有分层数据：每晚自动计算</View>
        )}
      </Section>
    </>
  );
}

/** 数据: admin.kpis for a period — figures with their change, charts, retention, rankings. */
export function AdminDataScreen() {
  const [period, setPeriod] = useState<KpiPeriod>('today');
  const { data, error, reload } = useCall(() => call('admin', 'kpis', { period }), [JSON.stringify(period)]);
  // The brand's day as the server last said it (the pickers end there); the phone's before that.
  const today = useRef(dayjs().format('YYYY-MM-DD'));
  if (data) today.current = data.today;

  return (
    <View className='app-page admin-data'>
      <PeriodBar period={period} today={today.current} onChange={setPeriod} />
      {data ? (
        <>
          <Coverage kpis={data} />
          <Report kpis={data} />
        </>
      ) : error ? (
        <View className='admin-data__error' onClick={() => void reload()}>
          {error}，点击重试
        </View>
      ) : (
        <>
          <DataSkeleton />
          <DataSkeleton />
        </>
      )}
    </View>
  );
}

export default function AdminDataPage() {
  return (
    <SessionGate>
      <AdminGate>
        <AdminDataScreen />
      </AdminGate>
    </SessionGate>
  );
}
