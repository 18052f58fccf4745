export default /* sql */ `
-- admin.members finds a member by the start of their nickname (services/admin/members.ts):
-- lower(nickname) like 'x%' walks this index at any number of members. text_pattern_ops
-- compares characters, not the locale's collation, so a left-anchored LIKE can use it whatever
-- the database's locale (C in PGlite, often en_US / zh_CN on a server). A trigram index
-- (pg_trgm) would find a nickname by any part, but it needs an extension the database may not
-- offer, and it cannot narrow a one- or two-character query (小林) — most of Chinese nicknames.
-- Not a partial index (where nickname is not null): the planner estimates a prefix's share of
-- members from this index's statistics only when it is not partial, and without the estimate
-- it walks the primary key newest first looking for a rare nickname through every member.
create index members_nickname_prefix on members (lower(nickname) text_pattern_ops);

-- ... and by the phone of an address in their address book (the only phone the app keeps).
create index addresses_phone on addresses ((address ->> 'phone'));
`;
