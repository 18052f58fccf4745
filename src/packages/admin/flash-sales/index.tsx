import { Text, View } from '@tarojs/components';
import type { FlashSaleInput, FlashSaleListItem } from '@cloud/contract';
import AdminGate from '@/components/AdminGate';
import SessionGate from '@/components/SessionGate';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import { formatYuan } from '@/utils/money';
import { EditorFrame, EditorList, useEditing, useSubmit } from '../components/EditorParts';
import { NumberField, PickField, TimeField } from '../components/Fields';
import { shownTime } from '../components/times';
import { useEditForm } from '../components/use-edit-form';

const STATE_NAMES: Record<FlashSaleListItem['state'], { name: string; tone: 'running' | 'ended' }> = {
  upcoming: { name: '未开始', tone: 'running' },
  live: { name: '进行中', tone: 'running' },
  sold_out: { name: '已抢光', tone: 'ended' },
  ended: { name: '已结束', tone: 'ended' },
};

const NEW_SALE: FlashSaleInput = { productId: '', priceFen: 0, stock: 0, perMemberLimit: 1, startsAt: '', endsAt: '' };

function toInput(f: FlashSaleListItem): FlashSaleInput {
  return { id: f.id, productId: f.productId, priceFen: f.priceFen, stock: f.stock, perMemberLimit: f.perMemberLimit, startsAt: f.startsAt, endsAt: f.endsAt };
}

function SaleEditor({ initial, sale, onSaved, onBack }: { initial: FlashSaleInput; sale: FlashSaleListItem | null; onSaved(f: FlashSaleListItem): void; onBack(): void }) {
  const form = useEditForm<FlashSaleInput>(initial);
  // A new sale is of a product picked from the newest; a saved one stays with its product.
  const products = useCall(() => (sale ? Promise.resolve(null) : call('admin', 'products', {})), []);
  const productOptions = (products.data?.items ?? []).map((p) => ({ value: p.id, name: p.name, sub: `最低售价 ${formatYuan(Math.min(...p.skus.map((s) => s.priceFen)))}` }));
  const submit = useSubmit(
    form,
    'flashSale',
    async (flashSale) => {
      const saved = await call('admin', 'saveFlashSale', { flashSale });
      return { ...saved, productName: sale?.productName ?? productOptions.find((o) => o.value === saved.productId)?.name ?? '' };
    },
    onSaved,
  );
  const f = form.value!;
  return (
    <EditorFrame
      back='返回秒杀列表'
      submit={submit}
      onBack={onBack}
      status={<Text className='admin-editor__preview'>{typeof f.priceFen === 'number' && f.priceFen > 0 ? `秒杀价 ${formatYuan(f.priceFen)}` : '秒杀价未填'}</Text>}
    >
      <View className='admin-editor__card'>
        {sale ? (
          <View className='admin-field' data-path='productId'>
            <View className='admin-field__line'>
              <Text className='admin-field__label'>商品</Text>
              <Text className='admin-flash__product'>{sale.productName}</Text>
            </View>
          </View>
        ) : (
          <PickField form={form} path='productId' label='商品' options={productOptions} loading={products.loading} loadError={products.error} />
        )}
        <NumberField form={form} path='priceFen' label='秒杀价' unit='yuan' suffix='元' hint='须低于该商品所有规格的售价' />
        <NumberField form={form} path='stock' label='秒杀库存' suffix='件' hint={sale ? `已抢 ${sale.taken} 件；库存不能少于已抢` : undefined} />
        <NumberField form={form} path='perMemberLimit' label='每人限购' suffix='件' />
        <TimeField form={form} path='startsAt' label='开始时间' />
        <TimeField form={form} path='endsAt' label='结束时间' />
      </View>
    </EditorFrame>
  );
}

/**
 * 秒杀活动: the flash sales, latest start first, with their state and what was taken; one edited
 * (price in yuan, stock, per-member limit, window) or a new one made for a picked product; the
 * server's refusal at its field (a price not below the product's, an overlapping window).
 */
export function AdminFlashSalesScreen() {
  const list = useCall(() => call('admin', 'flashSales', {}), []);
  const edit = useEditing<FlashSaleListItem, { input: FlashSaleInput; sale: FlashSaleListItem | null }>(list);
  return (
    <View className='app-page admin-editor admin-flash'>
      {edit.editing ? (
        <SaleEditor initial={edit.editing.input} sale={edit.editing.sale} onBack={edit.close} onSaved={edit.saved} />
      ) : (
        <EditorList list={list} newText='新建秒杀' empty='还没有秒杀活动' onNew={() => edit.open({ input: NEW_SALE, sale: null })}>
          {(f) => (
            <View key={f.id} className='admin-editor__card admin-editor__item admin-flash__item' data-sale={f.id} onClick={() => edit.open({ input: toInput(f), sale: f })}>
              <View className='admin-editor__line'>
                <Text className='admin-editor__name'>{f.productName}</Text>
                <Text className={`admin-editor__state admin-editor__state--${STATE_NAMES[f.state].tone}`}>{STATE_NAMES[f.state].name}</Text>
              </View>
              <Text className='admin-editor__when'>
                {shownTime(f.startsAt)} 至 {shownTime(f.endsAt)}
              </Text>
              <Text className='admin-editor__figures'>
                秒杀价 {formatYuan(f.priceFen)} · 已抢 {f.taken}/{f.stock} · 每人限购 {f.perMemberLimit}
              </Text>
            </View>
          )}
        </EditorList>
      )}
    </View>
  );
}

export default function AdminFlashSalesPage() {
  return (
    <SessionGate>
      <AdminGate>
        <AdminFlashSalesScreen />
      </AdminGate>
    </SessionGate>
  );
}
