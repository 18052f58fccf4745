export default /* sql */ `
-- Consent history (PIPL): every consent given and withdrawn, with the version and the time.
-- members.consent_version / consent_at stay the consent in force.
create table consent_events (
  id bigserial primary key,
  member_id bigint not null references members (id),
  kind text not null check (kind in ('given', 'withdrawn')),
  version text not null,
  at timestamptz not null
);
create index consent_events_member_idx on consent_events (member_id, id);
insert into consent_events (member_id, kind, version, at)
select id, 'given', consent_version, consent_at from members
 where consent_version is not null and consent_at is not null order by consent_at, id;

-- 注销账号: when the member erased their account; the openid is then a tombstone.
alter table members add column deleted_at timestamptz;

-- A prize that will not be shipped (the account was erased before it was).
alter table lottery_awards drop constraint lottery_awards_fulfilment_check;
alter table lottery_awards add constraint lottery_awards_fulfilment_check
  check (fulfilment in ('done', 'pending_address', 'to_ship', 'shipped', 'cancelled'));

-- Media ids that cannot be counted: 128 random bits as 22 base64url characters. A v4 UUID has
-- 122 random bits (gen_random_uuid draws them from the strong random source); the bytes that
-- hold its version and variant bits (7 and 9) are left out, so all 16 bytes taken are random.
create function random_media_id() returns text language sql volatile as $$
  select rtrim(translate(encode(
    substring(a from 1 for 6) || substring(a from 8 for 1) || substring(a from 10 for 7) || substring(b from 1 for 2),
    'base64'), '+/', '-_'), '=')
  from (select uuid_send(gen_random_uuid()) as a, uuid_send(gen_random_uuid()) as b) as r
$$;

-- What each stored image really is, by its first bytes; anything else is not served again.
update media set content_type = case
  when substring(bytes from 1 for 3) = '\\xffd8ff'::bytea then 'image/jpeg'
  when substring(bytes from 1 for 8) = '\\x89504e470d0a1a0a'::bytea then 'image/png'
  else 'image/webp' end
 where substring(bytes from 1 for 3) = '\\xffd8ff'::bytea
    or substring(bytes from 1 for 8) = '\\x89504e470d0a1a0a'::bytea
    or (substring(bytes from 1 for 4) = '\\x52494646'::bytea and substring(bytes from 9 for 4) = '\\x57454250'::bytea);
delete from media
 where not (substring(bytes from 1 for 3) = '\\xffd8ff'::bytea
    or substring(bytes from 1 for 8) = '\\x89504e470d0a1a0a'::bytea
    or (substring(bytes from 1 for 4) = '\\x52494646'::bytea and substring(bytes from 9 for 4) = '\\x57454250'::bytea));

alter table media add column new_id text not null default random_media_id();
create temporary table media_urls on commit drop as
  select '/media/' || id::text as old_url, '/media/' || new_id as new_url from media;
-- A URL whose counted id has no image any more is dropped (it would answer 404, and the new id
-- pattern refuses it when the row is saved again); a banner, which must show an image, keeps it.
update members set avatar_url = (select new_url from media_urls where old_url = avatar_url)
 where avatar_url like '/media/%';
update categories set image_url = (select new_url from media_urls where old_url = image_url)
 where image_url like '/media/%';
update banners set image_url = coalesce((select new_url from media_urls where old_url = image_url), image_url)
 where image_url like '/media/%';
update mall_items set image_url = (select new_url from media_urls where old_url = image_url)
 where image_url like '/media/%';
update lottery_prizes set image_url = (select new_url from media_urls where old_url = image_url)
 where image_url like '/media/%';
update orders set image_url = (select new_url from media_urls where old_url = image_url)
 where image_url like '/media/%';
update products set images = array(
    select coalesce((select new_url from media_urls where old_url = u.url), u.url)
    from unnest(images) with ordinality as u (url, n)
    where u.url not like '/media/%' or exists (select 1 from media_urls where old_url = u.url)
    order by u.n)
 where exists (select 1 from unnest(images) as u (url) where u.url like '/media/%');

alter table media drop constraint media_pkey;
alter table media drop column id;
alter table media rename column new_id to id;
alter table media add primary key (id);
create index media_member_idx on media (member_id);
`;
