import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { CouponTemplateInput, CouponTemplateView } from '@cloud/contract';
import AdminGate from '@/components/AdminGate';
import SessionGate from '@/components/SessionGate';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import { couponCondition, couponValue } from '@/utils/money';
import { EditorFrame, EditorList, useEditing, useSubmit } from '../components/EditorParts';
import { ChoiceField, NumberField, TextField } from '../components/Fields';
import OptionSheet from '../components/OptionSheet';
import { useEditForm, type EditForm } from '../components/use-edit-form';
import './index.css';

const KINDS = [
  { value: 'amount_off', name: '满减券' },
  { value: 'percent_off', name: '折扣券' },
] as const;
const ACTIVE = [
  { value: true, name: '可发放' },
  { value: false, name: '停用' },
] as const;
const DEFAULT_VALID_DAYS = 30;

const NEW_TEMPLATE: CouponTemplateInput = {
  name: '',
  kind: 'amount_off',
  amountOffFen: null,
  percentOff: null,
  capFen: null,
  thresholdFen: 0,
  validFrom: null,
  validUntil: null,
  validDays: DEFAULT_VALID_DAYS,
  categoryIds: [],
  perMemberLimit: null,
  active: true,
};

function validityText(t: CouponTemplateInput): string {
  if (t.validDays !== null) return `领取后 ${t.validDays} 天有效`;
  return `${t.validFrom ?? '?'} 至 ${t.validUntil ?? '?'}`;
}

/** 有效期: 领取后 N 天, or fixed dates; switching clears the other's values. */
function Validity({ form, t }: { form: EditForm<CouponTemplateInput>; t: CouponTemplateInput }) {
  const relative = t.validDays !== null;
  const choose = (toRelative: boolean) => {
    if (toRelative === relative) return;
    form.set('validDays', toRelative ? DEFAULT_VALID_DAYS : null);
    form.set('validFrom', null);
    form.set('validUntil', null);
  };
  return (
    <>
      <View className='admin-field admin-coupons__validity'>
        <View className='admin-field__line'>
          <Text className='admin-field__label'>有效期</Text>
          <View className='admin-form__segmented admin-field__choices'>
            {[true, false].map((r) => (
              <View key={String(r)} className={`admin-form__seg ${relative === r ? 'admin-form__seg--on' : ''}`} data-value={r ? 'relative' : 'fixed'} onClick={() => choose(r)}>
                {r ? '领取后 N 天' : '固定日期'}
              </View>
            ))}
          </View>
        </View>
      </View>
      {relative ? (
        <NumberField form={form} path='validDays' label='领取后有效' suffix='天' />
      ) : (
        <>
          <TextField form={form} path='validFrom' label='开始日期' placeholder='2026-12-01' maxlength={10} />
          <TextField form={form} path='validUntil' label='结束日期' placeholder='2026-12-31' maxlength={10} />
        </>
      )}
      {!relative && form.error('validDays') && <View className='admin-field__error'>{form.error('validDays')}</View>}
    </>
  );
}

/** 适用品类: all goods when none is picked. */
function Categories({ form, ids }: { form: EditForm<CouponTemplateInput>; ids: string[] }) {
  const categories = useCall(() => call('admin', 'categories', {}), []);
  const [open, setOpen] = useState(false);
  const names = ids.map((id) => categories.data?.find((c) => c.id === id)?.name ?? `#${id}`);
  return (
    <View className='admin-field' data-path='categoryIds'>
      <View className='admin-field__line'>
        <Text className='admin-field__label'>适用品类</Text>
        <View className='admin-field__pick' onClick={() => setOpen(true)}>
          <Text className='admin-form__picked'>{names.length ? names.join('、') : '全部商品'}</Text>
          <Text className='admin-form__chevron'>›</Text>
        </View>
      </View>
      {open && (
        <OptionSheet
          title='适用品类'
          multiple
          options={(categories.data ?? []).map((c) => ({ value: c.id, name: c.name }))}
          selected={ids}
          loading={categories.loading}
          error={categories.error}
          onClose={() => setOpen(false)}
          onPick={(picked) => {
            setOpen(false);
            form.set('categoryIds', picked);
          }}
        />
      )}
      {form.error('categoryIds') && <View className='admin-field__error'>{form.error('categoryIds')}</View>}
    </View>
  );
}

function TemplateEditor({ initial, onSaved, onBack }: { initial: CouponTemplateInput; onSaved(t: CouponTemplateView): void; onBack(): void }) {
  const form = useEditForm<CouponTemplateInput>(initial);
  const submit = useSubmit(form, 'template', (template) => call('admin', 'saveCouponTemplate', { template }), onSaved);
  const t = form.value!;

  const chooseKind = (kind: CouponTemplateInput['kind']) => {
    form.set('kind', kind);
    // Only the chosen kind's discount is kept: a template is one or the other.
    if (kind === 'amount_off') {
      form.set('percentOff', null);
      form.set('capFen', null);
    } else {
      form.set('amountOffFen', null);
    }
  };

  return (
    <EditorFrame
      back='返回券模板列表'
      submit={submit}
      onBack={onBack}
      status={
        <Text className='admin-editor__preview'>
          {couponValue(t)} · {couponCondition(t)} · {validityText(t)}
        </Text>
      }
    >
      <View className='admin-editor__card'>
        <TextField form={form} path='name' label='名称' maxlength={30} placeholder='如 满100减20' />
        <ChoiceField form={form} path='kind' label='类型' choices={KINDS} onChoose={chooseKind} />
        {t.kind === 'amount_off' ? (
          <NumberField form={form} path='amountOffFen' label='减免金额' unit='yuan' suffix='元' />
        ) : (
          <>
            <NumberField form={form} path='percentOff' label='减免比例' suffix='%' hint={t.percentOff ? `即 ${couponValue(t)}` : '1–90，如 10 即 9 折'} />
            <NumberField form={form} path='capFen' label='最多减' unit='yuan' suffix='元' emptyMeans='不封顶' />
          </>
        )}
        <NumberField form={form} path='thresholdFen' label='使用门槛：满' unit='yuan' suffix='元' hint='0 为无门槛' />
        <Validity form={form} t={t} />
        <Categories form={form} ids={t.categoryIds} />
        <NumberField form={form} path='perMemberLimit' label='每人最多领' suffix='张' emptyMeans='不限' />
        <ChoiceField form={form} path='active' label='状态' choices={ACTIVE} />
      </View>
    </EditorFrame>
  );
}

/**
 * 券模板: the coupon templates with their value, condition and validity; one edited or a new one
 * made (满减 in yuan or 折扣 in %, a threshold, 领取后 N 天 or fixed dates, 品类, a limit); the
 * server's refusal shown at the field it names.
 */
export function AdminCouponsScreen() {
  const list = useCall(() => call('admin', 'couponTemplates', {}), []);
  const edit = useEditing<CouponTemplateView, CouponTemplateInput>(list);
  return (
    <View className='app-page admin-editor admin-coupons'>
      {edit.editing ? (
        <TemplateEditor initial={edit.editing} onBack={edit.close} onSaved={edit.saved} />
      ) : (
        <EditorList list={list} newText='新建券模板' empty='还没有券模板' onNew={() => edit.open(NEW_TEMPLATE)}>
          {(t) => (
            <View key={t.id} className='admin-editor__card admin-editor__item admin-coupons__item' data-template={t.id} onClick={() => edit.open(t)}>
              <View className='admin-editor__line'>
                <Text className='admin-editor__name'>{t.name}</Text>
                <Text className={`admin-editor__state admin-editor__state--${t.active ? 'running' : 'ended'}`}>{t.active ? '可发放' : '已停用'}</Text>
              </View>
              <Text className='admin-editor__prizes'>
                {couponValue(t)} · {couponCondition(t)}
              </Text>
              <Text className='admin-editor__figures'>
                {validityText(t)}
                {t.perMemberLimit ? ` · 每人限 ${t.perMemberLimit} 张` : ''}
              </Text>
            </View>
          )}
        </EditorList>
      )}
    </View>
  );
}

export default function AdminCouponsPage() {
  return (
    <SessionGate>
      <AdminGate>
        <AdminCouponsScreen />
      </AdminGate>
    </SessionGate>
  );
}
