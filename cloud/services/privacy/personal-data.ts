/**
 * Where a member's personal data is kept, for the copy member.exportData hands out (PIPL art.
 * 45): one section per kind of record, each a query of the member's rows ($1 = member id). A
 * new table about members adds its section here — or, if it holds nothing about the member,
 * says why in NOT_EXPORTED; a test finds every table that names a member and checks that it is
 * in one of the two.
 */
export interface PersonalDataSection {
  name: string;
  /** The tables the section reads the member's rows from. */
  tables: readonly string[];
  sql: string;
}

/** The member's own row: identifiers, profile, consent in force, tier, balance, guide, where they came from. */
export const PROFILE_SQL = `select id, openid, unionid, role, nickname, avatar_url, birthday, tier, tier_since, tier_raised_on, points_balance,
    consent_version, consent_at, profile_asked_at, guide_id, guide_bound_at, source, created_at
  from members where id = $1`;

export const PERSONAL_DATA_SECTIONS: readonly PersonalDataSection[] = [
  {
    name: 'consents',
    tables: ['consent_events'],
    sql: 'select kind, version, at from consent_events where member_id = $1 order by id',
  },
  {
    name: 'checkins',
    tables: ['checkins'],
    sql: 'select day, kind, streak, points, scene, group_id, created_at from checkins where member_id = $1 order by day',
  },
  {
    name: 'pointsLedger',
    tables: ['points_ledger'],
    sql: 'select id, delta, balance_after, source, source_id, note, created_at from points_ledger where member_id = $1 order by id',
  },
  {
    name: 'pointsLots',
    tables: ['points_lots'],
    sql: 'select ledger_id, amount, remaining, expires_on from points_lots where member_id = $1 order by id',
  },
  {
    name: 'groupPoints',
    // The balance row is the ledger's sum (balance_after here), kept apart only for concurrency.
    tables: ['group_points_ledger', 'group_points_balances'],
    sql: `select id, delta, sum(delta) over (order by id)::int as balance_after, source, source_key, group_id, note, created_at
      from group_points_ledger where member_id = $1 order by id`,
  },
  {
    name: 'growth',
    tables: ['growth_ledger'],
    sql: 'select amount, source, source_id, day, created_at from growth_ledger where member_id = $1 order by id',
  },
  {
    name: 'lotteryChances',
    tables: ['lottery_chances'],
    sql: 'select id, source, source_id, granted_at, used_at, draw_id from lottery_chances where member_id = $1 order by id',
  },
  {
    name: 'lotteryDraws',
    tables: ['lottery_draws'],
    sql: `select d.id, c.name as campaign, p.name as prize, d.chance_id, d.paid_points, d.created_at
      from lottery_draws d join lottery_campaigns c on c.id = d.campaign_id join lottery_prizes p on p.id = d.prize_id
      where d.member_id = $1 order by d.id`,
  },
  {
    name: 'lotteryAwards',
    tables: ['lottery_awards'],
    sql: `select a.id, a.draw_id, p.name as prize, p.kind, a.coupon_id, a.points, a.fulfilment, a.address, a.created_at
      from lottery_awards a join lottery_prizes p on p.id = a.prize_id where a.member_id = $1 order by a.id`,
  },
  {
    name: 'coupons',
    tables: ['coupons'],
    sql: `select c.id, t.name, c.code, c.source, c.issued_at, c.valid_from, c.valid_until, c.used_at, c.used_store, c.order_id
      from coupons c join coupon_templates t on t.id = c.template_id where c.member_id = $1 order by c.id`,
  },
  {
    name: 'orders',
    tables: ['orders'],
    sql: `select id, status, product_name, sku_label, qty, mall_item_id, list_price_fen, unit_price_fen, member_discount_fen,
        member_day_discount_fen, coupon_id, coupon_discount_fen, shipping_fen, total_fen, points_price, points_earned, growth_earned,
        member_day, night_market, address, note, carrier, tracking_no, share_id, guide_id, group_id, pay_provider, pay_txn_id, created_at, paid_at,
        shipped_at, completed_at, completed_by, cancelled_at, refunded_at, refund_reason
      from orders where member_id = $1 order by id`,
  },
  {
    name: 'afterSales',
    tables: ['refund_requests'],
    sql: `select order_id, kind, reason, photos, status, requested_at, decided_at, decision_note
      from refund_requests where member_id = $1 order by id`,
  },
  {
    name: 'addresses',
    tables: ['addresses'],
    sql: 'select id, address, is_default, created_at, updated_at from addresses where member_id = $1 order by id',
  },
  {
    name: 'mallRedemptions',
    tables: ['mall_redemptions'],
    sql: `select r.id, i.name as item, i.kind, r.points, r.coupon_id, r.order_id, r.fulfilment, r.address, r.created_at
      from mall_redemptions r join mall_items i on i.id = r.item_id where r.member_id = $1 order by r.id`,
  },
  {
    name: 'shares',
    tables: ['shares'],
    sql: `select s.id, s.kind, s.product_id, p.name as product, s.created_at
      from shares s left join products p on p.id = s.product_id where s.sharer_id = $1 order by s.created_at, s.id`,
  },
  {
    name: 'shareClicks',
    tables: ['share_clicks'],
    sql: `select share_id, scene, group_id, clicks, first_clicked_at, last_clicked_at
      from share_clicks where viewer_id = $1 order by first_clicked_at, id`,
  },
  {
    // Whom I invited and who invited me, without the other member's identity.
    name: 'referrals',
    tables: ['referrals'],
    sql: `select case when invitee_id = $1 then 'invited_me' else 'invited_by_me' end as role, share_id, created_at, rewarded_at,
        reward_trigger
      from referrals where invitee_id = $1 or inviter_id = $1 order by created_at`,
  },
  {
    name: 'groupVisits',
    tables: ['group_visits'],
    sql: 'select group_id, day from group_visits where member_id = $1 order by day, group_id',
  },
  {
    name: 'visits',
    tables: ['member_visits'],
    sql: 'select day from member_visits where member_id = $1 order by day',
  },
  {
    name: 'productViews',
    tables: ['product_views'],
    sql: `select v.day, v.product_id, p.name as product
      from product_views v join products p on p.id = v.product_id where v.member_id = $1 order by v.day, v.product_id`,
  },
  {
    // What the nightly run made of me: value layer, RFM scores, churn warning with its reason, and
    // the facts they were read from. Every column but the key (a test holds it to that).
    name: 'segmentation',
    tables: ['member_facts'],
    sql: `select layer, layer_since, r_score, f_score, m_score, churn_risk, churn_reason, (select day from facts_state) as day, joined_on, source, tier,
        birthday_month, guide_id, last_visit_on, visit_days_7, visit_days_30, checkins_30, checkins_90, current_streak,
        longest_streak, last_checkin_on, orders_90, orders_365, gmv_90_fen, gmv_365_fen, first_order_on, last_order_on, last_active_on,
        active_days::text[] as active_days, active_days_90, median_interval_days, categories_bought, categories_viewed, new_launch_views_30, top_size, top_color,
        avg_order_fen, price_band, coupon_share, member_day_share, flash_share, night_share, lottery_draws_30, redemptions_365,
        points_balance, points_expiring_30, shares_30, share_clicks_30, invites_rewarded, groups_seen_90, changed_in
      from member_facts where member_id = $1`,
  },
  {
    // My tags and why I have them; who among the staff added a manual one is theirs, not mine.
    name: 'tags',
    tables: ['member_tags'],
    sql: `select t.tag_key as key, d.name, t.source, t.reason, t.added_at
      from member_tags t join tag_definitions d on d.key = t.tag_key where t.member_id = $1 order by t.added_at, t.tag_key`,
  },
  {
    // My guide's follow-up tasks about me (SOP): when, which step, what became of them. Which
    // guide is staff data; a skipped task's reason is about me.
    name: 'followUps',
    tables: ['sop_tasks'],
    sql: `select k.due_on, p.name as plan, k.step_key, k.status, k.done_at, k.on_time, k.skip_reason, k.coupon_id, k.created_at
      from sop_tasks k join sop_plans p on p.id = k.plan_id where k.member_id = $1 order by k.id`,
  },
  {
    name: 'reminders',
    tables: ['reminder_subscriptions'],
    sql: 'select kind, accepted_at, used_at from reminder_subscriptions where member_id = $1 order by id',
  },
  {
    name: 'messages',
    tables: ['outbox'],
    sql: 'select kind, payload, created_at, sent_at from outbox where member_id = $1 order by id',
  },
  {
    name: 'media',
    tables: ['media'],
    sql: `select '/media/' || id as url, kind, content_type, octet_length(bytes) as bytes, created_at
      from media where member_id = $1 order by created_at, id`,
  },
];

/** Tables that name a member but are not in the copy, and why. */
export const NOT_EXPORTED: Readonly<Record<string, string>> = {
  wechat_sessions: "WeChat's session key: a credential for decrypting group data, never handed out",
  brand_settings: 'names the staff member who last changed the brand settings',
  wechat_groups: 'names the staff member who named a group; a group and its name are nobody\'s personal data',
  coupon_member_counts: 'counts of coupons issued per template, kept for the per-member limit; the coupons are in coupons',
  mall_member_counts: 'counts of redemptions per item, kept for the per-member limit; the redemptions are in mallRedemptions',
  flash_sale_member_counts: 'counts of flash-sale items bought, kept for the limit; the orders are in orders',
  lottery_member_days: 'counts of draws and wins per day, kept for the limits; the draws are in lotteryDraws',
  lottery_member_wins: 'counts of wins per campaign, kept for the limit; the awards are in lotteryAwards',
  makeup_member_months: 'counts of 补签 per month, kept for the monthly cap; the made-up days are in checkins',
  tag_definitions: 'names the staff member who defined a tag; the tags a member has are in tags',
  segments: 'names the staff member who saved a segment',
  segment_actions: 'names the staff member who started an action on a segment and the guide it assigns',
  exports: 'names the staff member who asked for an xlsx export; the files themselves are deleted a day after they are made',
  audit_log: 'names the staff member who made an admin write; a member it acted on only by id, the effects are in their own sections',
  sop_plans: 'names the staff member who last saved an SOP plan; the tasks it made about a member are in followUps',
  sop_plan_versions: 'names the staff member who saved each version of an SOP plan',
  group_post_marks: 'names the guide who marked a group post 已发布: staff data, no member in it',
  moments_marks: 'names the guide who marked a 朋友圈 post 已发布: staff data, no member in it',
  segment_members:
    "which saved segments a member falls in: staff's working lists, recomputed from the facts and tags in segmentation and tags (erased with the account)",
};
