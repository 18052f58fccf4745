export default /* sql */ `
-- 收货地址: a member's address book; at most one default per member.
create table addresses (
  id bigserial primary key,
  member_id bigint not null references members (id),
  address jsonb not null,
  is_default boolean not null default false,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index addresses_member_idx on addresses (member_id, id);
create unique index addresses_default_idx on addresses (member_id) where is_default;

-- Orders are shipped and completed, and go through after-sales (退款中).
alter table orders drop constraint orders_status_check;
alter table orders add constraint orders_status_check
  check (status in ('pending', 'paid', 'shipped', 'completed', 'cancelled', 'refunding', 'refunded'));
alter table orders
  -- Where the goods go, as it was when the order was placed (the address book may change later).
  add column address jsonb,
  add column note text,
  add column shipping_fen integer not null default 0 check (shipping_fen >= 0),
  add column carrier text,
  add column tracking_no text,
  add column shipped_at timestamptz,
  add column completed_at timestamptz,
  add column completed_by text check (completed_by in ('member', 'auto')),
  add constraint orders_shipped_check check ((shipped_at is null) = (tracking_no is null));
-- The auto-completion walks shipped orders by id.
create index orders_shipped_idx on orders (id) where status = 'shipped';
-- A coupon stays with an order that is paid, on its way, done or in after-sales; a refund gives it back.
drop index orders_coupon_live_idx;
create unique index orders_coupon_live_idx on orders (coupon_id)
  where coupon_id is not null and status in ('pending', 'paid', 'shipped', 'completed', 'refunding');

-- 售后: a refund asked for before shipment, a return after it; one open request per order.
create table refund_requests (
  id bigserial primary key,
  order_id bigint not null references orders (id),
  member_id bigint not null references members (id),
  kind text not null check (kind in ('refund', 'return')),
  reason text not null,
  photos text[] not null default '{}',
  -- The order's status before the request: where a declined request puts it back.
  order_status text not null check (order_status in ('paid', 'shipped', 'completed')),
  status text not null check (status in ('pending', 'approved', 'declined')),
  requested_at timestamptz not null,
  decided_at timestamptz,
  decided_by bigint references members (id),
  decision_note text,
  check ((status = 'pending') = (decided_at is null))
);
create unique index refund_requests_open_idx on refund_requests (order_id) where status = 'pending';
create index refund_requests_order_idx on refund_requests (order_id, id);
create index refund_requests_member_idx on refund_requests (member_id);

-- What an upload is for: an avatar, or a photo (an after-sales request's).
alter table media add column kind text not null default 'avatar' check (kind in ('avatar', 'photo'));
`;
