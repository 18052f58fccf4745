export default /* sql */ `
-- Where a member came from (first touch: share, guide, group, poster, direct), recorded when
-- their first session opens a card; null means they came in directly.
alter table members add column source text check (source in ('share', 'guide', 'group', 'poster', 'direct'));

-- What a member looked at, one row per member, product and day (interest tags).
create table product_views (
  member_id bigint not null references members (id),
  product_id bigint not null references products (id),
  day date not null,
  primary key (member_id, day, product_id)
);

-- An order bought in the night market (夜市) while it was open, for the 夜市买家 tag.
alter table orders add column night_market boolean not null default false;

-- Facts are computed by ranges of member ids; the other event tables lead with member_id already.
create index group_visits_member on group_visits (member_id, day);

-- The read model: what each member did, one row per member, rewritten by the nightly run.
-- Dates are brand days; *_N counts cover the N days up to and including the run's day.
create table member_facts (
  member_id bigint primary key references members (id),
  day date not null,
  joined_on date not null,
  source text not null,
  tier text not null,
  birthday_month smallint,
  guide_id bigint,
  last_visit_on date,
  visit_days_7 integer not null,
  visit_days_30 integer not null,
  checkins_30 integer not null,
  checkins_90 integer not null,
  current_streak integer not null,
  longest_streak integer not null,
  orders_90 integer not null,
  orders_365 integer not null,
  gmv_90_fen bigint not null,
  gmv_365_fen bigint not null,
  first_order_on date,
  last_order_on date,
  last_active_on date,
  active_days_90 integer not null,
  median_interval_days numeric(6, 1),
  categories_bought text[] not null,
  categories_viewed text[] not null,
  new_launch_views_30 integer not null,
  top_size text,
  top_color text,
  avg_order_fen integer,
  price_band text,
  coupon_share numeric(4, 3) not null,
  member_day_share numeric(4, 3) not null,
  flash_share numeric(4, 3) not null,
  night_share numeric(4, 3) not null,
  lottery_draws_30 integer not null,
  redemptions_365 integer not null,
  points_balance integer not null,
  points_expiring_30 integer not null,
  shares_30 integer not null,
  share_clicks_30 integer not null,
  invites_rewarded integer not null,
  groups_seen_90 integer not null,
  r_score smallint,
  f_score smallint,
  m_score smallint,
  churn_risk boolean not null default false,
  churn_reason text,
  layer text not null default 'regular',
  layer_since date
);
create index member_facts_layer on member_facts (layer, member_id);

-- Tags: the rule tags' definitions (rule null: a manual tag) and who has which, with why.
create table tag_definitions (
  key text primary key,
  name text not null,
  kind text not null check (kind in ('basic', 'behaviour', 'interest', 'preference')),
  rule jsonb,
  position integer not null default 0,
  created_by bigint references members (id),
  created_at timestamptz not null default now()
);
create table member_tags (
  member_id bigint not null references members (id),
  tag_key text not null references tag_definitions (key),
  source text not null check (source in ('rule', 'manual')),
  reason jsonb,
  added_by bigint references members (id),
  added_at timestamptz not null,
  primary key (member_id, tag_key)
);
create index member_tags_key on member_tags (tag_key, member_id);

-- Value layers: the count per layer after each run and the moves since the run before.
create table layer_sizes (
  day date not null,
  layer text not null,
  members integer not null,
  primary key (day, layer)
);
create table layer_movements (
  day date not null,
  from_layer text not null,
  to_layer text not null,
  members integer not null,
  primary key (day, from_layer, to_layer)
);

-- Saved rule segments. Membership is versioned: a computation writes version + 1 beside the
-- current one and switches segments.version in the same commit, so a reader never sees a half.
create table segments (
  id bigserial primary key,
  name text not null,
  rule jsonb not null,
  version integer not null default 0,
  status text not null default 'pending' check (status in ('pending', 'ready', 'failed')),
  member_count integer,
  entered integer,
  exited integer,
  computed_at timestamptz,
  error text,
  created_by bigint references members (id),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create table segment_members (
  segment_id bigint not null references segments (id) on delete cascade,
  version integer not null,
  member_id bigint not null references members (id),
  primary key (segment_id, version, member_id)
);

-- Actions on a segment (a coupon to each member, a guide for the unassigned), worked through in
-- batches by the job runner's tick; each member at most once per action.
create table segment_actions (
  id bigserial primary key,
  segment_id bigint not null references segments (id),
  version integer not null,
  kind text not null check (kind in ('coupon', 'guide')),
  template_id bigint references coupon_templates (id),
  guide_id bigint references members (id),
  request_id text not null unique,
  status text not null default 'running' check (status in ('running', 'done', 'failed')),
  cursor bigint,
  total integer not null,
  done integer not null default 0,
  applied integer not null default 0,
  skipped integer not null default 0,
  error text,
  created_by bigint not null references members (id),
  created_at timestamptz not null,
  finished_at timestamptz
);

alter table coupons drop constraint coupons_source_check;
alter table coupons add constraint coupons_source_check
  check (source in ('mall', 'lottery', 'milestone', 'birthday', 'admin', 'welcome', 'referral', 'segment'));
`;
