export default /* sql */ `
create table coupon_templates (
  id bigserial primary key,
  name text not null,
  kind text not null check (kind in ('amount_off', 'percent_off')),
  amount_off_fen integer check (amount_off_fen > 0),
  percent_off integer check (percent_off between 1 and 90),
  cap_fen integer check (cap_fen > 0),
  threshold_fen integer not null default 0 check (threshold_fen >= 0),
  valid_from date,
  valid_until date,
  valid_days integer check (valid_days >= 1),
  category_ids text[] not null default '{}',
  per_member_limit integer check (per_member_limit >= 1),
  active boolean not null default true,
  created_at timestamptz not null default now()
);

create table coupons (
  id bigserial primary key,
  template_id bigint not null references coupon_templates (id),
  member_id bigint not null references members (id),
  code text not null unique,
  source text not null check (source in ('mall', 'lottery', 'milestone', 'birthday', 'admin')),
  source_id text not null,
  issued_at timestamptz not null,
  valid_from date not null,
  valid_until date not null,
  used_at timestamptz,
  used_by bigint references members (id),
  used_store text,
  unique (source, source_id)
);
create index coupons_member_idx on coupons (member_id, id desc);

-- Per-member issue counts, so a template's per-member limit holds under concurrency.
create table coupon_member_counts (
  template_id bigint not null references coupon_templates (id),
  member_id bigint not null references members (id),
  issued integer not null,
  primary key (template_id, member_id)
);

create table lottery_campaigns (
  id bigserial primary key,
  name text not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at > starts_at),
  draws_per_day integer not null check (draws_per_day >= 1),
  wins_per_day integer not null check (wins_per_day >= 1),
  wins_per_campaign integer not null check (wins_per_campaign >= 1),
  -- Points for one extra draw beyond the chances from check-ins; null = no paid draws.
  points_per_extra_draw integer check (points_per_extra_draw > 0),
  rules_text text not null default '',
  created_at timestamptz not null default now()
);

create table lottery_prizes (
  id bigserial primary key,
  campaign_id bigint not null references lottery_campaigns (id),
  position integer not null,
  kind text not null check (kind in ('coupon', 'points', 'goods', 'none')),
  name text not null,
  odds integer not null check (odds >= 0 and odds <= 10000),
  stock integer check (stock >= 0),
  daily_cap integer check (daily_cap >= 0),
  value_fen integer not null default 0 check (value_fen >= 0 and value_fen <= 5000000),
  coupon_template_id bigint references coupon_templates (id),
  points integer check (points > 0),
  image_url text,
  awarded integer not null default 0,
  check (stock is null or awarded <= stock),
  check ((kind = 'coupon') = (coupon_template_id is not null)),
  check ((kind = 'points') = (points is not null)),
  unique (campaign_id, position)
);

create table lottery_prize_days (
  prize_id bigint not null references lottery_prizes (id),
  day date not null,
  awarded integer not null check (awarded >= 0),
  primary key (prize_id, day)
);

create table lottery_member_days (
  campaign_id bigint not null references lottery_campaigns (id),
  member_id bigint not null references members (id),
  day date not null,
  draws integer not null default 0,
  wins integer not null default 0,
  primary key (campaign_id, member_id, day)
);

create table lottery_member_wins (
  campaign_id bigint not null references lottery_campaigns (id),
  member_id bigint not null references members (id),
  wins integer not null,
  primary key (campaign_id, member_id)
);

create table lottery_draws (
  id bigserial primary key,
  campaign_id bigint not null references lottery_campaigns (id),
  member_id bigint not null references members (id),
  request_id text not null,
  chance_id bigint unique references lottery_chances (id),
  paid_points integer,
  prize_id bigint not null references lottery_prizes (id),
  created_at timestamptz not null,
  unique (member_id, request_id)
);

create table lottery_awards (
  id bigserial primary key,
  draw_id bigint not null unique references lottery_draws (id),
  member_id bigint not null references members (id),
  prize_id bigint not null references lottery_prizes (id),
  coupon_id bigint references coupons (id),
  points integer,
  -- goods: pending_address → to_ship → shipped
  fulfilment text not null check (fulfilment in ('done', 'pending_address', 'to_ship', 'shipped')),
  address jsonb,
  created_at timestamptz not null
);
create index lottery_awards_member_idx on lottery_awards (member_id, id desc);

create table mall_items (
  id bigserial primary key,
  name text not null,
  description text not null default '',
  image_url text,
  kind text not null check (kind in ('coupon', 'goods')),
  coupon_template_id bigint references coupon_templates (id),
  points_price integer not null check (points_price > 0),
  -- 加钱换购: the cash part is paid through orders; 0 = points only.
  cash_fen integer not null default 0 check (cash_fen >= 0),
  stock integer check (stock >= 0),
  redeemed integer not null default 0,
  per_member_limit integer check (per_member_limit >= 1),
  min_tier text not null default 'normal' check (min_tier in ('normal', 'silver', 'gold', 'diamond')),
  starts_at timestamptz,
  ends_at timestamptz,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  check (stock is null or redeemed <= stock),
  check ((kind = 'coupon') = (coupon_template_id is not null))
);

create table mall_member_counts (
  item_id bigint not null references mall_items (id),
  member_id bigint not null references members (id),
  redeemed integer not null,
  primary key (item_id, member_id)
);

create table mall_redemptions (
  id bigserial primary key,
  item_id bigint not null references mall_items (id),
  member_id bigint not null references members (id),
  request_id text not null,
  points integer not null,
  coupon_id bigint references coupons (id),
  fulfilment text not null check (fulfilment in ('done', 'pending_address', 'to_ship', 'shipped')),
  address jsonb,
  created_at timestamptz not null,
  unique (member_id, request_id)
);

alter table lottery_chances add column draw_id bigint;
`;
