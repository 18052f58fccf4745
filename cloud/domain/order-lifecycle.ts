/**
 * An order's life: 待支付 → 待发货 → 已发货 → 已完成, with 已取消 before payment and the
 * after-sales branch (退款中 → 已退款, or back where it was when staff decline). The table of
 * moves is the one rule: a use case asks it which statuses an event may start from and writes
 * the move as a conditional update on exactly those, so a move races nothing into happening twice.
 */
import { addDays } from './business-day';

export const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'completed', 'cancelled', 'refunding', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export type OrderEvent =
  | 'pay'
  | 'cancel'
  | 'ship'
  | 'confirmReceipt'
  | 'autoComplete'
  | 'requestRefund'
  | 'requestReturn'
  | 'declineRefund'
  | 'refund';

/** For each event, the statuses it may start from and where it leads ('previous': back to the status before the request). */
const MOVES: Record<OrderEvent, { from: readonly OrderStatus[]; to: OrderStatus | 'previous' }> = {
  pay: { from: ['pending'], to: 'paid' },
  cancel: { from: ['pending'], to: 'cancelled' },
  ship: { from: ['paid'], to: 'shipped' },
  confirmReceipt: { from: ['shipped'], to: 'completed' },
  autoComplete: { from: ['shipped'], to: 'completed' },
  // Before shipment the money comes back; after it, the goods first (退货).
  requestRefund: { from: ['paid'], to: 'refunding' },
  requestReturn: { from: ['shipped', 'completed'], to: 'refunding' },
  declineRefund: { from: ['refunding'], to: 'previous' },
  // Staff may refund a paid order at any point after payment, with or without a request.
  refund: { from: ['paid', 'shipped', 'completed', 'refunding'], to: 'refunded' },
};

/** The statuses `event` may move an order from: the WHERE of its conditional update. */
export function movableFrom(event: OrderEvent): readonly OrderStatus[] {
  return MOVES[event].from;
}

/**
 * Where `event` takes an order in `status`, or null when it may not happen. `previous` is the
 * status the order had before its after-sales request (for declineRefund).
 */
export function nextStatus(status: OrderStatus, event: OrderEvent, previous?: OrderStatus): OrderStatus | null {
  const move = MOVES[event];
  if (!move.from.includes(status)) return null;
  if (move.to !== 'previous') return move.to;
  return previous ?? null;
}

/** 我的订单's tabs besides 全部. */
export const ORDER_TABS = ['pending', 'to_ship', 'to_receive', 'completed', 'after_sales'] as const;
export type OrderTab = (typeof ORDER_TABS)[number];

/**
 * The tab an order is listed under. A 加钱换购 (kind mall) is done once paid: its goods, if
 * any, are followed on the redemption, so a paid one counts as completed, never as 待发货.
 */
export function orderTab(status: OrderStatus, kind: 'product' | 'mall'): OrderTab | null {
  switch (status) {
    case 'pending':
      return 'pending';
    case 'paid':
      return kind === 'mall' ? 'completed' : 'to_ship';
    case 'shipped':
      return 'to_receive';
    case 'completed':
      return 'completed';
    case 'refunding':
    case 'refunded':
      return 'after_sales';
    case 'cancelled':
      return null;
  }
}

/**
 * A shipped order completes by itself on the Nth brand-time day after the day it shipped: the
 * daily job on `day` completes what shipped on this day or before.
 */
export function autoCompleteShippedBy(day: string, autoCompleteDays: number): string {
  return addDays(day, -autoCompleteDays);
}

/** A return may be asked for while the parcel is on its way, and for `returnDays` days after completion. */
export function returnOpen(o: { status: OrderStatus; completedAt: Date | null }, now: Date, returnDays: number): boolean {
  if (o.status === 'shipped') return true;
  if (o.status !== 'completed' || !o.completedAt) return false;
  return now.getTime() < o.completedAt.getTime() + returnDays * 86_400_000;
}

export type TimelineStep =
  | 'created'
  | 'paid'
  | 'shipped'
  | 'completed'
  | 'auto_completed'
  | 'cancelled'
  | 'refund_requested'
  | 'return_requested'
  | 'refund_declined'
  | 'refunded';

export interface TimelineFacts {
  createdAt: Date;
  paidAt: Date | null;
  shippedAt: Date | null;
  completedAt: Date | null;
  completedBy: 'member' | 'auto' | null;
  cancelledAt: Date | null;
  refundedAt: Date | null;
  /** After-sales requests, oldest first. */
  requests: ReadonlyArray<{ kind: 'refund' | 'return'; requestedAt: Date; declinedAt: Date | null }>;
}

/** Each step the order went through with its time, oldest first (steps at the same instant in the order they happen). */
export function orderTimeline(f: TimelineFacts): Array<{ step: TimelineStep; at: Date }> {
  const steps: Array<{ step: TimelineStep; at: Date | null }> = [
    { step: 'created', at: f.createdAt },
    { step: 'paid', at: f.paidAt },
    { step: 'shipped', at: f.shippedAt },
    { step: f.completedBy === 'auto' ? 'auto_completed' : 'completed', at: f.completedAt },
    { step: 'cancelled', at: f.cancelledAt },
    ...f.requests.flatMap((r) => [
      { step: r.kind === 'refund' ? ('refund_requested' as const) : ('return_requested' as const), at: r.requestedAt },
      { step: 'refund_declined' as const, at: r.declinedAt },
    ]),
    { step: 'refunded', at: f.refundedAt },
  ];
  return steps
    .filter((s): s is { step: TimelineStep; at: Date } => s.at !== null)
    .map((s, i) => ({ ...s, i }))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.i - b.i)
    .map(({ step, at }) => ({ step, at }));
}
