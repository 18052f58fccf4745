export default /* sql */ `
-- Which check-in or order rewarded the inviter (audit: the points' ledger row names the invitee).
alter table referrals add column reward_source_id text;
-- The monthly leaderboard reads rewarded referrals by time.
create index referrals_rewarded_idx on referrals (rewarded_at) where rewarded_at is not null;
`;
