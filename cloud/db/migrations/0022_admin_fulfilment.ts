export default /* sql */ `
-- 订单与履约 (services/orders/admin-orders.ts): staff list shop orders of one status newest first.
-- 待发货 and 售后 are a small share of millions of orders: without this index a page of them
-- walks the primary key backwards through every completed order (orders_shipped_idx serves
-- 已发货 only). 全部 walks the primary key; an order id or a member id has its own index.
create index orders_admin_status_idx on orders (status, id desc) where mall_item_id is null;

-- 礼品待发 (services/orders/prize-fulfilment.ts): mall goods and lottery prizes still to ship,
-- oldest first, a few among every redemption and award ever made.
create index mall_redemptions_waiting_idx on mall_redemptions (fulfilment, id) where fulfilment in ('pending_address', 'to_ship');
create index lottery_awards_waiting_idx on lottery_awards (fulfilment, id) where fulfilment in ('pending_address', 'to_ship');

-- A shipped gift carries its carrier and tracking number like a shipped order.
alter table mall_redemptions
  add column carrier text,
  add column tracking_no text,
  add column shipped_at timestamptz;
alter table lottery_awards
  add column carrier text,
  add column tracking_no text,
  add column shipped_at timestamptz;
`;
