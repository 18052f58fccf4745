import type { LotteryCampaignView } from '../../contract';
import type { Queryable } from '../../db/port';
import { businessDay, toBrandIso } from '../../domain/business-day';
import { drawsLeftToday, oddsPercent, type PrizeKind } from '../../domain/lottery';
import type { Actor, UseCaseContext } from '../context';

export interface CampaignRow {
  id: string;
  name: string;
  starts_at: Date;
  ends_at: Date;
  draws_per_day: number;
  wins_per_day: number;
  wins_per_campaign: number;
  points_per_extra_draw: number | null;
  rules_text: string;
}

export interface PrizeRow {
  id: string;
  position: number;
  kind: PrizeKind;
  name: string;
  odds: number;
  stock: number | null;
  daily_cap: number | null;
  value_fen: number;
  coupon_template_id: string | null;
  points: number | null;
  image_url: string | null;
  awarded: number;
}

export const CAMPAIGN_COLUMNS =
  'id, name, starts_at, ends_at, draws_per_day, wins_per_day, wins_per_campaign, points_per_extra_draw, rules_text';
export const PRIZE_COLUMNS =
  'id, position, kind, name, odds, stock, daily_cap, value_fen, coupon_template_id, points, image_url, awarded';

export async function loadPrizes(db: Queryable, campaignId: string): Promise<PrizeRow[]> {
  const { rows } = await db.query<PrizeRow>(
    `select ${PRIZE_COLUMNS} from lottery_prizes where campaign_id = $1 order by position`,
    [campaignId],
  );
  return rows;
}

export async function unusedChances(db: Queryable, memberId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'select count(*)::int as n from lottery_chances where member_id = $1 and used_at is null',
    [memberId],
  );
  return rows[0]!.n;
}

/** The campaign open now, as members see it: prizes with their odds and counts, rules, my chances. */
export async function currentCampaign(ctx: UseCaseContext, actor: Actor): Promise<LotteryCampaignView | null> {
  const { rows } = await ctx.db.query<CampaignRow>(
    `select ${CAMPAIGN_COLUMNS} from lottery_campaigns where starts_at <= $1 and ends_at > $1 order by starts_at desc limit 1`,
    [ctx.now],
  );
  const campaign = rows[0];
  if (!campaign) return null;
  const today = businessDay(ctx.now, ctx.brand.timeZone);
  const [prizes, chances, today_] = await Promise.all([
    loadPrizes(ctx.db, campaign.id),
    unusedChances(ctx.db, actor.memberId),
    ctx.db.query<{ draws: number }>(
      'select draws from lottery_member_days where campaign_id = $1 and member_id = $2 and day = $3::date',
      [campaign.id, actor.memberId, today],
    ),
  ]);
  const tz = ctx.brand.timeZone;
  const drawsToday = today_.rows[0]?.draws ?? 0;
  return {
    id: campaign.id,
    name: campaign.name,
    startsAt: toBrandIso(campaign.starts_at, tz),
    endsAt: toBrandIso(campaign.ends_at, tz),
    rulesText: campaign.rules_text,
    limits: {
      drawsPerDay: campaign.draws_per_day,
      winsPerDay: campaign.wins_per_day,
      winsPerCampaign: campaign.wins_per_campaign,
    },
    pointsPerExtraDraw: campaign.points_per_extra_draw,
    prizes: prizes.map((p) => ({
      id: p.id,
      position: p.position,
      kind: p.kind,
      name: p.name,
      oddsPercent: oddsPercent(p.odds),
      total: p.stock,
      imageUrl: p.image_url,
    })),
    myChances: chances,
    myDrawsToday: drawsToday,
    myDrawsLeftToday: drawsLeftToday(campaign.draws_per_day, drawsToday, chances, campaign.points_per_extra_draw !== null),
  };
}
