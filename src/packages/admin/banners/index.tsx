import { Text, View } from '@tarojs/components';
import type { BannerAdminView, BannerInput } from '@cloud/contract';
import AdminGate from '@/components/AdminGate';
import SessionGate from '@/components/SessionGate';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import { EditorFrame, EditorList, useEditing, useSubmit } from '../components/EditorParts';
import { ChoiceField, NumberField, PickField, TextField } from '../components/Fields';
import { useEditForm } from '../components/use-edit-form';

const ACTIVE = [
  { value: true, name: '展示' },
  { value: false, name: '隐藏' },
] as const;

const NEW_BANNER: BannerInput = { title: '', imageUrl: '', productId: null, position: 0, active: true };

function toInput(b: BannerAdminView): BannerInput {
  const { productName: _shown, ...input } = b;
  return input;
}

function BannerEditor({ initial, productName, onSaved, onBack }: { initial: BannerInput; productName: string | null; onSaved(b: BannerAdminView): void; onBack(): void }) {
  const form = useEditForm<BannerInput>(initial);
  const products = useCall(() => call('admin', 'products', {}), []);
  const submit = useSubmit(form, 'banner', (banner) => call('admin', 'saveBanner', { banner }), onSaved);
  const options = (products.data?.items ?? []).map((p) => ({ value: p.id, name: p.name, sub: p.categoryName }));
  // The product the banner opens may be older than the newest page: it stays pickable by its name.
  const current = initial.productId && productName && !options.some((o) => o.value === initial.productId) ? [{ value: initial.productId, name: productName }] : [];
  const b = form.value!;
  return (
    <EditorFrame back='返回横幅列表' submit={submit} onBack={onBack} status={<Text className='admin-editor__preview'>{b.active ? '首页展示' : '不展示'}</Text>}>
      <View className='admin-editor__card'>
        <TextField form={form} path='title' label='标题' maxlength={30} placeholder='如 新款首发' />
        <TextField form={form} path='imageUrl' label='图片地址' maxlength={300} placeholder='https://… 或 /catalog-images/…' />
        <PickField form={form} path='productId' label='点击打开' none='不跳转' options={[...current, ...options]} loading={products.loading} loadError={products.error} />
        <NumberField form={form} path='position' label='排序' hint='数字小的排在前面' />
        <ChoiceField form={form} path='active' label='状态' choices={ACTIVE} />
      </View>
    </EditorFrame>
  );
}

/** 首页横幅: the banners in their order with the product each opens; one edited or a new one made (title, image URL, product, order, shown or not). */
export function AdminBannersScreen() {
  const list = useCall(() => call('admin', 'banners', {}), []);
  const edit = useEditing<BannerAdminView, { input: BannerInput; productName: string | null }>(list);
  return (
    <View className='app-page admin-editor admin-banners'>
      {edit.editing ? (
        <BannerEditor initial={edit.editing.input} productName={edit.editing.productName} onBack={edit.close} onSaved={edit.saved} />
      ) : (
        <EditorList list={list} newText='新建横幅' empty='还没有横幅' onNew={() => edit.open({ input: NEW_BANNER, productName: null })}>
          {(b) => (
            <View key={b.id} className='admin-editor__card admin-editor__item admin-banners__item' data-banner={b.id} onClick={() => edit.open({ input: toInput(b), productName: b.productName })}>
              <View className='admin-editor__line'>
                <Text className='admin-editor__name'>{b.title}</Text>
                <Text className={`admin-editor__state admin-editor__state--${b.active ? 'running' : 'ended'}`}>{b.active ? '展示' : '隐藏'}</Text>
              </View>
              <Text className='admin-editor__figures'>
                排序 {b.position} · {b.productName ? `打开 ${b.productName}` : '不跳转'}
              </Text>
            </View>
          )}
        </EditorList>
      )}
    </View>
  );
}

export default function AdminBannersPage() {
  return (
    <SessionGate>
      <AdminGate>
        <AdminBannersScreen />
      </AdminGate>
    </SessionGate>
  );
}
