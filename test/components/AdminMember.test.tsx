/**
 * 会员详情 (admin subpackage): blocks until memberDetail answers, then who (tier, source, guide),
 * points, layer since when, RFM, the churn warning with its reason, key facts, tags with why by
 * kind, segments. 调整积分 sends a reason and one request id per intent (a retry after a lost
 * answer repeats it; another amount is a new one) and shows the new balance; 发优惠券 picks among
 * the active templates; manual tags are added and removed, the server's refusal shown in place.
 * The activity tabs, 设置角色 and 分配导购: AdminMemberActivity.test.tsx.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MemberTagView } from '@cloud/contract';
import { AdminMemberScreen } from '@/packages/admin/member';
import { setTransport } from '@/services/transports';
import { memberDetail, templates } from './admin-fixtures';
import { actionOf, fail, fakeTransport, scriptedTransport, type RecordedCall } from './fake-transport';
import { activityAnswer } from './member-activity-fixtures';
import { stubIntersectionObserver } from './shop-fixtures';

beforeAll(stubIntersectionObserver);
let toast: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  toast = vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
});
afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

const text = (selector: string) => document.querySelector(selector)?.textContent;
const all = (selector: string) => [...document.querySelectorAll(selector)].map((e) => e.textContent);
const input = (cls: string) => document.querySelector<HTMLInputElement>(`.${cls} input, input.${cls}`)!;
const tap = async (el: Element) => {
  await act(async () => {
    fireEvent.click(el);
  });
};
const of = (calls: RecordedCall[], action: string) => calls.filter((c) => actionOf(c) === `admin.${action}`).map((c) => c.payload);

describe('会员详情 (运营)', () => {
  it('blocks, then who, points, layer, RFM, churn reason, facts, tags with why and segments', async () => {
    const t = scriptedTransport();
    render(<AdminMemberScreen memberId='21' />);
    await waitFor(() => expect(t.pending).toHaveLength(1));
    expect(t.calls[0]!.payload).toEqual({ action: 'memberDetail', targetMemberId: '21' });
    expect(document.querySelectorAll('.admin-member .skeleton').length).toBeGreaterThan(0);
    await t.answer(0, memberDetail());

    await waitFor(() => expect(text('.admin-member__name')).toBe('小林'));
    expect(text('.admin-member__tier')).toBe('银卡会员');
    expect(all('.admin-member__sub')).toEqual(['ID 21 · 10月9日入会 · 来源 导购']);
    expect([text('.admin-member__role'), text('.admin-member__guide')]).toEqual(['会员', '王姐']);
    expect(text('.admin-member__balance-value')).toBe('320');
    expect(text('.admin-member__layer-name')).toBe('流失预警');
    expect(text('.admin-member__since')).toBe('自 11月20日');
    expect(all('.admin-member__score')).toEqual(['R 3', 'F 4', 'M 5']);
    expect(text('.admin-member__churn')).toBe('流失预警：平时约 2 天来一次，已 9 天没来');
    expect(text('[data-fact="gmv365"]')).toBe('506 元近一年消费');
    expect(text('[data-fact="medianIntervalDays"]')).toBe('2 天平时几天来一次');
    expect(all('.admin-member__tag-kind-name')).toEqual(['行为', '基础']);
    expect(text('[data-tag="rule:checkin-star"]')).toBe('签到达人近30天签到 ≥ 20 次（近30天签到 22 次）');
    // Only a manual tag can be taken off.
    expect(document.querySelector('[data-tag="rule:checkin-star"] .admin-member__tag-remove')).toBeNull();
    expect(document.querySelector('[data-tag="manual:abc"] .admin-member__tag-remove')).not.toBeNull();
    expect(all('.admin-member__segment')).toEqual(['签到达人›']);
  });

  it('a member before the first run and without RFM: says so; an erased member cannot be given points or tags', async () => {
    fakeTransport((c) => activityAnswer(c) ?? memberDetail({ deleted: true, nickname: null, guide: null }, { day: null, layer: null, rfm: null, churn: { risk: false, reason: null }, facts: null, tags: [], segments: [] }));
    render(<AdminMemberScreen memberId='21' />);
    await waitFor(() => expect(text('.admin-member__name')).toBe('已注销的会员'));
    expect(text('.admin-member__layer .admin-member__empty')).toContain('还没有分层数据');
    expect(all('.admin-member__empty')).toEqual([expect.stringContaining('还没有分层数据'), '还没有标签', '不在任何分群中']);
    for (const action of ['adjust', 'set-role', 'assign-guide']) expect(document.querySelector(`.admin-member__${action}`)!.hasAttribute('disabled')).toBe(true);
    expect(document.querySelector('.admin-member__tag-add')).toBeNull();
  });

  it('调整积分: a reason is required, a deduction stays within the balance; a lost answer is retried with the same request id, another amount gets a new one', async () => {
    let lose = true;
    const calls = fakeTransport((c) => {
      if (actionOf(c) === 'admin.memberDetail') return memberDetail();
      if (activityAnswer(c)) return activityAnswer(c);
      if (lose) {
        lose = false;
        throw new Error('connection reset');
      }
      const delta = c.payload.delta as number;
      return { ledgerId: '900', targetMemberId: '21', delta, balance: 320 + delta, reason: c.payload.reason };
    });
    render(<AdminMemberScreen memberId='21' />);
    await waitFor(() => expect(text('.admin-member__balance-value')).toBe('320'));
    await tap(document.querySelector('.admin-member__adjust')!);
    const confirm = () => document.querySelector('.dialog__button--confirm')!;
    expect(confirm().hasAttribute('disabled')).toBe(true);

    await tap(document.querySelector('.admin-form__seg--deduct')!);
    fireEvent.input(input('admin-form__points'), { target: { value: '500' } });
    await waitFor(() => expect(text('.admin-form__hint')).toBe('当前只有 320 积分，扣减不能超过余额'));
    fireEvent.input(input('admin-form__points'), { target: { value: '50' } });
    await waitFor(() => expect(text('.admin-form__hint')).toBe('请填写原因（至少 2 个字）'));
    fireEvent.input(input('admin-form__reason'), { target: { value: '客诉补偿' } });
    await tap(document.querySelector('.admin-form__seg--add')!);
    await waitFor(() => expect(text('.admin-form__preview')).toBe('增加 50 积分，调整后 370 积分'));

    await tap(confirm());
    await waitFor(() => expect(text('.dialog__error')).toBeTruthy());
    await tap(confirm());
    await waitFor(() => expect(text('.admin-member__balance-value')).toBe('370'));
    const [first, retry] = of(calls, 'adjustPoints');
    expect(first).toMatchObject({ targetMemberId: '21', delta: 50, reason: '客诉补偿' });
    expect(retry!.requestId).toBe(first!.requestId);
    expect(document.querySelector('.dialog')).toBeNull();
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已增加 50 积分' }));

    // A new intent: a new request id.
    await tap(document.querySelector('.admin-member__adjust')!);
    fireEvent.input(input('admin-form__points'), { target: { value: '20' } });
    fireEvent.input(input('admin-form__reason'), { target: { value: '活动奖励' } });
    await tap(confirm());
    await waitFor(() => expect(text('.admin-member__balance-value')).toBe('340'));
    const third = of(calls, 'adjustPoints')[2]!;
    expect(third.requestId).not.toBe(first!.requestId);
  });

  it('发优惠券: picks among the active templates and sends one with a request id', async () => {
    const calls = fakeTransport((c) => {
      const a = actionOf(c);
      if (a === 'admin.memberDetail') return memberDetail();
      if (activityAnswer(c)) return activityAnswer(c);
      if (a === 'admin.couponTemplates') return templates;
      return { id: '600', name: '满100减20' };
    });
    render(<AdminMemberScreen memberId='21' />);
    await waitFor(() => expect(text('.admin-member__name')).toBe('小林'));
    await tap(document.querySelector('.admin-member__coupon')!);
    expect(text('.admin-form__value')).toBe('小林');
    expect(document.querySelector('.dialog__button--confirm')!.hasAttribute('disabled')).toBe(true);
    await tap(document.querySelector('.admin-form__template')!);
    await waitFor(() => expect(all('.option-sheet__name')).toEqual(['满100减20', '全场9折']));
    expect(all('.option-sheet__sub')).toEqual(['¥20 · 满¥100可用 · 领取后 30 天有效', '9折 · 无门槛，最高减¥50 · 领取后 30 天有效']);
    await tap(document.querySelector('.option-sheet__option[data-value="4"]')!);
    expect(text('.admin-form__picked')).toBe('全场9折');
    await tap(document.querySelector('.dialog__button--confirm')!);
    await waitFor(() => expect(document.querySelector('.dialog')).toBeNull());
    expect(of(calls, 'issueCoupon')).toEqual([{ action: 'issueCoupon', templateId: '4', targetMemberId: '21', requestId: expect.stringMatching(/^[\w-]{22}$/) }]);
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已发放「满100减20」' }));
  });

  it('adds a manual tag and takes one off; a refusal is shown in place', async () => {
    const manual = (name: string, key: string): MemberTagView => ({ key, name, kind: 'basic', source: 'manual', why: '小陈 手动添加', addedAt: '2026-11-24T10:00:00+08:00', addedBy: { id: '9', nickname: '小陈' } });
    const base = memberDetail().segmentation.tags;
    const calls = fakeTransport((c) => {
      const a = actionOf(c);
      if (a === 'admin.memberDetail') return memberDetail();
      if (activityAnswer(c)) return activityAnswer(c);
      if (a === 'admin.tagMember') return c.payload.name === '坏' ? fail(400, 'INVALID_PARAMS', '请求参数有误：name') : [...base, manual('老客', 'manual:old')];
      return base.filter((t) => t.key !== c.payload.tagKey);
    });
    render(<AdminMemberScreen memberId='21' />);
    await waitFor(() => expect(text('.admin-member__name')).toBe('小林'));

    fireEvent.input(input('admin-member__tag-input'), { target: { value: '老客' } });
    await tap(document.querySelector('.admin-member__tag-button')!);
    await waitFor(() => expect(document.querySelector('[data-tag="manual:old"]')).not.toBeNull());
    expect(input('admin-member__tag-input').value).toBe('');
    expect(of(calls, 'tagMember')[0]).toEqual({ action: 'tagMember', targetMemberId: '21', name: '老客' });

    await tap(document.querySelector('[data-tag="manual:abc"] .admin-member__tag-remove')!);
    await waitFor(() => expect(document.querySelector('[data-tag="manual:abc"]')).toBeNull());
    expect(of(calls, 'untagMember')[0]).toEqual({ action: 'untagMember', targetMemberId: '21', tagKey: 'manual:abc' });

    fireEvent.input(input('admin-member__tag-input'), { target: { value: '坏' } });
    await tap(document.querySelector('.admin-member__tag-button')!);
    await waitFor(() => expect(text('.admin-member__error')).toBe('请求参数有误：name'));
  });
});
