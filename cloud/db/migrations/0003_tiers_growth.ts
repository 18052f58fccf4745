export default /* sql */ `
alter table members
  add column tier text not null default 'normal' check (tier in ('normal', 'silver', 'gold', 'diamond')),
  -- The day the current tier was reached or last kept; null for the base tier (no anniversary).
  add column tier_since date;
create index members_tier_anniversary_idx on members (tier_since) where tier_since is not null;

-- Growth value (成长值) events; a member's growth is the sum over the rolling window.
create table growth_ledger (
  id bigserial primary key,
  member_id bigint not null references members (id),
  amount integer not null check (amount <> 0),
  source text not null,
  source_id text not null,
  day date not null,
  created_at timestamptz not null,
  unique (source, source_id)
);
create index growth_ledger_member_day_idx on growth_ledger (member_id, day);
`;
