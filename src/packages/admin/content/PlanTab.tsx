import { Text, View } from '@tarojs/components';
import type { PlanCardKind, PlanPostAdminView, PlanPostInput } from '@cloud/contract';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import { EditorFrame, EditorList, useEditing, useSubmit } from '../components/EditorParts';
import { ChoiceField, PickField, TextField } from '../components/Fields';
import { useEditForm } from '../components/use-edit-form';
import TextAreaField from './TextAreaField';

const REPEATS = [
  { value: 'daily', name: '每天' },
  { value: 'member_day', name: '会员日' },
  { value: '1', name: '每周一' },
  { value: '2', name: '每周二' },
  { value: '3', name: '每周三' },
  { value: '4', name: '每周四' },
  { value: '5', name: '每周五' },
  { value: '6', name: '每周六' },
  { value: '7', name: '每周日' },
] as const;

const CARDS: ReadonlyArray<{ value: PlanCardKind; name: string }> = [
  { value: 'none', name: '不带卡片' },
  { value: 'checkin', name: '签到页' },
  { value: 'night_market', name: '今晚夜市品类' },
  { value: 'category', name: '商品分类' },
  { value: 'product', name: '商品' },
];

const ACTIVE = [
  { value: true, name: '启用' },
  { value: false, name: '停用' },
] as const;

const repeatName = (repeat: string) => REPEATS.find((r) => r.value === repeat)?.name ?? repeat;
const cardName = (card: PlanCardKind) => CARDS.find((c) => c.value === card)?.name ?? card;

const NEW_POST: PlanPostInput = { repeat: 'daily', atTime: '10:00', title: '', body: '', card: 'none', cardRefId: null, active: true };

function toInput(p: PlanPostAdminView): PlanPostInput {
  const { cardRefName: _name, ...input } = p;
  return input;
}

function PlanEditor({ initial, refName, onSaved, onBack }: { initial: PlanPostInput; refName: string | null; onSaved(p: PlanPostAdminView): void; onBack(): void }) {
  const form = useEditForm<PlanPostInput>(initial);
  const submit = useSubmit(form, 'post', (post) => call('admin', 'saveGroupPlanPost', { post }), onSaved);
  const p = form.value!;
  const categories = useCall(() => (p.card === 'category' ? call('admin', 'categories', {}) : Promise.resolve([])), [p.card]);
  const products = useCall(() => (p.card === 'product' ? call('admin', 'products', {}).then((page) => page.items) : Promise.resolve([])), [p.card]);
  const refs = p.card === 'category' ? (categories.data ?? []).map((c) => ({ value: c.id, name: c.name })) : (products.data ?? []).map((x) => ({ value: x.id, name: x.name, sub: x.categoryName }));
  // The card's product may be older than the newest page: it stays pickable by its name.
  const current = p.cardRefId && refName && !refs.some((o) => o.value === p.cardRefId) ? [{ value: p.cardRefId, name: refName }] : [];
  return (
    <EditorFrame back='返回社群计划' submit={submit} onBack={onBack} status={<Text className='admin-editor__preview'>{`${repeatName(p.repeat)} ${p.atTime}`}</Text>}>
      <View className='admin-editor__card'>
        <PickField form={form} path='repeat' label='重复' options={REPEATS} />
        <TextField form={form} path='atTime' label='发送时间' maxlength={5} placeholder='如 20:00' />
        <TextField form={form} path='title' label='标题' maxlength={20} placeholder='如 日签提醒' />
        <TextAreaField form={form} path='body' label='文案' maxlength={500} hint='可用变量：{今晚品类} {会员日} {会员日折扣} {日期}，发送当天自动替换' />
        <PickField
          form={form}
          path='card'
          label='分享卡片'
          options={CARDS}
        />
        {(p.card === 'category' || p.card === 'product') && (
          <PickField
            form={form}
            path='cardRefId'
            label={p.card === 'category' ? '分类' : '商品'}
            options={[...current, ...refs]}
            loading={p.card === 'category' ? categories.loading : products.loading}
            loadError={p.card === 'category' ? categories.error : products.error}
          />
        )}
        <ChoiceField form={form} path='active' label='状态' choices={ACTIVE} />
      </View>
    </EditorFrame>
  );
}

/** 社群计划: the brand's default weekly plan of group posts by time; guides see each day's posts per named group. */
export default function PlanTab() {
  const list = useCall(() => call('admin', 'groupPlanPosts', {}), []);
  const edit = useEditing<PlanPostAdminView, { input: PlanPostInput; refName: string | null }>(list);
  return edit.editing ? (
    <PlanEditor initial={edit.editing.input} refName={edit.editing.refName} onBack={edit.close} onSaved={edit.saved} />
  ) : (
    <EditorList list={list} newText='新建计划内容' empty='还没有社群计划：安排每天几点在群里发什么（如 10:00 日签、22:00 夜市开场）' onNew={() => edit.open({ input: NEW_POST, refName: null })}>
      {(p) => (
        <View key={p.id} className='admin-editor__card admin-editor__item admin-content__plan' data-plan-post={p.id} onClick={() => edit.open({ input: toInput(p), refName: p.cardRefName })}>
          <View className='admin-editor__line'>
            <Text className='admin-editor__name'>
              {p.atTime} {p.title}
            </Text>
            <Text className={`admin-editor__state admin-editor__state--${p.active ? 'running' : 'ended'}`}>{p.active ? repeatName(p.repeat) : '停用'}</Text>
          </View>
          <Text className='admin-editor__figures'>
            {cardName(p.card)}
            {p.cardRefName ? `：${p.cardRefName}` : ''} · {p.body}
          </Text>
        </View>
      )}
    </EditorList>
  );
}
