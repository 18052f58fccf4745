import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { MallItemAdminView, MallItemInput, TierKey } from '@cloud/contract';
import AdminGate from '@/components/AdminGate';
import EmptyState from '@/components/EmptyState';
import SessionGate from '@/components/SessionGate';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import { messageOf } from '@/services/errors';
import { flag } from '@/utils/flag';
import { formatYuan } from '@/utils/money';
import { ChoiceField, NumberField, PickField, TextField, TimeField } from '../components/Fields';
import ListSkeleton from '../components/ListSkeleton';
import { templateOptions } from '../components/coupon-templates';
import { TIER_NAMES } from '../components/labels';
import { useEditForm } from '../components/use-edit-form';
import '../components/list.css';
import '../components/editor.css';

const KINDS = [
  { value: 'goods', name: '实物' },
  { value: 'coupon', name: '优惠券' },
] as const;
const ACTIVE = [
  { value: true, name: '上架' },
  { value: false, name: '下架' },
] as const;
const TIERS = (Object.keys(TIER_NAMES) as TierKey[]).map((key) => ({ value: key, name: TIER_NAMES[key].replace('会员', '') }));

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2000 });

const NEW_ITEM: MallItemInput = {
  name: '',
  description: '',
  imageUrl: null,
  kind: 'goods',
  couponTemplateId: null,
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

const priceText = (i: MallItemInput) => `${i.pointsPrice} 积分${i.cashFen > 0 ? ` + ${formatYuan(i.cashFen)}` : ''}`;

function ItemEditor({ initial, redeemed, onSaved, onBack }: { initial: MallItemInput; redeemed: number; onSaved(i: MallItemAdminView): void; onBack(): void }) {
  const form = useEditForm<MallItemInput>(initial);
  const templates = useCall(() => call('admin', 'couponTemplates', {}), []);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const item = form.value!;

  const save = async () => {
    if (busy) return;
    setBusy(true);
    setRefusal(null);
    try {
      const saved = await call('admin', 'saveMallItem', { item });
      toast('已保存');
      onSaved(saved);
    } catch (err) {
      form.refused(err);
      setRefusal(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='admin-mall__editor'>
      <View className='admin-editor__back' onClick={onBack}>
        ‹ 返回积分商城
      </View>
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
        <NumberField form={form} path='pointsPrice' label='兑换积分' suffix='积分' />
        <NumberField form={form} path='cashFen' label='另加现金' unit='yuan' suffix='元' hint='0 为纯积分兑换' />
        <NumberField form={form} path='stock' label='总库存' suffix='件' emptyMeans='不限' hint={`已兑换 ${redeemed} 件；总库存不能少于已兑换`} />
        <NumberField form={form} path='perMemberLimit' label='每人限兑' suffix='件' emptyMeans='不限' />
        <ChoiceField form={form} path='minTier' label='最低等级' choices={TIERS} />
        <TimeField form={form} path='startsAt' label='开始兑换' emptyMeans='立即' />
        <TimeField form={form} path='endsAt' label='结束兑换' emptyMeans='长期' />
        <ChoiceField form={form} path='active' label='状态' choices={ACTIVE} />
      </View>
      <View className='admin-editor__bar'>
        <View className='admin-editor__bar-texts'>
          <Text className='admin-editor__preview'>{priceText(item)}</Text>
          {refusal && <Text className='admin-editor__refusal'>{refusal}</Text>}
        </View>
        <Button className='admin-editor__save' size='mini' loading={flag(busy)} disabled={flag(busy)} onClick={() => void save()}>
          保存
        </Button>
      </View>
    </View>
  );
}

/**
 * 积分商城: the mall's items with price, stock and what was redeemed; one edited or a new one
 * made (积分 and 现金 in yuan, stock, limit, lowest tier, window); the server's refusal at the
 * field it names — a total stock below what was redeemed among them.
 */
export function AdminMallScreen() {
  const list = useCall(() => call('admin', 'mallItems', {}), []);
  const [editing, setEditing] = useState<{ input: MallItemInput; redeemed: number } | null>(null);

  if (editing) {
    return (
      <View className='app-page admin-editor admin-mall'>
        <ItemEditor
          initial={editing.input}
          redeemed={editing.redeemed}
          onBack={() => setEditing(null)}
          onSaved={(saved) => {
            list.setData((items) => [saved, ...(items ?? []).filter((x) => x.id !== saved.id)]);
            setEditing(null);
          }}
        />
      </View>
    );
  }
  return (
    <View className='app-page admin-editor admin-mall'>
      <Button className='admin-editor__new' onClick={() => setEditing({ input: NEW_ITEM, redeemed: 0 })}>
        新建兑换商品
      </Button>
      {list.data ? (
        list.data.length === 0 ? (
          <View className='admin-list'>
            <EmptyState compact text='积分商城还没有商品' />
          </View>
        ) : (
          list.data.map((i) => (
            <View key={i.id} className='admin-editor__card admin-editor__item admin-mall__item' data-item={i.id} onClick={() => setEditing({ input: toInput(i), redeemed: i.redeemed })}>
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
          ))
        )
      ) : list.error ? (
        <View className='admin-list admin-list__msg' onClick={() => void list.reload()}>
          {list.error}，点击重试
        </View>
      ) : (
        <ListSkeleton rows={3} />
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
