/**
 * 会员详情's activity tabs, role and guide (admin subpackage): 积分明细 loads with the screen, a page
 * at a time, and again after a points change; the other tabs load when first opened — 签到日历
 * by month within the member's months, 订单 opening the admin's order page, 优惠券, 抽奖, 邀请 with
 * who invited them — each with a skeleton, a retry and an empty state. 设置角色 and 分配导购 pick in a
 * sheet, confirm in a dialog, show the new state, or the server's refusal in the dialog.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AdminMemberScreen } from '@/packages/admin/member';
import { setTransport } from '@/services/transports';
import { memberDetail } from './admin-fixtures';
import { actionOf, fail, fakeTransport, scriptedTransport, type Handler, type RecordedCall } from './fake-transport';
import { activityAnswer, entry, ledgerPage } from './member-activity-fixtures';
import { stubIntersectionObserver } from './shop-fixtures';

beforeAll(stubIntersectionObserver);
let toast: ReturnType<typeof vi.spyOn>;
let navigate: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  toast = vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
  navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never);
});
afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

const text = (selector: string) => document.querySelector(selector)?.textContent;
const all = (selector: string) => [...document.querySelectorAll(selector)].map((e) => e.textContent);
const tap = async (el: Element) => {
  await act(async () => {
    fireEvent.click(el);
  });
};
const of = (calls: RecordedCall[], action: string) => calls.filter((c) => actionOf(c) === `admin.${action}`).map((c) => c.payload);
const rows = (tab: string) => all(`.member-activity__pane--${tab} .member-activity__row`);

/** The screen over a transport answering `first` where it answers, then the fixtures. */
async function screen(first: Handler = () => undefined, detail = memberDetail()) {
  const calls = fakeTransport((c) => first(c) ?? (actionOf(c) === 'admin.memberDetail' ? detail : activityAnswer(c)));
  render(<AdminMemberScreen memberId='21' />);
  await waitFor(() => expect(text('.admin-member__name')).toBe(detail.member.deleted ? '已注销的会员' : '小林'));
  return calls;
}
const openTab = (key: string) => tap(document.querySelector(`.member-activity__tab[data-tab="${key}"]`)!);

describe('会员详情: activity', () => {
  it('积分明细 shows a skeleton, then the ledger with notes and balances, a page at a time', async () => {
    const t = scriptedTransport();
    render(<AdminMemberScreen memberId='21' />);
    await waitFor(() => expect(t.pending).toHaveLength(1));
    await t.answer(0, memberDetail());
    await waitFor(() => expect(t.pending).toHaveLength(1));
    expect(t.pending[0]!.call.payload).toEqual({ action: 'memberLedger', targetMemberId: '21' });
    expect(document.querySelectorAll('.member-activity .skeleton').length).toBeGreaterThan(0);
    await t.answer(0, ledgerPage([entry('52', { source: 'admin_adjust', delta: -20, balanceAfter: 300, note: '客诉扣回' }), entry('51')], '51'));
    await waitFor(() => expect(rows('ledger')).toEqual(['积分调整 · 客诉扣回11-24 09:00 · 余额 300-20', '每日签到11-24 09:00 · 余额 320+10']));
    expect(document.querySelector('.member-activity__side--minus')!.textContent).toBe('-20');

    await tap(document.querySelector('.member-activity__pane--ledger .admin-list__more')!);
    await waitFor(() => expect(t.pending).toHaveLength(1));
    expect(t.pending[0]!.call.payload).toEqual({ action: 'memberLedger', targetMemberId: '21', cursor: '51' });
    await t.answer(0, ledgerPage([entry('40', { source: 'birthday', delta: 100, balanceAfter: 310 })]));
    await waitFor(() => expect(rows('ledger')).toHaveLength(3));
    expect(text('.member-activity__pane--ledger .admin-list__end')).toBe('没有更多了');
  });

  it('after 调整积分 the ledger is read again', async () => {
    const calls = await screen((c) =>
      actionOf(c) === 'admin.adjustPoints' ? { ledgerId: '900', targetMemberId: '21', delta: 50, balance: 370, reason: '客诉补偿' } : undefined,
    );
    await waitFor(() => expect(of(calls, 'memberLedger')).toHaveLength(1));
    await tap(document.querySelector('.admin-member__adjust')!);
    fireEvent.input(document.querySelector('.admin-form__points input, input.admin-form__points')!, { target: { value: '50' } });
    fireEvent.input(document.querySelector('.admin-form__reason input, input.admin-form__reason, .admin-form__reason textarea')!, { target: { value: '客诉补偿' } });
    await tap(document.querySelector('.dialog__button--confirm')!);
    await waitFor(() => expect(of(calls, 'memberLedger')).toHaveLength(2));
  });

  it('an empty ledger says so; a refused tab says why and asks again when tapped', async () => {
    let refuse = true;
    const calls = await screen((c) => {
      if (actionOf(c) === 'admin.memberLedger') return ledgerPage([]);
      if (actionOf(c) === 'admin.memberOrders' && refuse) {
        refuse = false;
        return fail(500, 'INTERNAL', '系统繁忙，请稍后再试');
      }
      return undefined;
    });
    await waitFor(() => expect(text('.member-activity__pane--ledger .empty-state__text')).toBe('还没有积分记录'));
    await openTab('orders');
    await waitFor(() => expect(text('.member-activity__pane--orders .admin-list__msg')).toBe('系统繁忙，请稍后再试，点击重试'));
    await tap(document.querySelector('.member-activity__pane--orders .admin-list__msg')!);
    await waitFor(() => expect(rows('orders')).toHaveLength(1));
    expect(of(calls, 'memberOrders')).toHaveLength(2);
  });

  it('签到日历: this month with the streak, then earlier months back to the month they joined', async () => {
    const calls = await screen();
    expect(of(calls, 'memberCalendar')).toHaveLength(0);
    await openTab('calendar');
    await waitFor(() => expect(text('.calendar__title')).toBe('2026年11月'));
    expect(of(calls, 'memberCalendar')[0]).toEqual({ action: 'memberCalendar', targetMemberId: '21' });
    expect(all('.member-activity__pane--calendar .member-activity__fact')).toEqual(['连续签到 2 天', '本月签到 2 天', '今天已签到']);
    expect(document.querySelector('[data-date="2026-11-23"]')!.getAttribute('data-state')).toBe('checked');
    expect(document.querySelector('[data-date="2026-11-22"]')!.getAttribute('data-state')).toBe('missed');
    // No month after this one; back one month, and no further than the month they joined.
    expect(document.querySelector('[aria-label="下个月"]')!.className).toContain('calendar__arrow--disabled');
    await tap(document.querySelector('[aria-label="上个月"]')!);
    await waitFor(() => expect(text('.calendar__title')).toBe('2026年10月'));
    expect(of(calls, 'memberCalendar')[1]).toEqual({ action: 'memberCalendar', targetMemberId: '21', month: '2026-10' });
    expect(document.querySelector('[data-date="2026-10-08"]')!.getAttribute('data-state')).toBe('before_join');
    expect(document.querySelector('[aria-label="上个月"]')!.className).toContain('calendar__arrow--disabled');
  });

  it('订单 opens the admin order page; 优惠券 with value, condition, validity and state; 抽奖 with what was won', async () => {
    await screen();
    await openTab('orders');
    await waitFor(() => expect(rows('orders')).toEqual(['羊毛混纺大衣 · 黑色 / M11-25 18:50 · 待发货¥358.20']));
    await tap(document.querySelector('.member-activity__pane--orders [data-row="901"]')!);
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/admin/order/index?id=901' });

    await openTab('coupons');
    await waitFor(() => expect(rows('coupons')).toHaveLength(2));
    expect(rows('coupons')).toEqual([
      '满100减20 · ¥20满¥100可用 · 2026-11-23 至 2026-12-22 · 抽奖获得可使用',
      '全场9折 · 9折满¥100可用 · 2026-11-23 至 2026-12-22 · 抽奖获得已使用 11-22',
    ]);
    // The tab left keeps what it loaded.
    expect(rows('orders')).toHaveLength(1);

    await openTab('awards');
    await waitFor(() => expect(rows('awards')).toEqual(['10 积分11-23 10:00 · 10 积分已发放']));
  });

  it('邀请: who invited them (tapped: that member), how many they invited, their friends', async () => {
    await screen();
    await openTab('referrals');
    await waitFor(() => expect(text('[data-row="invited-by"] .member-activity__title')).toBe('由 木子 邀请入会'));
    expect(all('.member-activity__pane--referrals .member-activity__fact')).toEqual(['邀请 2 人', '已奖励 1 人']);
    expect(rows('referrals').slice(1)).toEqual(['阿青11-20 10:00 入会已奖励', '微信用户11-21 10:00 入会未奖励']);
    await tap(document.querySelector('[data-row="invited-by"]')!);
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/admin/member/index?id=7' });
  });
});

describe('会员详情: role and guide', () => {
  const pick = async (value: string) => {
    await waitFor(() => expect(document.querySelector(`.option-sheet__option[data-value="${value}"]`)).not.toBeNull());
    await tap(document.querySelector(`.option-sheet__option[data-value="${value}"]`)!);
  };
  const confirm = () => tap(document.querySelector('.dialog__button--confirm')!);

  it('设置角色: picks 导购, confirms, and shows the new role; a staff member has no guide line', async () => {
    const calls = await screen((c) => (actionOf(c) === 'admin.setRole' ? { targetMemberId: '21', role: c.payload.newRole, releasedMembers: 0 } : undefined));
    await tap(document.querySelector('.admin-member__set-role')!);
    expect(all('.option-sheet__name')).toEqual(['会员', '导购', '运营']);
    expect(document.querySelector('.option-sheet__option--on')!.getAttribute('data-value')).toBe('member');
    await pick('guide');
    expect(text('.admin-member__confirm')).toBe('将 小林 的角色设为「导购」？员工不再有专属导购。');
    expect(of(calls, 'setRole')).toHaveLength(0);
    await confirm();
    await waitFor(() => expect(text('.admin-member__role')).toBe('导购'));
    expect(of(calls, 'setRole')).toEqual([{ action: 'setRole', targetMemberId: '21', newRole: 'guide' }]);
    expect(document.querySelector('.admin-member__guide')).toBeNull();
    expect(document.querySelector('.dialog')).toBeNull();
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已设为导购' }));
  });

  it('a guide made a member: the dialog says their members are let go, the toast how many', async () => {
    await screen(
      (c) => (actionOf(c) === 'admin.setRole' ? { targetMemberId: '21', role: 'member', releasedMembers: 3 } : undefined),
      memberDetail({ role: 'guide', guide: null }),
    );
    expect(text('.admin-member__tier')).toBe('导购');
    await tap(document.querySelector('.admin-member__set-role')!);
    await pick('member');
    expect(text('.admin-member__confirm')).toContain('TA 的专属会员将解除绑定');
    await confirm();
    await waitFor(() => expect(text('.admin-member__role')).toBe('会员'));
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已设为会员，3 位专属会员已解除绑定' }));
  });

  it('a refusal stays in the dialog and changes nothing', async () => {
    await screen((c) => (actionOf(c) === 'admin.setRole' ? fail(409, 'OWN_ADMIN_ROLE', '不能取消自己的管理员角色，请由其他管理员操作') : undefined), memberDetail({ role: 'admin', guide: null }));
    await tap(document.querySelector('.admin-member__set-role')!);
    await pick('member');
    await confirm();
    await waitFor(() => expect(text('.dialog__error')).toBe('不能取消自己的管理员角色，请由其他管理员操作'));
    await tap(document.querySelector('.dialog__button--cancel')!);
    expect(text('.admin-member__role')).toBe('运营');
  });

  it('分配导购: picks among the guides with their member counts, then none', async () => {
    const calls = await screen((c) => {
      if (actionOf(c) !== 'admin.assignGuide') return undefined;
      const guide = c.payload.guideId === '4' ? { id: '4', nickname: '李姐' } : null;
      return { targetMemberId: '21', guide };
    });
    expect(text('.admin-member__assign-guide')).toBe('更换导购');
    await tap(document.querySelector('.admin-member__assign-guide')!);
    await waitFor(() => expect(all('.option-sheet__name')).toEqual(['王姐', '李姐', '不分配导购']));
    expect(all('.option-sheet__sub')).toEqual(['ID 3 · 专属会员 12 人', 'ID 4 · 专属会员 0 人', '解除与当前导购的绑定']);
    expect(document.querySelector('.option-sheet__option--on')!.getAttribute('data-value')).toBe('3');
    await pick('4');
    expect(text('.admin-member__confirm')).toBe('将 小林 的专属导购设为 李姐？');
    await confirm();
    await waitFor(() => expect(text('.admin-member__guide')).toBe('李姐'));
    expect(of(calls, 'assignGuide')).toEqual([{ action: 'assignGuide', targetMemberId: '21', guideId: '4' }]);
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '专属导购已设为 李姐' }));

    await tap(document.querySelector('.admin-member__assign-guide')!);
    await waitFor(() => expect(document.querySelector('.option-sheet__option--on')?.getAttribute('data-value')).toBe('4'));
    await pick('none');
    expect(text('.admin-member__confirm')).toBe('取消 小林 的专属导购？');
    await confirm();
    await waitFor(() => expect(text('.admin-member__guide')).toBe('未分配'));
    expect(of(calls, 'assignGuide')[1]).toEqual({ action: 'assignGuide', targetMemberId: '21', guideId: null });
    expect(text('.admin-member__assign-guide')).toBe('分配导购');
  });

  it('the guides that do not load say why in the sheet', async () => {
    await screen((c) => (actionOf(c) === 'admin.guides' ? fail(500, 'INTERNAL', '系统繁忙，请稍后再试') : undefined));
    await tap(document.querySelector('.admin-member__assign-guide')!);
    await waitFor(() => expect(text('.option-sheet__msg--error')).toBe('系统繁忙，请稍后再试，请关闭后重试'));
  });
});
