/**
 * SOP 计划 (admin subpackage): the plans with state, version, steps and task counts; a step's
 * 话术 edited with a variable chip, a new step added and moved up, saved with the version the
 * form saw (the list then shows the next one); a refusal at its step's field; someone else's
 * save since said plainly, with 重新加载 bringing the latest version.
 */
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SopPlanView } from '@cloud/contract';
import { AdminSopPlansScreen } from '@/packages/admin/sop-plans';
import { setTransport } from '@/services/transports';
import type { RecordedCall } from './fake-transport';
import { all, answering, errorAt, field, paramsOf, refusal, tap, text, typeAt } from './form-helpers';

beforeEach(() => {
  vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
});
afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

const welcome: SopPlanView = {
  id: '1',
  name: '新会员 30 天',
  enabled: true,
  version: 2,
  updatedAt: '2026-11-20T10:00:00+08:00',
  tasks: { open: 7, done30: 41 },
  steps: [
    { key: 'day0', name: '首日欢迎', trigger: { kind: 'bound', days: 0 }, dueTime: '10:00', expiresAfterDays: 2, script: '您好，我是{导购}', couponTemplateId: '5', product: { id: '12' } },
    { key: 'churn', name: '流失挽回', trigger: { kind: 'segment', segment: 'churnRisk' }, dueTime: '15:00', expiresAfterDays: 3, script: '{昵称}，{原因}', couponTemplateId: null, product: 'interest' },
  ],
};

/** The editor's steps are drawn (Taro's Textarea may come a tick after the tap). */
const editorOpen = () => waitFor(() => expect(document.querySelectorAll('.admin-sop__script textarea')).toHaveLength(welcome.steps.length));
const script = (i: number) => field(`steps.${i}.script`)!.querySelector('textarea')!;
const typeScript = (i: number, value: string) => fireEvent.input(script(i), { target: { value } });

function transport(save: (c: RecordedCall) => unknown, plans: () => SopPlanView[] = () => [welcome]) {
  return answering({
    'admin.sopPlans': () => plans(),
    'admin.couponTemplates': [],
    'admin.products': { items: [], nextCursor: null },
    'admin.product': (c: RecordedCall) => ({ id: c.payload.id, name: '羊毛大衣', skus: [] }),
    'admin.saveSopPlan': save,
  });
}

describe('SOP 计划', () => {
  it('lists the plans; an edited script and a new step are saved with the version the form saw', async () => {
    const calls = transport((c) => ({ ...welcome, version: 3, steps: (c.payload as { steps: SopPlanView['steps'] }).steps }));
    render(<AdminSopPlansScreen />);
    await waitFor(() => expect(all('.admin-sop__plan .admin-editor__name')).toEqual(['新会员 30 天']));
    expect(text('.admin-sop__plan .admin-editor__state')).toBe('启用中');
    expect(text('.admin-sop__plan .admin-editor__when')).toBe('第 2 版 · 2 个步骤 · 2026-11-20 10:00 更新');
    expect(text('.admin-sop__plan .admin-editor__prizes')).toBe('首日欢迎 → 流失挽回');
    expect(text('.admin-sop__plan .admin-editor__figures')).toBe('待完成 7 · 近 30 天完成 41');

    await tap(document.querySelector('.admin-sop__plan')!);
    await editorOpen();
    expect(script(0).value).toBe('您好，我是{导购}');
    // The product a saved step sends shows by name, though not among the newest the picker lists.
    await waitFor(() => expect(text('.admin-field[data-path="steps.0.product.id"] .admin-form__picked')).toBe('羊毛大衣'));
    expect(field('steps.1.product')!.querySelector('[aria-checked="true"]')!.textContent).toBe('按兴趣推荐');
    expect(field('steps.1.trigger.segment')!.querySelector('[aria-checked="true"]')!.textContent).toBe('进入流失预警');
    typeScript(0, '您好，');
    await tap(field('steps.0.script')!.querySelector('[data-variable="昵称"]')!);
    expect(script(0).value).toBe('您好，{昵称}');

    await tap(document.querySelector('.admin-editor__add')!);
    typeAt('steps.2.name', '618 大促');
    await tap(field('steps.2.trigger.kind')!.querySelector('[data-value="holiday"]')!);
    typeAt('steps.2.trigger.name', '618');
    typeAt('steps.2.trigger.monthDay', '06-18');
    typeScript(2, '{昵称}，{节日}');
    await tap(document.querySelector('[data-step="2"] [data-move="up"]')!);
    expect(all('.admin-sop__step .admin-editor__prize-title')).toEqual(['步骤 1 · day0', '步骤 2 · 新步骤', '步骤 3 · churn']);

    await tap(document.querySelector('.admin-editor__save')!);
    await waitFor(() => expect(document.querySelector('.admin-sop__plan')).not.toBeNull());
    const [sent] = paramsOf(calls, 'admin.saveSopPlan') as Array<{ planId: string; version: number; steps: SopPlanView['steps'] }>;
    expect([sent!.planId, sent!.version]).toEqual(['1', 2]);
    expect(sent!.steps.map((s) => [s.key, s.name, s.script])).toEqual([
      ['day0', '首日欢迎', '您好，{昵称}'],
      ['618', '618 大促', '{昵称}，{节日}'],
      ['churn', '流失挽回', '{昵称}，{原因}'],
    ]);
    expect(sent!.steps[1]!.trigger).toEqual({ kind: 'holiday', name: '618', monthDay: '06-18' });
    expect(text('.admin-sop__plan .admin-editor__when')).toBe('第 3 版 · 3 个步骤 · 2026-11-20 10:00 更新');
  });

  it('a refusal shows at its step’s field', async () => {
    const message = '话术里有未知变量：{生日}';
    transport(() => refusal('INVALID_PARAMS', [{ path: 'steps.1.script', message }]));
    render(<AdminSopPlansScreen />);
    await waitFor(() => expect(document.querySelector('.admin-sop__plan')).not.toBeNull());
    await tap(document.querySelector('.admin-sop__plan')!);
    await editorOpen();
    typeScript(1, '{昵称}，{生日}快乐');
    await tap(document.querySelector('.admin-editor__save')!);
    await waitFor(() => expect(errorAt('steps.1.script')).toBe(message));
    expect(errorAt('steps.0.script')).toBeNull();
  });

  it('someone else’s save since: said plainly, and 重新加载 opens the latest version', async () => {
    let plans = [welcome];
    const calls = transport(() => {
      plans = [{ ...welcome, version: 3, name: '新会员 30 天（新版）' }];
      return { status: 409, body: { ok: false, error: { code: 'VERSION_CONFLICT', message: '内容已被其他人修改，请刷新后重新编辑', fields: [] } } };
    }, () => plans);
    render(<AdminSopPlansScreen />);
    await waitFor(() => expect(document.querySelector('.admin-sop__plan')).not.toBeNull());
    await tap(document.querySelector('.admin-sop__plan')!);
    await editorOpen();
    typeAt('name', '我的改动');
    await tap(document.querySelector('.admin-editor__save')!);
    await waitFor(() => expect(text('.admin-sop__conflict')).toContain('已被其他人保存（你打开的是第 2 版）'));
    await tap(document.querySelector('.admin-sop__reload')!);
    await waitFor(() => expect(field('name')!.querySelector('input')!.value).toBe('新会员 30 天（新版）'));
    expect(document.querySelector('.admin-sop__conflict')).toBeNull();
    expect(text('.admin-editor__preview')).toBe('第 3 版 · 保存后为第 4 版');
    expect(paramsOf(calls, 'admin.sopPlans')).toHaveLength(2);
  });
});
