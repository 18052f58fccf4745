export default /* sql */ `
-- The 运营 tab's figures (admin.kpis): every past brand day rolled up once by the nightly
-- 'kpi-rollup' job (services/kpis/rollup.ts), today computed live by the same statements.
-- The day's figures as one JSON document (domain/kpis.ts, DayFigures: new members by source,
-- visits, check-ins and streaks, points, lottery, coupons, orders, night market, launches, the
-- cohort activity of the week a Sunday closes); guides and groups, of which there are many, in
-- narrow tables of their own. Aggregates only: no foreign key names a member, so nothing here
-- is personal data (a guide's id is staff data, a group id names no person).
create table kpi_daily (
  day date primary key,
  figures jsonb not null,
  computed_at timestamptz not null
);
create table kpi_daily_guides (
  day date not null,
  guide_id bigint not null,
  shares integer not null,
  clicks integer not null,
  orders integer not null,
  gmv_fen bigint not null,
  primary key (day, guide_id)
);
-- Who came and who paid in the 6 and the 29 days up to a rolled-up day, as bitmaps over member
-- ids (bit n of byte n / 8, least significant first: get_bit): today's WAU and MAU, and the paying
-- members of 近 7 / 近 30 天, are those counts plus today's members whose bit is not set, one bit
-- test each. Kept for the last days only.
create table kpi_window_bits (
  day date primary key,
  visited6 bytea not null,
  visited29 bytea not null,
  paid6 bytea not null,
  paid29 bytea not null
);
create table kpi_daily_groups (
  day date not null,
  group_id text not null,
  active_members integer not null,
  clicks integer not null,
  orders integer not null,
  gmv_fen bigint not null,
  primary key (day, group_id)
);

-- A day's rows, read by time: the rollup of a past day and today's live figures read one day
-- of each event table, never the whole of it.
create index members_created_at_idx on members (created_at);
create index members_deleted_at_idx on members (deleted_at) where deleted_at is not null;
-- The guides among a million members, for the per-guide figures.
create index members_guides_idx on members (id) where role = 'guide';
create index member_visits_day_idx on member_visits (day, member_id);
create index checkins_day_idx on checkins (day, member_id) include (streak, kind);
create index checkins_makeup_created_idx on checkins (created_at) where kind = 'makeup';
create index points_ledger_created_idx on points_ledger (created_at);
create index lottery_draws_created_idx on lottery_draws (created_at);
create index coupons_issued_at_idx on coupons (issued_at);
create index coupons_used_at_idx on coupons (used_at) where used_at is not null;
create index orders_created_at_idx on orders (created_at);
-- Paying members over a period are counted distinct from this index alone.
create index orders_paid_at_idx on orders (paid_at) include (member_id) where paid_at is not null;
create index orders_refunded_at_idx on orders (refunded_at) where refunded_at is not null;
-- The orders a share or a group brought, for the per-guide and per-group figures: the few of a day.
create index orders_paid_attributed_idx on orders (paid_at) include (share_id, group_id, total_fen, shipping_fen)
  where share_id is not null or group_id is not null;
create index shares_created_at_idx on shares (created_at);
create index share_clicks_first_idx on share_clicks (first_clicked_at);
create index group_visits_day_idx on group_visits (day, group_id);
create index product_views_day_idx on product_views (day, product_id, member_id);
`;
