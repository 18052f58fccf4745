export default /* sql */ `
alter table members
  add column birthday date,
  add column consent_version text,
  add column consent_at timestamptz;

-- Images members upload (avatars), kept in the database so that server instances stay stateless.
create table media (
  id bigserial primary key,
  member_id bigint not null references members (id),
  content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
  bytes bytea not null check (octet_length(bytes) <= 204800),
  created_at timestamptz not null default now()
);

-- One row per accepted one-time subscription (明天提醒我); used by at most one reminder.
create table reminder_subscriptions (
  id bigserial primary key,
  member_id bigint not null references members (id),
  kind text not null default 'checkin',
  accepted_at timestamptz not null,
  used_at timestamptz
);
create index reminder_subscriptions_open_idx on reminder_subscriptions (member_id) where used_at is null;

-- Messages waiting to be delivered by a sender adapter (WeChat subscribeMessage in production).
create table outbox (
  id bigserial primary key,
  member_id bigint not null references members (id),
  kind text not null,
  subscription_id bigint unique references reminder_subscriptions (id),
  payload jsonb not null,
  created_at timestamptz not null,
  sent_at timestamptz,
  attempts integer not null default 0,
  last_error text
);
create index outbox_pending_idx on outbox (id) where sent_at is null;

-- Daily jobs run once per brand-time day: a finished row means done for that day.
create table job_runs (
  job text not null,
  day date not null,
  started_at timestamptz not null,
  finished_at timestamptz,
  result jsonb,
  primary key (job, day)
);
`;
