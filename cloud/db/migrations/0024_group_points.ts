export default /* sql */ `
-- 社群积分: points a member earns for being in a group (a card opened from it, a check-in from it),
-- kept apart from the points ledger with the same guarantees. One row per change, its key unique
-- per member: presence and the check-in bonus are keyed by the brand day (once a day, whichever
-- group came first: group_id keeps which), a redemption by its mall_redemptions id.
create table group_points_ledger (
  id bigserial primary key,
  member_id bigint not null references members (id),
  delta integer not null check (delta <> 0),
  source text not null check (source in ('presence', 'checkin', 'redeem')),
  source_key text not null,
  group_id text,
  note text,
  created_at timestamptz not null,
  unique (member_id, source, source_key),
  check ((source = 'redeem') = (delta < 0)),
  check ((source = 'redeem') = (group_id is null))
);
-- A member's balance: the sum of their ledger, never negative. Its own table, so that a busy
-- group's presence writes never wait on (or lock) the members row the check-in writes.
create table group_points_balances (
  member_id bigint primary key references members (id),
  balance integer not null check (balance >= 0)
);

-- The only writer of both: the ledger row first (its key decides a repeat, which writes nothing
-- more and answers null), then the balance by a conditional update; a spend the balance cannot
-- cover removes its row again and answers null. Returns the new balance otherwise.
create function book_group_points(
  p_member bigint, p_delta integer, p_source text, p_source_key text, p_group text, p_note text, p_at timestamptz
) returns integer language plpgsql as $$
declare
  new_id bigint;
  new_balance integer;
begin
  insert into group_points_ledger (member_id, delta, source, source_key, group_id, note, created_at)
  values (p_member, p_delta, p_source, p_source_key, p_group, p_note, p_at)
  on conflict (member_id, source, source_key) do nothing
  returning id into new_id;
  if new_id is null then
    return null;
  end if;
  if p_delta > 0 then
    insert into group_points_balances as b (member_id, balance) values (p_member, p_delta)
    on conflict (member_id) do update set balance = b.balance + excluded.balance
    returning balance into new_balance;
  else
    update group_points_balances set balance = balance + p_delta
     where member_id = p_member and balance + p_delta >= 0
     returning balance into new_balance;
    if not found then
      delete from group_points_ledger where id = new_id;
      return null;
    end if;
  end if;
  return new_balance;
end $$;

-- The mall sells items for points or for group points.
alter table mall_items add column currency text not null default 'points' check (currency in ('points', 'group_points'));
-- 加钱换购 is a points item's: group points buy outright.
alter table mall_items add constraint mall_items_group_points_no_cash check (currency = 'points' or cash_fen = 0);

`;
