import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  autoCompleteShippedBy,
  movableFrom,
  nextStatus,
  ORDER_STATUSES,
  orderTab,
  orderTimeline,
  returnOpen,
  type OrderEvent,
  type OrderStatus,
} from '@cloud/domain/order-lifecycle';

const at = (beijing: string) => new Date(`${beijing.replace(' ', 'T')}+08:00`);

describe('the moves of an order', () => {
  it.each<[OrderStatus, OrderEvent, OrderStatus | null]>([
    ['pending', 'pay', 'paid'],
    ['pending', 'cancel', 'cancelled'],
    ['paid', 'cancel', null],
    ['paid', 'ship', 'shipped'],
    ['pending', 'ship', null],
    ['refunding', 'ship', null],
    ['shipped', 'confirmReceipt', 'completed'],
    ['paid', 'confirmReceipt', null],
    ['completed', 'confirmReceipt', null],
    ['shipped', 'autoComplete', 'completed'],
    ['refunding', 'autoComplete', null],
    ['paid', 'requestRefund', 'refunding'],
    ['shipped', 'requestRefund', null],
    ['shipped', 'requestReturn', 'refunding'],
    ['completed', 'requestReturn', 'refunding'],
    ['paid', 'requestReturn', null],
    ['refunding', 'requestRefund', null],
    ['paid', 'refund', 'refunded'],
    ['shipped', 'refund', 'refunded'],
    ['completed', 'refund', 'refunded'],
    ['refunding', 'refund', 'refunded'],
    ['pending', 'refund', null],
    ['refunded', 'refund', null],
    ['cancelled', 'refund', null],
  ])('%s --%s--> %s', (from, event, to) => {
    expect(nextStatus(from, event)).toBe(to);
  });

  it.each<[OrderStatus, OrderStatus | undefined, OrderStatus | null]>([
    ['refunding', 'paid', 'paid'],
    ['refunding', 'shipped', 'shipped'],
    ['refunding', 'completed', 'completed'],
    ['paid', 'paid', null],
  ])('a declined request in %s (asked in %s) goes back to %s', (from, previous, to) => {
    expect(nextStatus(from, 'declineRefund', previous)).toBe(to);
  });

  it('an event moves exactly the statuses it may start from (the conditional update’s WHERE)', () => {
    const events: OrderEvent[] = ['pay', 'cancel', 'ship', 'confirmReceipt', 'autoComplete', 'requestRefund', 'requestReturn', 'refund'];
    for (const event of events) {
      expect([event, ORDER_STATUSES.filter((s) => nextStatus(s, event) !== null)]).toEqual([event, [...movableFrom(event)]]);
    }
  });

  it('once refunded or cancelled, nothing moves an order any more (property)', () => {
    const events: OrderEvent[] = ['pay', 'cancel', 'ship', 'confirmReceipt', 'autoComplete', 'requestRefund', 'requestReturn', 'declineRefund', 'refund'];
    fc.assert(
      fc.property(fc.constantFrom<OrderStatus>('refunded', 'cancelled'), fc.constantFrom(...events), fc.constantFrom(...ORDER_STATUSES), (end, event, previous) => {
        expect(nextStatus(end, event, previous)).toBeNull();
      }),
    );
  });
});

describe('我的订单 tabs', () => {
  it.each<[OrderStatus, 'product' | 'mall', ReturnType<typeof orderTab>]>([
    ['pending', 'product', 'pending'],
    ['pending', 'mall', 'pending'],
    ['paid', 'product', 'to_ship'],
    ['paid', 'mall', 'completed'],
    ['shipped', 'product', 'to_receive'],
    ['completed', 'product', 'completed'],
    ['refunding', 'product', 'after_sales'],
    ['refunded', 'mall', 'after_sales'],
    ['cancelled', 'product', null],
  ])('%s (%s) is listed under %s', (status, kind, tab) => {
    expect(orderTab(status, kind)).toBe(tab);
  });
});

describe('completing and returning', () => {
  it.each([
    ['2026-12-04', 10, '2026-11-24'],
    ['2026-03-01', 10, '2026-02-19'],
    ['2027-01-01', 1, '2026-12-31'],
  ])('on %s with %i days, orders shipped on or before %s complete', (day, days, shippedBy) => {
    expect(autoCompleteShippedBy(day, days)).toBe(shippedBy);
  });

  it.each<[string, OrderStatus, Date | null, string, boolean]>([
    ['on its way', 'shipped', null, '2026-12-30 10:00', true],
    ['completed 6 days 23 hours ago', 'completed', at('2026-11-25 10:00'), '2026-12-02 09:00', true],
    ['completed exactly 7 days ago', 'completed', at('2026-11-25 10:00'), '2026-12-02 10:00', false],
    ['not shipped yet', 'paid', null, '2026-11-25 10:00', false],
    ['in after-sales', 'refunding', null, '2026-11-25 10:00', false],
  ])('a return %s: %s', (_name, status, completedAt, now, open) => {
    expect(returnOpen({ status, completedAt }, at(now), 7)).toBe(open);
  });
});

describe('the timeline', () => {
  const base = {
    createdAt: at('2026-11-23 10:00'),
    paidAt: null,
    shippedAt: null,
    completedAt: null,
    completedBy: null,
    cancelledAt: null,
    refundedAt: null,
    requests: [],
  } as const;

  it('lists the steps that happened, oldest first, those at one instant in the order they happen', () => {
    expect(
      orderTimeline({
        ...base,
        paidAt: at('2026-11-23 10:00'),
        shippedAt: at('2026-11-24 09:00'),
        completedAt: at('2026-12-04 00:40'),
        completedBy: 'auto',
      }).map((s) => s.step),
    ).toEqual(['created', 'paid', 'shipped', 'auto_completed']);
    expect(orderTimeline({ ...base, cancelledAt: at('2026-11-23 10:15') })).toEqual([
      { step: 'created', at: at('2026-11-23 10:00') },
      { step: 'cancelled', at: at('2026-11-23 10:15') },
    ]);
  });

  it('weaves after-sales requests in by their times', () => {
    const steps = orderTimeline({
      ...base,
      paidAt: at('2026-11-23 10:01'),
      shippedAt: at('2026-11-24 09:00'),
      completedAt: at('2026-11-26 10:00'),
      completedBy: 'member',
      refundedAt: at('2026-12-03 10:00'),
      requests: [
        { kind: 'refund', requestedAt: at('2026-11-23 11:00'), declinedAt: at('2026-11-23 13:00') },
        { kind: 'return', requestedAt: at('2026-12-01 10:00'), declinedAt: null },
      ],
    }).map((s) => s.step);
    expect(steps).toEqual(['created', 'paid', 'refund_requested', 'refund_declined', 'shipped', 'completed', 'return_requested', 'refunded']);
  });
});
