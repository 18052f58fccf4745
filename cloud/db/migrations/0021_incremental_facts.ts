export default /* sql */ `
-- The read model is written afresh only on its first night (or when what it is read from changed
-- shape); every later night updates the members whose facts moved (services/segments/update-facts.ts).
-- Rows left alone keep the day they were computed on, so the day the facts hold for is the read
-- model's, kept once here, not in every row.
create table facts_state (
  singleton boolean primary key default true check (singleton),
  -- The run day D the read model holds.
  day date not null,
  -- The clock of that run: rows created from then on (less a margin) are news to the next one.
  computed_at timestamptz not null,
  -- The definitions' version (FACTS_VERSION) and a digest of what they read beside the events
  -- (the catalogue's names, sizes, colours and launch windows, the brand's time zone): a change
  -- to either means the next night writes every member afresh.
  version integer not null,
  inputs text not null,
  -- A count of the writes of the read model (afresh or updated), stamped on the rows they change.
  run integer not null default 0,
  -- The run and the day the rule tags were last judged for (null: judge every row).
  tags_run integer,
  tags_day date
);
-- The rows there are keep being read until the next night: they hold the day they were written
-- for. Version 0 is no definitions' version, so that night writes every member afresh.
insert into facts_state (day, computed_at, version, inputs) select max(day), now(), 0, '' from member_facts having count(*) > 0;
alter table member_facts drop column day;
-- The last real check-in (not a 补签): last_active_on is the latest of it, the last visit and the
-- last paid order, and a night that reads only recent check-ins needs the older ones' latest.
alter table member_facts add column last_checkin_on date;
-- The read model's run (facts_state.run) that last changed a row's facts, scores or layer: the
-- rule tags are judged again for the rows changed since the run they were last judged in.
alter table member_facts add column changed_in integer;
-- The active days in the 90 days up to D, ascending: active_days_90 and the median gap are read
-- from it, and a night adds its new days and lets the old ones go instead of reading 90 days of
-- visits and check-ins again.
alter table member_facts add column active_days date[] not null default '{}';
-- A third of the rows change on a night: room on each page lets the update write them in place
-- of the old (HOT) instead of adding an index entry for each.
alter table member_facts set (fillfactor = 70);

-- A segment's members as spans of versions (since, until): a computation writes who entered and
-- closes the span of who left, not every member again. Kept: the spans of the current version
-- and the one before it (a reader paging through it, an action or an export pinned to it), made
-- from the two versions' rows: in both, one span from the one before; only in the one before, a
-- span until the current; only in the current, a span from it.
alter table segment_members add column until_version integer;
delete from segment_members m using segments s where m.segment_id = s.id and m.version < s.version - 1;
update segment_members m set until_version = s.version from segments s
where m.segment_id = s.id and m.version = s.version - 1
  and not exists (select 1 from segment_members n where n.segment_id = m.segment_id and n.version = s.version and n.member_id = m.member_id);
delete from segment_members n using segments s
where n.segment_id = s.id and n.version = s.version
  and exists (select 1 from segment_members m where m.segment_id = n.segment_id and m.version = s.version - 1 and m.member_id = n.member_id);
alter table segment_members rename column version to since_version;
create index segment_members_member on segment_members (segment_id, member_id);

`;
