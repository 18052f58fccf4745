import { Text, View } from '@tarojs/components';
import type { MallItemAdminView, MallItemInput, TierKey } from '@cloud/contract';
import AdminGate from '@/components/AdminGate';
import SessionGate from '@/components/SessionGate';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import { formatYuan } from '@/utils/money';
import { EditorFrame, EditorList, useEditing, useSubmit } from '../components/EditorParts';
import { ChoiceField, NumberField, PickField, TextField, TimeField } from '../components/Fields';
import { templateOptions } from '../components/coupon-templates';
import { TIER_NAMES } from '../components/labels';
import { useEditForm } from '../components/use-edit-form';

const KINDS = [
  { value: 'goods', name: '实物' },
  { value: 'coupon', name: '优惠券' },
] as const;
const CURRENCIES = [
  { value: 'points', name: '积分' },
  { value: 'group_points', name: '社群积分' },
] as const;
const ACTIVE = [
  { value: true, name: '上架' },
  { value: false, name: '下架' },
] as const;
const TIERS = (Object.keys(TIER_NAMES) as TierKey[]).map((key) => ({ value: key, name: TIER_NAMES[key].replace('会员', '') }));

const NEW_ITEM: MallItemInput = {
  name: '',
  description: '',
  imageUrl: null,
  kind: 'goods',
  couponTemplateId: null,
  currency: 'points',
  pointsPrice: 100,
  cashFen: 0,
  stock: null,
  perMemberLimit: null,
  minTier: 'normal',
  startsAt: null,
  endsAt: null,
  active: true,
};

/** What the editor saves of a listed item (without what the server counts). */
function toInput(i: MallItemAdminView): MallItemInput {
  const { redeemed: _counted, ...input } = i;
  return input;
}

const priceText = (i: MallItemInput) =>
  i.currency === 'group_points' ? `${i.pointsPrice} 社群积分` : `${i.pointsPrice} 积分${i.cashFen > 0 ? ` + ${formatYuan(i.cashFen)}` : ''}`;

function ItemEditor({ initial, redeemed, onSaved, onBack }: { initial: MallItemInput; redeemed: number; onSaved(i: MallItemAdminView): void; onBack(): void }) {
  const form = useEditForm<MallItemInput>(initial);
  const templates = useCall(() => call('admin', 'couponTemplates', {}), []);
  const submit = useSubmit(form, 'item', (item) => call('admin', 'saveMallItem', { item }), onSaved);
  const item = form.value!;

  return (
    <EditorFrame back='返回积分商城' submit={submit} onBack={onBack} status={<Text className='admin-editor__preview'>{priceText(item)}</Text>}>
      <View className='admin-editor__card'>
        <TextField form={form} path='name' label='名称' maxlength={30} placeholder='如 帆布袋' />
        <TextField form={form} path='description' label='说明' maxlength={500} />
        <ChoiceField
          form={form}
          path='kind'
          label='类型'
          choices={KINDS}
          onChoose={(kind) => {
            form.set('kind', kind);
            // Goods carry no coupon template; a coupon item picks one.
            if (kind === 'goods') form.set('couponTemplateId', null);
          }}
        />
        {item.kind === 'coupon' && (
          <PickField form={form} path='couponTemplateId' label='优惠券' options={templateOptions(templates.data ?? [])} loading={templates.loading} loadError={templates.error} />
        )}
        <ChoiceField
          form={form}
          path='currency'
          label='兑换用'
          choices={CURRENCIES}
          onChoose={(currency) => {
            form.set('currency', currency);
            // 社群积分 items are redeemed outright: no cash part.
            if (currency === 'group_points') form.set('cashFen', 0);
          }}
        />
        <NumberField form={form} path='pointsPrice' label='兑换价格' suffix={item.currency === 'group_points' ? '社群积分' : '积分'} />
        {item.currency === 'points' && <NumberField form={form} path='cashFen' label='另加现金' unit='yuan' suffix='元' hint='0 为纯积分兑换' />}
        <NumberField form={form} path='stock' label='总库存' suffix='件' emptyMeans='不限' hint={`已兑换 ${redeemed} 件；总库存不能少于已兑换`} />
        <NumberField form={form} path='perMemberLimit' label='每人限兑' suffix='件' emptyMeans='不限' />
        <ChoiceField form={form} path='minTier' label='最低等级' choices={TIERS} />
        <TimeField form={form} path='startsAt' label='开始兑换' emptyMeans='立即' />
        <TimeField form={form} path='endsAt' label='结束兑换' emptyMeans='长期' />
        <ChoiceField form={form} path='active' label='状态' choices={ACTIVE} />
      </View>
    </EditorFrame>
  );
}

/**
 * 积分商城: the mall's items with price, stock and what was redeemed; one edited or a new one
 * made (积分 or 社群积分, 现金 in yuan, stock, limit, lowest tier, window); the server's refusal at the
 * field it names — a total stock below what was redeemed among them.
 */
export function AdminMallScreen() {
  const list = useCall(() => call('admin', 'mallItems', {}), []);
  const edit = useEditing<MallItemAdminView, { input: MallItemInput; redeemed: number }>(list);
  return (
    <View className='app-page admin-editor admin-mall'>
      {edit.editing ? (
        <ItemEditor initial={edit.editing.input} redeemed={edit.editing.redeemed} onBack={edit.close} onSaved={edit.saved} />
      ) : (
        <EditorList list={list} newText='新建兑换商品' empty='积分商城还没有商品' onNew={() => edit.open({ input: NEW_ITEM, redeemed: 0 })}>
          {(i) => (
            <View key={i.id} className='admin-editor__card admin-editor__item admin-mall__item' data-item={i.id} onClick={() => edit.open({ input: toInput(i), redeemed: i.redeemed })}>
              <View className='admin-editor__line'>
                <Text className='admin-editor__name'>{i.name}</Text>
                <Text className={`admin-editor__state admin-editor__state--${i.active ? 'running' : 'ended'}`}>{i.active ? '上架' : '下架'}</Text>
              </View>
              <Text className='admin-editor__prizes'>
                {KINDS.find((k) => k.value === i.kind)?.name} · {priceText(i)}
                {i.minTier !== 'normal' ? ` · ${TIER_NAMES[i.minTier]}及以上` : ''}
              </Text>
              <Text className='admin-editor__figures'>
                {i.stock === null ? '库存不限' : `库存 ${i.stock}`} · 已兑换 {i.redeemed}
              </Text>
            </View>
          )}
        </EditorList>
      )}
    </View>
  );
}

export default function AdminMallPage() {
  return (
    <SessionGate>
      <AdminGate>
        <AdminMallScreen />
      </AdminGate>
    </SessionGate>
  );
}
