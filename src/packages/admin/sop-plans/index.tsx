import { Button, Text, Textarea, View } from '@tarojs/components';
import { useRef, useState, type ReactNode } from 'react';
import type { SopPlanView } from '@cloud/contract';
import AdminGate from '@/components/AdminGate';
import SessionGate from '@/components/SessionGate';
import { useCall } from '@/hooks/use-call';
import { call, showError } from '@/services/api';
import { ApiError, isApiError } from '@/services/errors';
import { shownTime } from '../components/times';
import { templateOptions } from '../components/coupon-templates';
import { EditorFrame, EditorList, useSubmit } from '../components/EditorParts';
import { SCRIPT_VARIABLES } from '@cloud/domain/sop-variables';
import { ChoiceField, FieldRow, NumberField, PickField, Segmented, TextField } from '../components/Fields';
import type { SheetOption } from '../components/OptionSheet';
import { useEditForm, type EditForm } from '../components/use-edit-form';
import { blankPlan, blankStep, insertVariable, moved, parseDates, TRIGGER_CHOICES, triggerOfKind, withKeys, type PlanDraft, type Step } from './steps';
import './index.css';

const MAX_STEPS = 30;

const SEGMENT_CHOICES = [
  { value: 'churnRisk', name: '进入流失预警' },
  { value: 'highValue', name: '成为高价值' },
] as const;

const ENABLED_CHOICES = [
  { value: true, name: '启用' },
  { value: false, name: '停用' },
] as const;

/** The fixed products a saved plan's steps send as their card. */
const productIdsOf = (plan: SopPlanView | null) => [...new Set((plan?.steps ?? []).flatMap((s) => (s.product && s.product !== 'interest' ? [s.product.id] : [])))];

const toDraft = (p: SopPlanView): PlanDraft => ({ name: p.name, enabled: p.enabled, steps: p.steps });

/** The server names fields from the params' top (steps.2.script); the form reads them under `plan`. */
function underPlan(err: unknown): unknown {
  return isApiError(err) ? new ApiError(err.code, err.message, err.status, err.fields.map((f) => ({ ...f, path: `plan.${f.path}` }))) : err;
}

/** A row whose error may be at any of several paths (a choice whose value is not one field, the script, the dates). */
function Row({ form, path, paths = [path], label, hint, children }: { form: EditForm<PlanDraft>; path: string; paths?: string[]; label: string; hint?: string; children: ReactNode }) {
  return (
    <FieldRow label={label} path={path} hint={hint} error={paths.map((p) => form.error(p)).find(Boolean)}>
      {children}
    </FieldRow>
  );
}

/** 话术 with chips that put {昵称} {导购} … where the cursor was (at the end before any typing). */
function ScriptField({ form, path }: { form: EditForm<PlanDraft>; path: string }) {
  const script = String(form.text(path, 'int'));
  const cursor = useRef<number | null>(null);
  return (
    <View className={`admin-field admin-sop__script ${form.error(path) ? 'admin-field--error' : ''}`} data-path={path}>
      <Text className='admin-field__label'>话术</Text>
      <Textarea
        className='admin-sop__textarea'
        value={script}
        maxlength={500}
        autoHeight
        placeholder='如 {昵称}您好，我是您的专属导购{导购}…'
        onInput={(e) => {
          cursor.current = e.detail.cursor ?? null;
          form.set(path, e.detail.value);
        }}
      />
      <View className='admin-sop__chips'>
        {SCRIPT_VARIABLES.map((v) => (
          <Text
            key={v}
            className='admin-sop__chip'
            data-variable={v}
            onClick={() => {
              const next = insertVariable(script, cursor.current, v);
              cursor.current = next.cursor;
              form.set(path, next.script);
            }}
          >
            {`{${v}}`}
          </Text>
        ))}
      </View>
      {form.error(path) && <View className='admin-field__error'>{form.error(path)}</View>}
    </View>
  );
}

/** A holiday's dates year by year, typed as a list ('2026-02-17 2027-02-06'); the text stays as typed. */
function DatesField({ form, at, dates }: { form: EditForm<PlanDraft>; at: string; dates: string[] }) {
  const [typed, setTyped] = useState<string | null>(null);
  return (
    <Row
      form={form}
      path={`${at}.dates`}
      paths={[`${at}.dates`, `${at}.monthDay`, ...dates.map((_, j) => `${at}.dates.${j}`)]}
      label='逐年日期'
      hint='如 2026-02-17 2027-02-06（农历节日逐年填写）'
    >
      <Textarea
        className='admin-sop__dates'
        value={typed ?? dates.join(' ')}
        autoHeight
        placeholder='2026-02-17 2027-02-06'
        onInput={(e) => {
          setTyped(e.detail.value);
          form.set(`${at}.dates`, parseDates(e.detail.value));
        }}
      />
    </Row>
  );
}

function TriggerFields({ form, i, step }: { form: EditForm<PlanDraft>; i: number; step: Step }) {
  const at = `steps.${i}.trigger`;
  const t = step.trigger;
  return (
    <>
      <ChoiceField
        form={form}
        path={`${at}.kind`}
        label='触发'
        choices={TRIGGER_CHOICES}
        onChoose={(kind) => {
          if (kind !== t.kind) form.set(at, triggerOfKind(kind));
        }}
      />
      {t.kind === 'bound' && <NumberField form={form} path={`${at}.days`} label='绑定后第' suffix='天' hint='0 为绑定当天' />}
      {t.kind === 'delivered' && <NumberField form={form} path={`${at}.days`} label='签收后' suffix='天' />}
      {t.kind === 'segment' && <ChoiceField form={form} path={`${at}.segment`} label='分群' choices={SEGMENT_CHOICES} />}
      {t.kind === 'birthday' && <View className='admin-field__hint admin-sop__note'>会员生日当天（2 月 29 日生日在平年为 2 月 28 日）</View>}
      {t.kind === 'tierUp' && <View className='admin-field__hint admin-sop__note'>会员等级提升当天</View>}
      {t.kind === 'holiday' && (
        <>
          <TextField form={form} path={`${at}.name`} label='节日名称' maxlength={10} placeholder='如 妇女节' />
          <Row form={form} path={`${at}.mode`} label='日期'>
            <Segmented
              current={t.dates !== undefined ? 'dates' : 'monthDay'}
              choices={[
                { value: 'monthDay', name: '每年固定' },
                { value: 'dates', name: '逐年日期' },
              ]}
              onChoose={(mode) => form.set(at, mode === 'dates' ? { kind: 'holiday', name: t.name, dates: [] } : { kind: 'holiday', name: t.name, monthDay: '' })}
            />
          </Row>
          {t.dates !== undefined ? (
            <DatesField form={form} at={at} dates={t.dates} />
          ) : (
            <TextField form={form} path={`${at}.monthDay`} label='每年' placeholder='MM-DD，如 03-08' maxlength={5} />
          )}
        </>
      )}
    </>
  );
}

type ProductMode = 'none' | 'product' | 'interest';
const PRODUCT_CHOICES: ReadonlyArray<{ value: ProductMode; name: string }> = [
  { value: 'none', name: '不发' },
  { value: 'product', name: '指定商品' },
  { value: 'interest', name: '按兴趣推荐' },
];

interface Pickers {
  templates: { options: SheetOption[]; loading: boolean; error: string | null };
  products: { options: SheetOption[]; loading: boolean; error: string | null };
}

function StepEditor({ form, i, step, count, pickers }: { form: EditForm<PlanDraft>; i: number; step: Step; count: number; pickers: Pickers }) {
  const at = (key: string) => `steps.${i}.${key}`;
  const steps = form.value!.steps;
  const mode: ProductMode = step.product === null ? 'none' : step.product === 'interest' ? 'interest' : 'product';
  return (
    <View className='admin-editor__prize admin-sop__step' data-step={i}>
      <View className='admin-editor__prize-head'>
        <Text className='admin-editor__prize-title'>
          步骤 {i + 1}
          <Text className='admin-sop__key'>{step.key ? ` · ${step.key}` : ' · 新步骤'}</Text>
        </Text>
        <View className='admin-sop__moves'>
          {i > 0 && (
            <Text className='admin-sop__move' data-move='up' onClick={() => form.setList('steps', moved(steps, i, -1))}>
              上移
            </Text>
          )}
          {i < count - 1 && (
            <Text className='admin-sop__move' data-move='down' onClick={() => form.setList('steps', moved(steps, i, 1))}>
              下移
            </Text>
          )}
          {count > 1 && (
            <Text className='admin-editor__prize-remove' onClick={() => form.setList('steps', steps.filter((_, j) => j !== i))}>
              删除
            </Text>
          )}
        </View>
      </View>
      {form.error(at('key')) && <View className='admin-field__error'>{form.error(at('key'))}</View>}
      <TextField form={form} path={at('name')} label='步骤名称' maxlength={20} placeholder='如 首日欢迎' />
      <TriggerFields form={form} i={i} step={step} />
      <TextField form={form} path={at('dueTime')} label='当天完成时间' maxlength={5} placeholder='10:00' />
      <NumberField form={form} path={at('expiresAfterDays')} label='逾期保留' suffix='天' hint='到期后仍可补做的天数，0 为仅当天' />
      <ScriptField form={form} path={at('script')} />
      <PickField
        form={form}
        path={at('couponTemplateId')}
        label='赠送优惠券'
        none='不送券'
        options={pickers.templates.options}
        loading={pickers.templates.loading}
        loadError={pickers.templates.error}
      />
      <Row form={form} path={at('product')} paths={[at('product'), at('product.id')]} label='商品卡'>
        <Segmented
          current={mode}
          choices={PRODUCT_CHOICES}
          onChoose={(m) => form.set(at('product'), m === 'none' ? null : m === 'interest' ? 'interest' : { id: '' })}
        />
      </Row>
      {mode === 'product' && (
        <PickField form={form} path={at('product.id')} label='商品' options={pickers.products.options} loading={pickers.products.loading} loadError={pickers.products.error} />
      )}
    </View>
  );
}

function PlanEditor({ plan, onSaved, onBack, onReload }: { plan: SopPlanView | null; onSaved(p: SopPlanView): void; onBack(): void; onReload(): Promise<void> }) {
  const form = useEditForm<PlanDraft>(plan ? toDraft(plan) : blankPlan());
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const templates = useCall(() => call('admin', 'couponTemplates', {}), []);
  // The picker lists the newest products; the ones the saved steps send are read too, so they show by name.
  const products = useCall(() => call('admin', 'products', {}), []);
  const chosen = useCall(() => Promise.all(productIdsOf(plan).map((id) => call('admin', 'product', { id }))), []);
  const productOptions = [...(chosen.data ?? []), ...(products.data?.items ?? [])]
    .filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i)
    .map((p) => ({ value: p.id, name: p.name }));
  const pickers: Pickers = {
    templates: { options: templateOptions(templates.data ?? []), loading: templates.loading, error: templates.error },
    products: { options: productOptions, loading: products.loading, error: products.error },
  };
  const submit = useSubmit(
    form,
    'plan',
    async (draft) => {
      setConflict(false);
      try {
        return await call('admin', 'saveSopPlan', {
          ...(plan ? { planId: plan.id, version: plan.version } : {}),
          name: draft.name,
          enabled: draft.enabled,
          steps: withKeys(draft.steps),
        });
      } catch (err) {
        if (isApiError(err) && err.code === 'VERSION_CONFLICT') setConflict(true);
        throw underPlan(err);
      }
    },
    onSaved,
  );
  const reload = async () => {
    if (reloading) return;
    setReloading(true);
    try {
      await onReload();
    } catch (err) {
      showError(err);
    } finally {
      setReloading(false);
    }
  };
  const p = form.value!;
  return (
    <EditorFrame
      back='返回 SOP 计划'
      submit={submit}
      onBack={onBack}
      status={<Text className='admin-editor__preview'>{plan ? `第 ${plan.version} 版 · 保存后为第 ${plan.version + 1} 版` : '新计划'}</Text>}
    >
      {conflict && (
        <View className='admin-editor__locked admin-sop__conflict'>
          <Text>这个计划在你编辑时已被其他人保存（你打开的是第 {plan?.version} 版），你的修改没有保存。重新加载最新版本后再修改。</Text>
          <Button className='admin-sop__reload' size='mini' loading={reloading} onClick={() => void reload()}>
            重新加载
          </Button>
        </View>
      )}
      <View className='admin-editor__card'>
        <TextField form={form} path='name' label='计划名称' maxlength={20} placeholder='如 新会员 30 天' />
        <ChoiceField form={form} path='enabled' label='状态' choices={ENABLED_CHOICES} />
        {form.error('steps') && <View className='admin-field__error'>{form.error('steps')}</View>}
      </View>
      {p.steps.map((s, i) => (
        <StepEditor key={`${i}:${s.key}`} form={form} i={i} step={s} count={p.steps.length} pickers={pickers} />
      ))}
      {p.steps.length < MAX_STEPS && (
        <View className='admin-editor__add' onClick={() => form.setList('steps', [...p.steps, blankStep()])}>
          + 添加步骤
        </View>
      )}
    </EditorFrame>
  );
}

function PlanCard({ plan, onOpen }: { plan: SopPlanView; onOpen(): void }) {
  return (
    <View className='admin-editor__card admin-editor__item admin-sop__plan' data-plan={plan.id} onClick={onOpen}>
      <View className='admin-editor__line'>
        <Text className='admin-editor__name'>{plan.name}</Text>
        <Text className={`admin-editor__state admin-editor__state--${plan.enabled ? 'running' : 'ended'}`}>{plan.enabled ? '启用中' : '已停用'}</Text>
      </View>
      <Text className='admin-editor__when'>
        第 {plan.version} 版 · {plan.steps.length} 个步骤 · {shownTime(plan.updatedAt)} 更新
      </Text>
      <Text className='admin-editor__prizes'>{plan.steps.map((s) => s.name).join(' → ')}</Text>
      <Text className='admin-editor__figures'>
        待完成 {plan.tasks.open} · 近 30 天完成 {plan.tasks.done30}
      </Text>
    </View>
  );
}

type Editing = { plan: SopPlanView | null };

/**
 * SOP 计划: the brand's plans (on or off, version, steps, open tasks and those done in 30 days);
 * one edited — its name, on/off and steps (added, removed, reordered; each with its trigger, due
 * time, expiry, 话术 with variable chips, coupon and product card) — and saved as its next
 * version, conditioned on the version the form was opened on: someone else's save since is said
 * plainly with 重新加载. The server's refusals show at their fields.
 */
export function AdminSopPlansScreen() {
  const list = useCall(() => call('admin', 'sopPlans', {}), []);
  const [editing, setEditing] = useState<Editing | null>(null);
  const saved = (plan: SopPlanView) => {
    list.setData((items) => (items?.some((x) => x.id === plan.id) ? items.map((x) => (x.id === plan.id ? plan : x)) : [...(items ?? []), plan]));
    setEditing(null);
  };
  const reload = async (id: string | undefined) => {
    const fresh = await call('admin', 'sopPlans', {});
    list.setData(() => fresh);
    setEditing({ plan: fresh.find((x) => x.id === id) ?? null });
  };
  return (
    <View className='app-page admin-editor admin-sop'>
      {editing ? (
        <PlanEditor
          key={editing.plan ? `${editing.plan.id}:${editing.plan.version}` : 'new'}
          plan={editing.plan}
          onBack={() => setEditing(null)}
          onSaved={saved}
          onReload={() => reload(editing.plan?.id)}
        />
      ) : (
        <EditorList list={list} newText='新建计划' empty='还没有 SOP 计划' onNew={() => setEditing({ plan: null })}>
          {(plan) => <PlanCard key={plan.id} plan={plan} onOpen={() => setEditing({ plan })} />}
        </EditorList>
      )}
    </View>
  );
}

export default function AdminSopPlansPage() {
  return (
    <SessionGate>
      <AdminGate>
        <AdminSopPlansScreen />
      </AdminGate>
    </SessionGate>
  );
}
