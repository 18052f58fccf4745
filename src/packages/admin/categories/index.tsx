import { Text, View } from '@tarojs/components';
import type { CategoryAdminView, CategoryInput } from '@cloud/contract';
import AdminGate from '@/components/AdminGate';
import SessionGate from '@/components/SessionGate';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import { EditorFrame, EditorList, useEditing, useSubmit } from '../components/EditorParts';
import { ChoiceField, NumberField, TextField } from '../components/Fields';
import { useEditForm } from '../components/use-edit-form';

const ACTIVE = [
  { value: true, name: '启用' },
  { value: false, name: '停用' },
] as const;

const NEW_CATEGORY: CategoryInput = { name: '', imageUrl: null, position: 0, active: true };

function toInput(c: CategoryAdminView): CategoryInput {
  const { productCount: _counted, ...input } = c;
  return input;
}

function CategoryEditor({ initial, productCount, onSaved, onBack }: { initial: CategoryInput; productCount: number; onSaved(c: CategoryAdminView): void; onBack(): void }) {
  const form = useEditForm<CategoryInput>(initial);
  // An emptied image field means no image, not an empty address.
  const submit = useSubmit(form, 'category', (category) => call('admin', 'saveCategory', { category: { ...category, imageUrl: category.imageUrl?.trim() || null } }), onSaved);
  return (
    <EditorFrame back='返回分类列表' submit={submit} onBack={onBack} status={<Text className='admin-editor__preview'>{productCount} 件商品</Text>}>
      <View className='admin-editor__card'>
        <TextField form={form} path='name' label='分类名称' maxlength={20} placeholder='如 连衣裙' />
        <TextField form={form} path='imageUrl' label='图标地址' maxlength={300} placeholder='不填则不显示图标' />
        <NumberField form={form} path='position' label='排序' hint='数字小的排在前面' />
        <ChoiceField form={form} path='active' label='状态' choices={ACTIVE} />
      </View>
    </EditorFrame>
  );
}

/** 商品分类: the categories in their order with how many products each has; one renamed, reordered or stopped, or a new one made. */
export function AdminCategoriesScreen() {
  const list = useCall(() => call('admin', 'categories', {}), []);
  const edit = useEditing<CategoryAdminView, { input: CategoryInput; productCount: number }>(list);
  return (
    <View className='app-page admin-editor admin-categories'>
      {edit.editing ? (
        <CategoryEditor initial={edit.editing.input} productCount={edit.editing.productCount} onBack={edit.close} onSaved={edit.saved} />
      ) : (
        <EditorList list={list} newText='新建分类' empty='还没有分类' onNew={() => edit.open({ input: NEW_CATEGORY, productCount: 0 })}>
          {(c) => (
            <View key={c.id} className='admin-editor__card admin-editor__item admin-categories__item' data-category={c.id} onClick={() => edit.open({ input: toInput(c), productCount: c.productCount })}>
              <View className='admin-editor__line'>
                <Text className='admin-editor__name'>{c.name}</Text>
                <Text className={`admin-editor__state admin-editor__state--${c.active ? 'running' : 'ended'}`}>{c.active ? '启用' : '停用'}</Text>
              </View>
              <Text className='admin-editor__figures'>
                排序 {c.position} · {c.productCount} 件商品
              </Text>
            </View>
          )}
        </EditorList>
      )}
    </View>
  );
}

export default function AdminCategoriesPage() {
  return (
    <SessionGate>
      <AdminGate>
        <AdminCategoriesScreen />
      </AdminGate>
    </SessionGate>
  );
}
