export default /* sql */ `
create table categories (
  id bigserial primary key,
  name text not null,
  position integer not null default 0,
  image_url text,
  active boolean not null default true
);

create table products (
  id bigserial primary key,
  category_id bigint not null references categories (id),
  name text not null,
  subtitle text not null default '',
  description text not null default '',
  images text[] not null default '{}',
  -- 新款首发: the launch window in which the product is shown as new.
  launch_starts_at timestamptz,
  launch_ends_at timestamptz,
  active boolean not null default true,
  position integer not null default 0,
  created_at timestamptz not null default now()
);
create index products_category_idx on products (category_id, position, id) where active;
create index products_launch_idx on products (launch_ends_at) where active and launch_ends_at is not null;

-- stock is what can still be ordered: an order reserves from it at once, a cancel gives back.
create table product_skus (
  id bigserial primary key,
  product_id bigint not null references products (id),
  size text not null default '',
  color text not null default '',
  price_fen integer not null check (price_fen > 0),
  stock integer not null check (stock >= 0),
  sold integer not null default 0 check (sold >= 0),
  position integer not null default 0,
  unique (product_id, size, color)
);

-- 爆款秒杀: a price for every SKU of a product in a window, with a stock of its own.
create table flash_sales (
  id bigserial primary key,
  product_id bigint not null references products (id),
  price_fen integer not null check (price_fen > 0),
  stock integer not null check (stock >= 0),
  taken integer not null default 0 check (taken >= 0),
  per_member_limit integer not null default 1 check (per_member_limit >= 1),
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at > starts_at),
  check (taken <= stock)
);
create index flash_sales_window_idx on flash_sales (ends_at, starts_at);
create index flash_sales_product_idx on flash_sales (product_id, starts_at);

create table flash_sale_member_counts (
  flash_sale_id bigint not null references flash_sales (id),
  member_id bigint not null references members (id),
  taken integer not null check (taken >= 0),
  primary key (flash_sale_id, member_id)
);

create table banners (
  id bigserial primary key,
  title text not null,
  image_url text not null,
  product_id bigint references products (id),
  position integer not null default 0,
  active boolean not null default true
);

-- Shares: a product card or an invite, with a short id that fits a poster code's scene.
create table shares (
  id text primary key check (length(id) <= 32),
  sharer_id bigint not null references members (id),
  kind text not null check (kind in ('product', 'invite')),
  product_id bigint references products (id),
  created_at timestamptz not null,
  check ((kind = 'product') = (product_id is not null))
);
create index shares_sharer_idx on shares (sharer_id, created_at desc);

-- One row per viewer and share (UV); a later open of the same share moves last_clicked_at.
create table share_clicks (
  id bigserial primary key,
  share_id text not null references shares (id),
  viewer_id bigint not null references members (id),
  scene integer,
  group_id text,
  clicks integer not null default 1,
  first_clicked_at timestamptz not null,
  last_clicked_at timestamptz not null,
  unique (share_id, viewer_id)
);
create index share_clicks_viewer_idx on share_clicks (viewer_id, last_clicked_at desc);
create index share_clicks_group_idx on share_clicks (group_id) where group_id is not null;

-- Where a member was seen in a group (openGId): a card opened there, a check-in from there.
create table group_visits (
  group_id text not null,
  member_id bigint not null references members (id),
  day date not null,
  primary key (group_id, day, member_id)
);

alter table checkins add column group_id text;
alter table members
  add column guide_id bigint references members (id),
  add column guide_bound_at timestamptz;
create index members_guide_idx on members (guide_id, guide_bound_at desc) where guide_id is not null;

-- WeChat session keys from code2Session, to decrypt group data (getGroupEnterInfo).
create table wechat_sessions (
  openid text primary key,
  session_key text not null,
  updated_at timestamptz not null
);

create table orders (
  id bigserial primary key,
  member_id bigint not null references members (id),
  request_id text not null,
  status text not null check (status in ('pending', 'paid', 'cancelled', 'refunded')),
  product_id bigint not null references products (id),
  sku_id bigint not null references product_skus (id),
  qty integer not null check (qty between 1 and 99),
  product_name text not null,
  sku_label text not null,
  image_url text,
  category_id bigint not null,
  list_price_fen integer not null check (list_price_fen > 0),
  unit_price_fen integer not null check (unit_price_fen > 0),
  flash_sale_id bigint references flash_sales (id),
  member_discount_fen integer not null default 0 check (member_discount_fen >= 0),
  member_day_discount_fen integer not null default 0 check (member_day_discount_fen >= 0),
  coupon_id bigint references coupons (id),
  coupon_discount_fen integer not null default 0 check (coupon_discount_fen >= 0),
  total_fen integer not null check (total_fen > 0),
  member_day boolean not null default false,
  share_id text references shares (id),
  guide_id bigint references members (id),
  group_id text,
  points_earned integer not null default 0,
  growth_earned integer not null default 0,
  pay_provider text,
  pay_txn_id text unique,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  paid_at timestamptz,
  cancelled_at timestamptz,
  refunded_at timestamptz,
  refund_reason text,
  unique (member_id, request_id)
);
create index orders_member_idx on orders (member_id, id desc);
create index orders_pending_idx on orders (expires_at) where status = 'pending';
create index orders_share_idx on orders (share_id) where share_id is not null;
create index orders_guide_idx on orders (guide_id, created_at) where guide_id is not null;
-- A coupon is held by at most one live order.
create unique index orders_coupon_live_idx on orders (coupon_id) where coupon_id is not null and status in ('pending', 'paid');

alter table coupons add column order_id bigint references orders (id);
alter table coupons drop constraint coupons_source_check;
alter table coupons add constraint coupons_source_check
  check (source in ('mall', 'lottery', 'milestone', 'birthday', 'admin', 'welcome', 'referral'));

-- 老带新: a friend who joined through an invite; the inviter is rewarded once, later.
create table referrals (
  invitee_id bigint primary key references members (id),
  inviter_id bigint not null references members (id),
  share_id text not null references shares (id),
  created_at timestamptz not null,
  rewarded_at timestamptz,
  reward_trigger text,
  check (invitee_id <> inviter_id)
);
create index referrals_inviter_idx on referrals (inviter_id, rewarded_at);
`;
