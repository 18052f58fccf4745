export default /* sql */ `
-- When the app asked the member, once after consent, for avatar and nickname: once per member,
-- whatever the device.
alter table members add column profile_asked_at timestamptz;

-- The brand days a member opened the app: one row per member and day ("last visit"; visit days
-- for segmentation).
create table member_visits (
  member_id bigint not null references members (id),
  day date not null,
  primary key (member_id, day)
);

-- The WeChat groups seen (openGId): WeChat never tells a mini-program a group's name, so staff
-- give it one.
create table wechat_groups (
  group_id text primary key,
  first_seen_on date not null,
  name text check (char_length(name) between 1 and 20),
  named_by bigint references members (id),
  named_at timestamptz,
  check ((name is null) = (named_at is null))
);
insert into wechat_groups (group_id, first_seen_on)
select group_id, min(day) from (
  select group_id, day from group_visits
  union all
  select group_id, (first_clicked_at at time zone coalesce((select settings ->> 'timeZone' from brand_settings), 'Asia/Shanghai'))::date
  from share_clicks where group_id is not null
) seen
group by group_id;
`;
