export default /* sql */ `
-- 加钱换购: an order can be for a points-mall item with a cash part instead of a shop SKU.
alter table orders
  alter column product_id drop not null,
  alter column sku_id drop not null,
  alter column category_id drop not null,
  add column mall_item_id bigint references mall_items (id),
  add column points_price integer not null default 0 check (points_price >= 0),
  -- When the points it took would have expired: returned points keep that date, not a new one.
  add column points_expire_on date,
  add constraint orders_one_target check ((sku_id is null) <> (mall_item_id is null));
alter table mall_redemptions add column order_id bigint unique references orders (id);
-- A refunded 加钱换购 cancels its redemption.
alter table mall_redemptions drop constraint mall_redemptions_fulfilment_check;
alter table mall_redemptions add constraint mall_redemptions_fulfilment_check
  check (fulfilment in ('done', 'pending_address', 'to_ship', 'shipped', 'cancelled'));
`;
