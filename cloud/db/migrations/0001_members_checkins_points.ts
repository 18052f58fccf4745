export default /* sql */ `
create table members (
  id bigserial primary key,
  openid text not null unique,
  unionid text,
  role text not null default 'member' check (role in ('member', 'guide', 'admin')),
  nickname text,
  avatar_url text,
  points_balance integer not null default 0 check (points_balance >= 0),
  created_at timestamptz not null default now()
);

create table checkins (
  member_id bigint not null references members (id),
  day date not null,
  streak integer not null check (streak >= 1),
  points integer not null check (points >= 0),
  scene integer,
  created_at timestamptz not null,
  primary key (member_id, day)
);

create table points_ledger (
  id bigserial primary key,
  member_id bigint not null references members (id),
  delta integer not null check (delta <> 0),
  balance_after integer not null check (balance_after >= 0),
  source text not null,
  source_id text not null,
  note text,
  created_at timestamptz not null,
  unique (source, source_id)
);

create index points_ledger_member_idx on points_ledger (member_id, id desc);

`;
