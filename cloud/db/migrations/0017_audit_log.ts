export default /* sql */ `
-- Every admin write: who, when, what, on which row, its state before and after. Written in the
-- write's own transaction, so a write that fails leaves no entry. No personal data in before /
-- after (no addresses, phones, nicknames): the actor is named by id, the nickname is read on display.
create table audit_log (
  id bigint generated always as identity primary key,
  actor_id bigint not null references members (id),
  at timestamptz not null,
  kind text not null,
  target_type text not null,
  target_id text,
  before jsonb,
  after jsonb,
  request_id text
);
-- The tab reads newest first, by one admin or one kind (id order is insertion order).
create index audit_log_actor on audit_log (actor_id, id desc);
create index audit_log_kind on audit_log (kind, id desc);
-- A retried request (same requestId) is one entry, even when two tries race.
create unique index audit_log_request on audit_log (kind, request_id) where request_id is not null;
`;
