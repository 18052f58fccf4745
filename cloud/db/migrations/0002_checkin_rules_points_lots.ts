export default /* sql */ `
create table brand_settings (
  id integer primary key default 1 check (id = 1),
  settings jsonb not null,
  updated_at timestamptz not null default now(),
  updated_by bigint references members (id)
);

alter table checkins
  add column kind text not null default 'checkin' check (kind in ('checkin', 'makeup')),
  add column from_group boolean generated always as (coalesce(scene = 1044, false)) stored;

alter table points_ledger add column actor_id bigint references members (id);

-- Earned points, in lots that expire and are spent first-in-first-out. For every member:
-- sum(remaining) = points_balance.
create table points_lots (
  id bigserial primary key,
  member_id bigint not null references members (id),
  ledger_id bigint not null unique references points_ledger (id),
  expires_on date,
  amount integer not null check (amount > 0),
  remaining integer not null check (remaining >= 0 and remaining <= amount)
);
create index points_lots_open_idx on points_lots (member_id, expires_on, id) where remaining > 0;
create index points_lots_expiry_idx on points_lots (expires_on) where remaining > 0;

-- One row per lottery chance; the lottery (a later migration) marks a chance used.
create table lottery_chances (
  id bigserial primary key,
  member_id bigint not null references members (id),
  source text not null,
  source_id text not null unique,
  granted_at timestamptz not null,
  used_at timestamptz
);
create index lottery_chances_member_idx on lottery_chances (member_id, id);

-- The one way points change: balance, ledger row and lots together, only while the balance
-- stays >= 0. Returns the new balance, or null when the change would make it negative.
-- A repeated (source, source_id) raises a unique violation and rolls the statement back.
create function book_points(
  p_member bigint, p_delta integer, p_source text, p_source_id text, p_note text,
  p_at timestamptz, p_expires_on date, p_actor bigint
) returns integer language plpgsql as $$
declare
  new_balance integer;
  new_ledger_id bigint;
  owed integer;
  lot record;
  taken integer;
begin
  update members set points_balance = points_balance + p_delta
   where id = p_member and points_balance + p_delta >= 0
   returning points_balance into new_balance;
  if not found then
    return null;
  end if;
  insert into points_ledger (member_id, delta, balance_after, source, source_id, note, created_at, actor_id)
  values (p_member, p_delta, new_balance, p_source, p_source_id, p_note, p_at, p_actor)
  returning id into new_ledger_id;
  if p_delta > 0 then
    insert into points_lots (member_id, ledger_id, expires_on, amount, remaining)
    values (p_member, new_ledger_id, p_expires_on, p_delta, p_delta);
  else
    owed := -p_delta;
    for lot in
      select id, remaining from points_lots
       where member_id = p_member and remaining > 0
       order by expires_on nulls last, id
       for update
    loop
      taken := least(owed, lot.remaining);
      update points_lots set remaining = remaining - taken where id = lot.id;
      owed := owed - taken;
      exit when owed = 0;
    end loop;
    if owed > 0 then
      raise exception 'points lots of member % are % short of the balance', p_member, owed;
    end if;
  end if;
  return new_balance;
end $$;
`;
