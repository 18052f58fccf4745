import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef } from 'react';
import type { ProductAdminView, ProductInput } from '@cloud/contract';
import AdminGate from '@/components/AdminGate';
import SessionGate from '@/components/SessionGate';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import { isApiError } from '@/services/errors';
import { formatYuan } from '@/utils/money';
import { EditorFrame, useSubmit } from '../components/EditorParts';
import { ChoiceField, NumberField, PickField, TextField, TimeField } from '../components/Fields';
import ListSkeleton from '../components/ListSkeleton';
import { useEditForm } from '../components/use-edit-form';
import '../components/list.css';
import '../components/editor.css';
import './index.css';

const ACTIVE = [
  { value: true, name: '上架' },
  { value: false, name: '下架' },
] as const;
const MAX_IMAGES = 9;
const MAX_SKUS = 60;

const NEW_PRODUCT: ProductInput = {
  categoryId: '',
  name: '',
  subtitle: '',
  description: '',
  images: [],
  launchStartsAt: null,
  launchEndsAt: null,
  active: true,
  position: 0,
  skus: [{ size: '', color: '', priceFen: 0, stock: 0, stockSeen: null }],
};

/** What the editor saves of a product (without what the server counts). */
function toInput(p: ProductAdminView): ProductInput {
  return {
    id: p.id,
    categoryId: p.categoryId,
    name: p.name,
    subtitle: p.subtitle,
    description: p.description,
    images: p.images,
    launchStartsAt: p.launchStartsAt,
    launchEndsAt: p.launchEndsAt,
    active: p.active,
    position: p.position,
    skus: p.skus.map((s) => ({ size: s.size, color: s.color, priceFen: s.priceFen, stock: s.stock, stockSeen: s.stock })),
  };
}

/**
 * Each SKU carries the stock the server last showed for its (size, colour), so the save changes a
 * stock only from what the admin saw; a pair the product does not have yet is new (null). A stock
 * the admin left as loaded follows the server's: read again after an order, it is not put back.
 */
function withStockSeen(p: ProductInput, shown: ProductAdminView | null): ProductInput {
  const seen = (size: string, color: string) => shown?.skus.find((s) => s.size === size.trim() && s.color === color.trim())?.stock ?? null;
  return {
    ...p,
    skus: p.skus.map((s) => {
      const now = seen(s.size, s.color);
      const untouched = s.stockSeen !== null && s.stock === s.stockSeen;
      return { ...s, stock: untouched && now !== null ? now : s.stock, stockSeen: now };
    }),
  };
}

function ProductEditor({ shown, onSaved, onStale }: { shown: ProductAdminView | null; onSaved(p: ProductAdminView): void; onStale(): void }) {
  const form = useEditForm<ProductInput>(shown ? toInput(shown) : NEW_PRODUCT);
  const categories = useCall(() => call('admin', 'categories', {}), []);
  const submit = useSubmit(
    form,
    'product',
    async (product) => {
      try {
        return await call('admin', 'saveProduct', { product: withStockSeen(product, shown) });
      } catch (err) {
        // An order reserved since the form loaded: the stock shown again is the one to start from.
        if (isApiError(err) && err.code === 'STOCK_CHANGED') onStale();
        throw err;
      }
    },
    (saved) => {
      form.reset();
      onSaved(saved);
    },
  );
  const p = form.value!;
  const soldOf = (size: string, color: string) => shown?.skus.find((s) => s.size === size && s.color === color)?.sold ?? 0;
  const stockOf = (size: string, color: string) => shown?.skus.find((s) => s.size === size && s.color === color)?.stock;
  const prices = p.skus.map((s) => s.priceFen).filter((f) => typeof f === 'number' && f > 0);
  const categoryOptions = (categories.data ?? []).map((c) => ({ value: c.id, name: c.name, sub: `${c.productCount} 件商品${c.active ? '' : ' · 已停用'}` }));

  return (
    <EditorFrame
      back='返回商品列表'
      submit={submit}
      onBack={() => void Taro.navigateBack()}
      status={<Text className='admin-editor__preview'>{prices.length ? `${formatYuan(Math.min(...prices))}${new Set(prices).size > 1 ? ' 起' : ''} · ${p.skus.length} 个规格` : `${p.skus.length} 个规格`}</Text>}
    >
      <View className='admin-editor__card'>
        <TextField form={form} path='name' label='商品名称' maxlength={40} placeholder='如 法式碎花茶歇裙' />
        <PickField form={form} path='categoryId' label='分类' options={categoryOptions} loading={categories.loading} loadError={categories.error} />
        <TextField form={form} path='subtitle' label='副标题' maxlength={60} placeholder='如 收腰显瘦' />
        <NumberField form={form} path='position' label='排序' hint='数字小的排在前面' />
        <ChoiceField form={form} path='active' label='状态' choices={ACTIVE} />
        <TimeField form={form} path='launchStartsAt' label='新款首发开始' emptyMeans='不设新款首发' />
        <TimeField form={form} path='launchEndsAt' label='新款首发结束' emptyMeans='不设新款首发' />
      </View>

      <View className='admin-editor__prize admin-product__images'>
        <View className='admin-editor__prize-head'>
          <Text className='admin-editor__prize-title'>商品图片（第一张为主图）</Text>
        </View>
        {p.images.map((_, i) => (
          <View key={i} className='admin-product__image' data-image={i}>
            <TextField form={form} path={`images.${i}`} label={`图片 ${i + 1}`} maxlength={300} placeholder='https://… 或 /catalog-images/…' />
            <Text className='admin-editor__prize-remove' onClick={() => form.setList('images', p.images.filter((_, j) => j !== i))}>
              删除
            </Text>
          </View>
        ))}
        {p.images.length < MAX_IMAGES && (
          <View className='admin-editor__add admin-product__add-image' onClick={() => form.setList('images', [...p.images, ''])}>
            + 添加图片
          </View>
        )}
      </View>

      {p.skus.map((s, i) => {
        const was = stockOf(s.size, s.color);
        return (
          <View key={i} className='admin-editor__prize admin-product__sku' data-sku={i}>
            <View className='admin-editor__prize-head'>
              <Text className='admin-editor__prize-title'>规格 {i + 1}</Text>
              {p.skus.length > 1 && (
                <Text className='admin-editor__prize-remove' onClick={() => form.setList('skus', p.skus.filter((_, j) => j !== i))}>
                  删除
                </Text>
              )}
            </View>
            <TextField form={form} path={`skus.${i}.size`} label='尺码' maxlength={10} placeholder='如 M，均码可不填' />
            <TextField form={form} path={`skus.${i}.color`} label='颜色' maxlength={10} placeholder='如 黑色，单色可不填' />
            <NumberField form={form} path={`skus.${i}.priceFen`} label='售价' unit='yuan' suffix='元' />
            <NumberField
              form={form}
              path={`skus.${i}.stock`}
              label='库存'
              suffix='件'
              hint={was === undefined ? '新规格' : `当前库存 ${was} 件 · 已售 ${soldOf(s.size, s.color)} 件`}
            />
          </View>
        );
      })}
      {p.skus.length < MAX_SKUS && (
        <View className='admin-editor__add admin-product__add-sku' onClick={() => form.setList('skus', [...p.skus, { size: '', color: '', priceFen: 0, stock: 0, stockSeen: null }])}>
          + 添加规格
        </View>
      )}
      <View className='admin-editor__figures admin-product__note'>删除的规格会保留在已有订单中，并下架（库存归零）</View>
    </EditorFrame>
  );
}

/**
 * 商品编辑: a product's name, category, subtitle, images (URLs), SKUs (size, colour, price in yuan,
 * stock), 上架 and the 新款首发 window; a new one when opened without an id. A stock is saved only
 * from the stock the form showed: an order reserving since makes the server refuse it at that SKU,
 * and the product is read again so the next 保存 starts from the stock there is now.
 */
export function AdminProductScreen({ id }: { id: string | null }) {
  const idRef = useRef(id);
  const product = useCall(() => (idRef.current ? call('admin', 'product', { id: idRef.current }) : Promise.resolve(null)), []);
  const loaded = !idRef.current || product.data !== null;
  return (
    <View className='app-page admin-editor admin-product'>
      {loaded ? (
        <ProductEditor
          key={product.data?.id ?? 'new'}
          shown={product.data}
          onStale={() => void product.reload()}
          onSaved={(saved) => {
            idRef.current = saved.id;
            product.setData(saved);
          }}
        />
      ) : product.error ? (
        <View className='admin-list admin-list__msg' onClick={() => void product.reload()}>
          {product.error}，点击重试
        </View>
      ) : (
        <ListSkeleton rows={4} />
      )}
    </View>
  );
}

export default function AdminProductPage() {
  const { params } = useRouter();
  return (
    <SessionGate>
      <AdminGate>
        <AdminProductScreen id={params.id ?? null} />
      </AdminGate>
    </SessionGate>
  );
}
