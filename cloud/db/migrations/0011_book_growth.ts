export default /* sql */ `
-- A member's growth value (成长值) over a window of days: the one sum the tier rules read.
create function growth_in_window(p_member bigint, p_from date, p_to date) returns integer
language sql stable as $$
  select coalesce(sum(amount), 0)::int from growth_ledger where member_id = p_member and day between p_from and p_to
$$;

-- The only writer of growth_ledger, like book_points() for points: one row per (source, source_id)
-- (a repeat raises a unique violation and rolls the statement back); a zero amount writes nothing.
-- Returns the member's growth over the window from p_window_start to p_day, this row included.
create function book_growth(
  p_member bigint, p_amount integer, p_source text, p_source_id text, p_day date, p_at timestamptz, p_window_start date
) returns integer language plpgsql as $$
begin
  if p_amount <> 0 then
    insert into growth_ledger (member_id, amount, source, source_id, day, created_at)
    values (p_member, p_amount, p_source, p_source_id, p_day, p_at);
  end if;
  return growth_in_window(p_member, p_window_start, p_day);
end $$;
`;
