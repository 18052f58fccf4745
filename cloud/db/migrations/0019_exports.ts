export default /* sql */ `
-- xlsx exports asked for by admins (导出), made in the background by the job tick. The id is
-- 128 random bits in hex: it names the download (/api/exports/<id>.xlsx), so nobody guesses one.
-- A file cannot be continued mid-way (a zip stream), so a run that dies begins the file again:
-- attempts counts the starts, and the chunks of an attempt that did not finish are dropped.
create table exports (
  id text primary key check (id ~ '^[0-9a-f]{32}$'),
  request_id text not null unique,
  kind text not null check (kind in ('members', 'orders', 'points')),
  -- A segment's export goes with the segment (set null would read as all members).
  segment_id bigint references segments (id) on delete cascade,
  -- The segment's computation the file reads, taken when the file starts.
  segment_version integer,
  file_name text not null,
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed', 'expired')),
  attempts integer not null default 0,
  claimed_by text,
  claimed_until timestamptz,
  rows_done integer not null default 0,
  total_estimate integer,
  bytes bigint,
  error text,
  created_by bigint not null references members (id),
  created_at timestamptz not null,
  started_at timestamptz,
  finished_at timestamptz,
  -- When the file is deleted: a day after it is done (or after it was asked for, if it never is).
  expires_at timestamptz not null
);
create index exports_open on exports (created_at) where status in ('queued', 'running');
create index exports_expiry on exports (expires_at) where status in ('queued', 'running', 'done', 'failed');

-- The file's bytes, in chunks of about a megabyte: kept in the database so that any server
-- instance (or the jobs cloud function) can write it and any instance can serve it.
create table export_chunks (
  export_id text not null references exports (id) on delete cascade,
  attempt integer not null,
  seq integer not null,
  bytes bytea not null,
  primary key (export_id, attempt, seq)
);
`;
