import { Text, View } from '@tarojs/components';
import type { CampaignAdminView, CampaignInput } from '@cloud/contract';
import AdminGate from '@/components/AdminGate';
import SessionGate from '@/components/SessionGate';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import { formatYuan } from '@/utils/money';
import { EditorFrame, EditorList, useEditing, useSubmit } from '../components/EditorParts';
import { ChoiceField, NumberField, PickField, TextField, TimeField } from '../components/Fields';
import { templateOptions } from '../components/coupon-templates';
import { localIso, shownTime } from '../components/times';
import { useEditForm, type EditForm } from '../components/use-edit-form';

type Prize = CampaignInput['prizes'][number];

const KINDS = [
  { value: 'coupon', name: '优惠券' },
  { value: 'points', name: '积分' },
  { value: 'goods', name: '实物' },
  { value: 'none', name: '谢谢参与' },
] as const;
const ODDS_TOTAL = 10_000;
const MAX_PRIZES = 12;

const blankPrize = (kind: Prize['kind'], name: string, odds: number): Prize => ({
  kind,
  name,
  odds,
  stock: null,
  dailyCap: null,
  valueFen: 0,
  couponTemplateId: null,
  points: kind === 'points' ? 10 : null,
  imageUrl: null,
});

/** A prize given another kind keeps its name and odds; what only the old kind had goes (a coupon's template, the points). */
const withKind = (p: Prize, kind: Prize['kind']): Prize => ({
  ...blankPrize(kind, p.name, p.odds),
  ...(kind === 'none' ? {} : { valueFen: p.valueFen, stock: p.stock, dailyCap: p.dailyCap, imageUrl: p.imageUrl }),
  ...(kind === 'points' && p.points !== null ? { points: p.points } : {}),
});

/** A new campaign: from tomorrow for 30 days, one draw and one win a day, 10 积分 or 谢谢参与. */
function newCampaign(now: Date): CampaignInput {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 31);
  return {
    name: '',
    startsAt: localIso(start),
    endsAt: localIso(end),
    drawsPerDay: 1,
    winsPerDay: 1,
    winsPerCampaign: 1,
    pointsPerExtraDraw: null,
    rulesText: '',
    prizes: [blankPrize('points', '10 积分', 2000), blankPrize('none', '谢谢参与', 8000)],
  };
}

/** What the editor saves of a listed campaign (its prizes without what the server counts). */
function toInput(c: CampaignAdminView): CampaignInput {
  return {
    id: c.id,
    name: c.name,
    startsAt: c.startsAt,
    endsAt: c.endsAt,
    drawsPerDay: c.drawsPerDay,
    winsPerDay: c.winsPerDay,
    winsPerCampaign: c.winsPerCampaign,
    pointsPerExtraDraw: c.pointsPerExtraDraw,
    rulesText: c.rulesText,
    prizes: c.prizes.map((p) => ({
      kind: p.kind,
      name: p.name,
      odds: p.odds,
      stock: p.stock,
      dailyCap: p.dailyCap,
      valueFen: p.valueFen,
      couponTemplateId: p.couponTemplateId,
      points: p.points,
      imageUrl: p.imageUrl,
    })),
  };
}

function stateOf(c: { startsAt: string; endsAt: string }, now: Date): { key: string; name: string } {
  if (now < new Date(c.startsAt)) return { key: 'upcoming', name: '未开始' };
  if (now < new Date(c.endsAt)) return { key: 'running', name: '进行中' };
  return { key: 'ended', name: '已结束' };
}

function PrizeEditor({ form, i, prize, templates, onRemove }: { form: EditForm<CampaignInput>; i: number; prize: Prize; templates: ReturnType<typeof useTemplates>; onRemove?: () => void }) {
  const at = (key: keyof Prize) => `prizes.${i}.${key}`;
  return (
    <View className={`admin-editor__prize admin-editor__prize--${prize.kind}`} data-prize={i}>
      <View className='admin-editor__prize-head'>
        <Text className='admin-editor__prize-title'>奖品 {i + 1}</Text>
        {onRemove && (
          <Text className='admin-editor__prize-remove' onClick={onRemove}>
            删除
          </Text>
        )}
      </View>
      <ChoiceField form={form} path={at('kind')} label='类型' choices={KINDS} onChoose={(kind) => form.set(`prizes.${i}`, withKind(prize, kind))} />
      <TextField form={form} path={at('name')} label='名称' maxlength={30} />
      <NumberField form={form} path={at('odds')} label='中奖概率' unit='bp' suffix='%' />
      {prize.kind !== 'none' && <NumberField form={form} path={at('valueFen')} label='奖品价值' unit='yuan' suffix='元' hint='单个奖品不得超过 50000 元' />}
      {prize.kind === 'points' && <NumberField form={form} path={at('points')} label='积分数' suffix='积分' />}
      {prize.kind === 'coupon' && (
        <PickField form={form} path={at('couponTemplateId')} label='优惠券' options={templates.options} loading={templates.loading} loadError={templates.error} />
      )}
      {prize.kind !== 'none' && (
        <>
          <NumberField form={form} path={at('stock')} label='总库存' suffix='份' emptyMeans='不限' />
          <NumberField form={form} path={at('dailyCap')} label='每天最多发' suffix='份' emptyMeans='不限' />
        </>
      )}
    </View>
  );
}

function useTemplates() {
  const t = useCall(() => call('admin', 'couponTemplates', {}), []);
  return { options: templateOptions(t.data ?? []), loading: t.loading, error: t.error };
}

/** The odds as typed add up to this many basis points (a field not yet a number counts 0). */
const oddsTotal = (prizes: Prize[]) => prizes.reduce((sum, p) => sum + (typeof p.odds === 'number' ? p.odds : 0), 0);

function CampaignEditor({ initial, started, onSaved, onBack }: { initial: CampaignInput; started: boolean; onSaved(c: CampaignAdminView): void; onBack(): void }) {
  const form = useEditForm<CampaignInput>(initial);
  const templates = useTemplates();
  const submit = useSubmit(form, 'campaign', (campaign) => call('admin', 'saveCampaign', { campaign }), onSaved);
  const c = form.value!;
  const total = oddsTotal(c.prizes);
  const balanced = total === ODDS_TOTAL;

  return (
    <EditorFrame
      back='返回活动列表'
      submit={submit}
      canSave={balanced && !started}
      onBack={onBack}
      status={
        <Text className={`admin-editor__total ${balanced ? 'admin-editor__total--ok' : 'admin-editor__total--off'}`}>
          概率合计 {total / 100}%{balanced ? '' : `（须为 100%，${total < ODDS_TOTAL ? '还差' : '多了'} ${Math.abs(ODDS_TOTAL - total) / 100}%）`}
        </Text>
      }
    >
      {started && <View className='admin-editor__locked'>活动已开始，奖品和概率不能再修改</View>}
      <View className='admin-editor__card'>
        <TextField form={form} path='name' label='活动名称' maxlength={40} placeholder='如 新年签到抽奖' />
        <TimeField form={form} path='startsAt' label='开始时间' />
        <TimeField form={form} path='endsAt' label='结束时间' />
        <NumberField form={form} path='drawsPerDay' label='每人每天可抽' suffix='次' />
        <NumberField form={form} path='winsPerDay' label='每人每天最多中' suffix='次' />
        <NumberField form={form} path='winsPerCampaign' label='每人活动期间最多中' suffix='次' />
        <NumberField form={form} path='pointsPerExtraDraw' label='积分加抽' suffix='积分/次' emptyMeans='不支持' />
      </View>
      {c.prizes.map((p, i) => (
        <PrizeEditor
          key={i}
          form={form}
          i={i}
          prize={p}
          templates={templates}
          onRemove={c.prizes.length > 2 ? () => form.setList('prizes', c.prizes.filter((_, j) => j !== i)) : undefined}
        />
      ))}
      {c.prizes.length < MAX_PRIZES && (
        <View className='admin-editor__add' onClick={() => form.setList('prizes', [...c.prizes, blankPrize('coupon', '', 0)])}>
          + 添加奖品
        </View>
      )}
    </EditorFrame>
  );
}

function CampaignCard({ c, now, onOpen }: { c: CampaignAdminView; now: Date; onOpen(): void }) {
  const state = stateOf(c, now);
  const top = c.prizes.reduce((max, p) => Math.max(max, p.valueFen), 0);
  return (
    <View className='admin-editor__card admin-editor__item' data-campaign={c.id} onClick={onOpen}>
      <View className='admin-editor__line'>
        <Text className='admin-editor__name'>{c.name}</Text>
        <Text className={`admin-editor__state admin-editor__state--${state.key}`}>{state.name}</Text>
      </View>
      <Text className='admin-editor__when'>
        {shownTime(c.startsAt)} — {shownTime(c.endsAt)}
      </Text>
      <Text className='admin-editor__prizes'>
        {c.prizes.map((p) => `${p.name} ${p.oddsPercent}%`).join(' · ')}
      </Text>
      <Text className='admin-editor__figures'>
        已发 {c.prizes.reduce((n, p) => n + (p.kind === 'none' ? 0 : p.awarded), 0)} 份 · 最高奖价值 {formatYuan(top)}
      </Text>
    </View>
  );
}

/**
 * 抽奖活动: the campaigns with their window, prizes and odds; a campaign not yet started (or a
 * new one) edited with the odds' live total (100% to save); the server's refusal — a prize
 * worth more than ¥50,000 — shown at the prize's value and under 保存.
 */
export function AdminCampaignsScreen({ now = new Date() }: { now?: Date }) {
  const list = useCall(() => call('admin', 'campaigns', {}), []);
  const edit = useEditing<CampaignAdminView, { input: CampaignInput; started: boolean }>(list);
  return (
    <View className='app-page admin-editor admin-campaigns'>
      {edit.editing ? (
        <CampaignEditor initial={edit.editing.input} started={edit.editing.started} onBack={edit.close} onSaved={edit.saved} />
      ) : (
        <EditorList list={list} newText='新建抽奖活动' empty='还没有抽奖活动' onNew={() => edit.open({ input: newCampaign(now), started: false })}>
          {(c) => <CampaignCard key={c.id} c={c} now={now} onOpen={() => edit.open({ input: toInput(c), started: stateOf(c, now).key !== 'upcoming' })} />}
        </EditorList>
      )}
    </View>
  );
}

export default function AdminCampaignsPage() {
  return (
    <SessionGate>
      <AdminGate>
        <AdminCampaignsScreen />
      </AdminGate>
    </SessionGate>
  );
}
