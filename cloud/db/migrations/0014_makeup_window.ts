export default /* sql */ `
-- 补签 per member per calendar month, counted against the month a 补签 is made in (it may name a
-- day of last month): one conditional upsert takes a 补签 only while used < the monthly cap.
create table makeup_member_months (
  member_id bigint not null references members (id),
  month date not null check (extract(day from month) = 1),
  used integer not null check (used >= 1),
  primary key (member_id, month)
);

-- Until now a made-up day lay in the month it was made in: its month is the month it was made.
insert into makeup_member_months (member_id, month, used)
select member_id, date_trunc('month', day)::date, count(*)::int from checkins where kind = 'makeup' group by 1, 2;
`;
