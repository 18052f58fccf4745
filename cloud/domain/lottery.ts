/**
 * Lottery rules: odds, their disclosure, pacing of prizes over the campaign, and the pick.
 * Odds are in basis points (万分比) and must add up to exactly 10000, 谢谢参与 included, so
 * what members are shown is what the server draws with. A prize that cannot be given right now
 * (stock out, daily cap reached, or paced) falls back to 谢谢参与.
 */
export type PrizeKind = 'coupon' | 'points' | 'goods' | 'none';

export const ODDS_SCALE = 10_000;
/** 有奖销售: the top prize may be worth at most ¥50,000. */
export const TOP_PRIZE_LIMIT_FEN = 50_000 * 100;

export interface PrizeRule {
  id: string;
  kind: PrizeKind;
  name: string;
  /** Odds in basis points: 2500 = 25%. */
  odds: number;
  /** Total stock; null = unlimited (points, coupons, 谢谢参与). */
  stock: number | null;
  /** At most this many awarded per brand-time day; null = no cap. */
  dailyCap: number | null;
  /** What the prize is worth to a member, in fen (goods: retail price; points: their cash value). */
  valueFen: number;
}

export type CampaignProblem = 'ODDS_NOT_100' | 'TOP_PRIZE_TOO_VALUABLE' | 'NO_CONSOLATION' | 'BAD_WINDOW';

/** Why a campaign may not be saved, or null. */
export function campaignProblem(prizes: PrizeRule[], window: { startsAt: Date; endsAt: Date }): CampaignProblem | null {
  if (!(window.startsAt < window.endsAt)) return 'BAD_WINDOW';
  if (prizes.reduce((sum, p) => sum + p.odds, 0) !== ODDS_SCALE) return 'ODDS_NOT_100';
  if (!prizes.some((p) => p.kind === 'none')) return 'NO_CONSOLATION';
  if (prizes.some((p) => p.valueFen > TOP_PRIZE_LIMIT_FEN)) return 'TOP_PRIZE_TOO_VALUABLE';
  return null;
}

/** The odds shown to members, as a percentage with up to two decimals. */
export function oddsPercent(odds: number): number {
  return Math.round((odds / ODDS_SCALE) * 10_000) / 100;
}

/**
 * The prize a uniform random number in [0, ODDS_SCALE) falls on, walking the prizes in order.
 * The caller supplies the number from a CSPRNG (crypto.randomInt).
 */
export function prizeAt<P extends Pick<PrizeRule, 'odds'>>(prizes: P[], roll: number): P {
  let edge = 0;
  for (const prize of prizes) {
    edge += prize.odds;
    if (roll < edge) return prize;
  }
  throw new RangeError(`roll ${roll} is outside the odds (${edge})`);
}

/**
 * Pacing: of a prize's stock, the share released by `now` grows evenly over the campaign, so
 * that it is not drained on day one. A prize whose awarded count reached its release is
 * given as 谢谢参与 until more is released. Unlimited prizes are never paced.
 */
export function releasedByNow(stock: number | null, window: { startsAt: Date; endsAt: Date }, now: Date): number | null {
  if (stock === null) return null;
  const total = window.endsAt.getTime() - window.startsAt.getTime();
  const elapsed = Math.min(Math.max(now.getTime() - window.startsAt.getTime(), 0), total);
  // At least one unit is out from the start, so a small stock is winnable on the first day.
  return Math.min(stock, Math.max(1, Math.ceil((stock * elapsed) / total)));
}

/**
 * The draws a member can still make today: what the day's limit leaves, capped by the chances
 * they hold unless the campaign sells extra draws for points (whose price is asked per draw).
 */
export function drawsLeftToday(drawsPerDay: number, drawsToday: number, chances: number, sellsDraws: boolean): number {
  const byLimit = Math.max(0, drawsPerDay - drawsToday);
  return sellsDraws ? byLimit : Math.min(byLimit, chances);
}
