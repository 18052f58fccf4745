/**
 * 会员详情 (guide subpackage): one of my members — who, check-ins, orders through me, coupons —
 * blocks until the server answered; a member who is not mine says what the server said.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GuideMemberDetail } from '@cloud/contract';
import { GuideMemberScreen } from '@/packages/guide/member';
import { setTransport } from '@/services/transports';
import { fail, fakeTransport, scriptedTransport } from './fake-transport';
import { stubIntersectionObserver } from './shop-fixtures';

beforeAll(stubIntersectionObserver);
// Times of this year show without the year: pin the year.
beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  vi.setSystemTime(new Date('2026-11-24T10:00:00+08:00'));
});
afterEach(() => {
  cleanup();
  setTransport(null);
  vi.useRealTimers();
});

const detail: GuideMemberDetail = {
  member: {
    id: '21',
    nickname: '小周',
    avatarUrl: null,
    tier: { key: 'silver', name: '银卡会员' },
    boundAt: '2026-11-17T09:30:00+08:00',
    lastVisitOn: '2026-11-23',
    paidOrders: 2,
    gmvFen: 50_600,
    joinedOn: '2026-10-09',
  },
  guide: { id: '3', nickname: '王姐', me: true },
  checkin: { streak: 3, lastDay: '2026-11-23', days: 41 },
  orders: [
    {
      id: '88',
      productName: '纯棉基础圆领T恤',
      skuLabel: '白色 / M',
      imageUrl: '/catalog-images/tee.svg',
      qty: 3,
      totalFen: 17_700,
      status: 'paid',
      createdAt: '2026-11-22T18:58:00+08:00',
      paidAt: '2026-11-22T19:00:00+08:00',
    },
    {
      id: '61',
      productName: '法式碎花茶歇裙',
      skuLabel: '雾霾蓝 / S',
      imageUrl: null,
      qty: 1,
      totalFen: 32_900,
      status: 'refunded',
      createdAt: '2026-11-17T09:40:00+08:00',
      paidAt: '2026-11-17T09:42:00+08:00',
    },
  ],
  orderCount: 2,
  coupons: [
    {
      id: '5',
      name: '新人礼 满99减15',
      kind: 'amount_off',
      amountOffFen: 1500,
      percentOff: null,
      capFen: null,
      thresholdFen: 9900,
      state: 'available',
      validFrom: '2026-11-17',
      validUntil: '2026-12-17',
      source: 'welcome',
      usedAt: null,
    },
  ],
  insight: {
    layer: { key: 'at_risk', name: '流失预警' },
    churn: { risk: true, reason: '平时约 2 天来一次，已 9 天没来' },
    tags: [
      {
        key: 'rule:checkin-star',
        name: '签到达人',
        kind: 'behaviour',
        source: 'rule',
        why: '近30天签到 ≥ 20 次（近30天签到 24 次）',
        addedAt: '2026-11-20T00:30:00+08:00',
        addedBy: null,
      },
    ],
  },
};

const text = (selector: string) => document.querySelector(selector)!.textContent;

describe('会员详情', () => {
  it('asks for the member given, shows blocks until the answer, then who, check-ins, orders through me and coupons', async () => {
    const t = scriptedTransport();
    render(<GuideMemberScreen memberId='21' />);
    await waitFor(() => expect(t.pending).toHaveLength(1));
    expect(t.calls[0]!.payload).toEqual({ action: 'memberDetail', targetMemberId: '21' });
    expect(document.querySelectorAll('.guide-member .skeleton').length).toBeGreaterThan(0);
    expect(document.querySelector('.stat-tiles')).toBeNull();
    await t.answer(0, detail);

    await waitFor(() => expect(text('.guide-member__name')).toBe('小周'));
    expect(text('.guide-member__tier')).toBe('银卡会员');
    expect(text('.guide-member__dates')).toBe('10月9日入会 · 11月17日绑定');
    expect(text('.guide-member__visit')).toBe('最近到访 11月23日');
    expect(text('[data-stat="streak"]')).toBe('3连续签到(天)');
    expect(text('[data-stat="checkins"]')).toBe('41累计签到(天)');
    expect(text('[data-stat="gmv"]')).toBe('¥506成交 2 单');

    expect(document.body.textContent).toContain('通过我的订单');
    const orders = [...document.querySelectorAll<HTMLElement>('.guide-member__order')];
    expect(orders.map((o) => o.dataset.order)).toEqual(['88', '61']);
    expect(orders[0]!.textContent).toContain('白色 / M × 3 · 11-22 19:00');
    expect(orders[0]!.querySelector('.guide-member__order-total')!.textContent).toBe('¥177');
    expect(orders[1]!.querySelector('.guide-member__order-status')!.textContent).toBe('已退款');

    const coupon = document.querySelector<HTMLElement>('.guide-member__coupon')!;
    expect(coupon.textContent).toContain('新人礼 满99减15');
    expect(coupon.textContent).toContain('满¥99可用 · 有效期至 12月17日');
    expect(coupon.querySelector('.guide-member__coupon-state')!.textContent).toBe('可使用');
  });

  it("for an admin, names the member's guide; a member without orders or coupons says so", async () => {
    fakeTransport(() => ({
      ...detail,
      member: { ...detail.member, nickname: null, boundAt: null, lastVisitOn: null, paidOrders: 0, gmvFen: 0 },
      guide: { id: '3', nickname: '王姐', me: false },
      orders: [],
      orderCount: 0,
      coupons: [],
    }));
    render(<GuideMemberScreen memberId='21' />);
    await waitFor(() => expect(text('.guide-member__name')).toBe('微信用户'));
    expect(text('.guide-member__dates')).toBe('10月9日入会');
    expect(text('.guide-member__visit')).toBe('还没有到访记录');
    expect(document.body.textContent).toContain('通过导购王姐的订单');
    expect([...document.querySelectorAll('.guide-member__empty')].map((e) => e.textContent)).toEqual(['还没有订单', '没有优惠券']);
  });

  it('says what to follow up — layer, the churn warning in words, tags with why — and adds and removes a manual tag in place', async () => {
    const manual = { key: 'manual:abc', name: '爱穿连衣裙', kind: 'basic', source: 'manual', why: '王姐 手动添加', addedAt: '2026-11-24T10:00:00+08:00', addedBy: { id: '3', nickname: '王姐' } };
    const calls = fakeTransport((c) => {
      if (c.payload.action === 'tagMember') return [...detail.insight.tags, manual];
      if (c.payload.action === 'untagMember') return detail.insight.tags;
      return detail;
    });
    render(<GuideMemberScreen memberId='21' />);
    await waitFor(() => expect(text('.member-insight__layer')).toBe('流失预警'));
    expect(text('.member-insight__churn')).toBe('流失预警：平时约 2 天来一次，已 9 天没来');
    await act(async () => {
      fireEvent.click(document.querySelector('[data-tag="rule:checkin-star"]')!);
    });
    expect(text('.member-insight__why')).toBe('行为标签 · 近30天签到 ≥ 20 次（近30天签到 24 次）');
    // A rule's tag follows its rule: it has no ×.
    expect(document.querySelector('[data-tag="rule:checkin-star"] .member-insight__remove')).toBeNull();

    const input = document.querySelector('.member-insight__input')!;
    await act(async () => {
      fireEvent.input(input, { target: { value: '爱穿连衣裙' } });
    });
    await act(async () => {
      fireEvent.click(document.querySelector('.member-insight__button')!);
    });
    await waitFor(() => expect(document.querySelector('[data-tag="manual:abc"]')).not.toBeNull());
    expect(calls.at(-1)!.payload).toEqual({ action: 'tagMember', targetMemberId: '21', name: '爱穿连衣裙' });
    await act(async () => {
      fireEvent.click(document.querySelector('[data-tag="manual:abc"] .member-insight__remove')!);
    });
    await waitFor(() => expect(document.querySelector('[data-tag="manual:abc"]')).toBeNull());
    expect(calls.at(-1)!.payload).toEqual({ action: 'untagMember', targetMemberId: '21', tagKey: 'manual:abc' });
  });

  it('before the first nightly run: no layer yet, no tags, said as such', async () => {
    fakeTransport(() => ({ ...detail, insight: { layer: null, churn: { risk: false, reason: null }, tags: [] } }));
    render(<GuideMemberScreen memberId='21' />);
    await waitFor(() => expect(text('.member-insight__head')).toBe('会员分层今晚分层后可见'));
    expect(document.querySelector('.member-insight__churn')).toBeNull();
    expect(document.body.textContent).toContain('还没有标签');
  });

  it('a member who is not mine: the server refusal, and 点击重试 asks again', async () => {
    let refuse = true;
    const calls = fakeTransport(() => (refuse ? fail(404, 'NOT_FOUND', '没有找到这位会员') : detail));
    render(<GuideMemberScreen memberId='99' />);
    await waitFor(() => expect(text('.guide-member__msg')).toBe('没有找到这位会员，点击重试'));
    refuse = false;
    await act(async () => {
      fireEvent.click(document.querySelector('.guide-member__msg')!);
    });
    await waitFor(() => expect(text('.guide-member__name')).toBe('小周'));
    expect(calls).toHaveLength(2);
  });
});
