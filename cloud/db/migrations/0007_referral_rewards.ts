export default /* sql */ `
-- Which check-in or order rewarded the inviter (audit: the points' ledger row names the invitee).
alter table referrals add column reward_source_id text;
-- The monthly leaderboard reads rewarded referrals by time.
create index referrals_rewarded_idx on referrals (rewarded_at) where rewarded_at is not null;
-- One share per sharer and product (and one invite per member): the card, the poster code and
-- the link stay the same however often the member opens the page or shares again.
create unique index shares_sharer_target_idx on shares (sharer_id, kind, coalesce(product_id, 0));
`;
