import { Text, View } from '@tarojs/components';
import type { ScriptAdminView, ScriptInput } from '@cloud/contract';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import { EditorFrame, EditorList, useEditing, useSubmit } from '../components/EditorParts';
import { ChoiceField, NumberField, TextField } from '../components/Fields';
import { useEditForm } from '../components/use-edit-form';
import TextAreaField from './TextAreaField';

const CATEGORIES = [
  { value: 'product', name: '产品' },
  { value: 'activity', name: '活动' },
  { value: 'after_sales', name: '售后' },
  { value: 'store', name: '线下门店' },
] as const;

const ACTIVE = [
  { value: true, name: '导购可见' },
  { value: false, name: '下线' },
] as const;

const NEW_SCRIPT: ScriptInput = { category: 'product', question: '', answer: '', position: 0, active: true };

function toInput(s: ScriptAdminView): ScriptInput {
  const { categoryName: _name, copies: _copies, ...input } = s;
  return input;
}

function ScriptEditor({ initial, onSaved, onBack }: { initial: ScriptInput; onSaved(s: ScriptAdminView): void; onBack(): void }) {
  const form = useEditForm<ScriptInput>(initial);
  const submit = useSubmit(form, 'script', (script) => call('admin', 'saveScript', { script }), onSaved);
  return (
    <EditorFrame back='返回话术列表' submit={submit} onBack={onBack} status={<Text className='admin-editor__preview'>{form.value!.active ? '导购可见' : '已下线'}</Text>}>
      <View className='admin-editor__card'>
        <ChoiceField form={form} path='category' label='分类' choices={CATEGORIES} />
        <TextField form={form} path='question' label='会员的问题' maxlength={60} placeholder='如 这件偏码吗？' />
        <TextAreaField form={form} path='answer' label='回答' maxlength={1000} placeholder='导购复制后发给会员的话' />
        <NumberField form={form} path='position' label='排序' hint='复制次数相同时，数字小的排在前面' />
        <ChoiceField form={form} path='active' label='状态' choices={ACTIVE} />
      </View>
    </EditorFrame>
  );
}

/** 话术库: the answers by category with how often guides copied each; one edited or a new one written. */
export default function ScriptsTab() {
  const list = useCall(() => call('admin', 'scripts', {}), []);
  const edit = useEditing<ScriptAdminView, ScriptInput>(list);
  return edit.editing ? (
    <ScriptEditor initial={edit.editing} onBack={edit.close} onSaved={edit.saved} />
  ) : (
    <EditorList list={list} newText='新建话术' empty='还没有话术：把会员最常问的问题和回答写进来，导购一键复制' onNew={() => edit.open(NEW_SCRIPT)}>
      {(s) => (
        <View key={s.id} className='admin-editor__card admin-editor__item admin-content__script' data-script={s.id} onClick={() => edit.open(toInput(s))}>
          <View className='admin-editor__line'>
            <Text className='admin-editor__name'>{s.question}</Text>
            <Text className={`admin-editor__state admin-editor__state--${s.active ? 'running' : 'ended'}`}>{s.active ? s.categoryName : '已下线'}</Text>
          </View>
          <Text className='admin-editor__figures'>已被复制 {s.copies} 次</Text>
        </View>
      )}
    </EditorList>
  );
}
