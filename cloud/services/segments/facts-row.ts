/** A member_facts row as the database gives it (bigints, numerics and dates as text) and as the domain reads it. */
import type { MemberFacts } from '../../domain/member-facts';

export const FACTS_COLUMNS = `member_id, (select day from facts_state) as day, joined_on, source, tier, birthday_month, guide_id, last_visit_on, visit_days_7, visit_days_30,
  checkins_30, checkins_90, current_streak, longest_streak, orders_90, orders_365, gmv_90_fen, gmv_365_fen, first_order_on,
  last_order_on, last_active_on, active_days_90, median_interval_days, categories_bought, categories_viewed, new_launch_views_30,
  top_size, top_color, avg_order_fen, price_band, coupon_share, member_day_share, flash_share, night_share, lottery_draws_30,
  redemptions_365, points_balance, points_expiring_30, shares_30, share_clicks_30, invites_rewarded, groups_seen_90,
  r_score, f_score, m_score, churn_risk, churn_reason, layer`;

export interface FactsRow {
  member_id: string;
  day: string;
  joined_on: string;
  source: string;
  tier: string;
  birthday_month: number | null;
  guide_id: string | null;
  last_visit_on: string | null;
  visit_days_7: number;
  visit_days_30: number;
  checkins_30: number;
  checkins_90: number;
  current_streak: number;
  longest_streak: number;
  orders_90: number;
  orders_365: number;
  gmv_90_fen: string;
  gmv_365_fen: string;
  first_order_on: string | null;
  last_order_on: string | null;
  last_active_on: string | null;
  active_days_90: number;
  median_interval_days: string | null;
  categories_bought: string[];
  categories_viewed: string[];
  new_launch_views_30: number;
  top_size: string | null;
  top_color: string | null;
  avg_order_fen: number | null;
  price_band: string | null;
  coupon_share: string;
  member_day_share: string;
  flash_share: string;
  night_share: string;
  lottery_draws_30: number;
  redemptions_365: number;
  points_balance: number;
  points_expiring_30: number;
  shares_30: number;
  share_clicks_30: number;
  invites_rewarded: number;
  groups_seen_90: number;
  r_score: number | null;
  f_score: number | null;
  m_score: number | null;
  churn_risk: boolean;
  churn_reason: string | null;
  layer: string;
}

const num = (v: string | number) => Number(v);
const numOrNull = (v: string | number | null) => (v === null ? null : Number(v));

export function factsFromRow(r: FactsRow): MemberFacts {
  return {
    memberId: r.member_id,
    day: r.day,
    joinedOn: r.joined_on,
    source: r.source,
    tier: r.tier,
    birthdayMonth: r.birthday_month,
    guideId: r.guide_id,
    lastVisitOn: r.last_visit_on,
    visitDays7: r.visit_days_7,
    visitDays30: r.visit_days_30,
    checkins30: r.checkins_30,
    checkins90: r.checkins_90,
    currentStreak: r.current_streak,
    longestStreak: r.longest_streak,
    orders90: r.orders_90,
    orders365: r.orders_365,
    gmv90Fen: num(r.gmv_90_fen),
    gmv365Fen: num(r.gmv_365_fen),
    firstOrderOn: r.first_order_on,
    lastOrderOn: r.last_order_on,
    lastActiveOn: r.last_active_on,
    activeDays90: r.active_days_90,
    medianIntervalDays: numOrNull(r.median_interval_days),
    categoriesBought: r.categories_bought,
    categoriesViewed: r.categories_viewed,
    newLaunchViews30: r.new_launch_views_30,
    topSize: r.top_size,
    topColor: r.top_color,
    avgOrderFen: numOrNull(r.avg_order_fen),
    priceBand: r.price_band,
    couponShare: num(r.coupon_share),
    memberDayShare: num(r.member_day_share),
    flashShare: num(r.flash_share),
    nightShare: num(r.night_share),
    lotteryDraws30: r.lottery_draws_30,
    redemptions365: r.redemptions_365,
    pointsBalance: r.points_balance,
    pointsExpiring30: r.points_expiring_30,
    shares30: r.shares_30,
    shareClicks30: r.share_clicks_30,
    invitesRewarded: r.invites_rewarded,
    groupsSeen90: r.groups_seen_90,
    rScore: r.r_score,
    fScore: r.f_score,
    mScore: r.m_score,
    churnRisk: r.churn_risk,
    churnReason: r.churn_reason,
    layer: r.layer,
  };
}
