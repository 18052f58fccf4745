import { randomInt } from 'node:crypto';
import type { DrawResult } from '../../contract';
import type { Queryable } from '../../db/port';
import { businessDay } from '../../domain/business-day';
import { ODDS_SCALE, prizeAt, releasedByNow } from '../../domain/lottery';
import { lotExpiresOn } from '../../domain/points-expiry';
import type { Actor, UseCaseContext } from '../context';
import { issueCoupon } from '../coupons/issue-coupon';
import { Failure, fail, transactionOrFailure } from '../failure';
import { oncePerRequest } from '../request-once';
import { bookPoints } from '../points/book-points';
import { loadAwards } from './award-view';
import { CAMPAIGN_COLUMNS, loadPrizes, unusedChances, type CampaignRow, type PrizeRow } from './current-campaign';

/**
 * One draw, decided and recorded before it is shown: in one transaction the chance (or the
 * points) is used, the member's daily draw count is checked, a CSPRNG picks a prize by the
 * disclosed odds, and the prize is given only if every limit allows it — stock, pacing, daily
 * cap, the member's wins per day and per campaign — each a conditional update in SQL; if one
 * refuses, the draw is 谢谢参与. A repeated requestId answers with the first draw.
 */
export async function drawOnce(
  ctx: UseCaseContext,
  actor: Actor,
  params: { campaignId: string; requestId: string; payWithPoints?: boolean },
): Promise<DrawResult | Failure> {
  return oncePerRequest(
    () => earlierDraw(ctx, actor, params.requestId),
    () => transactionOrFailure(ctx.db, (tx) => drawIn(tx, ctx, actor, params)),
  );
}

async function drawIn(
  tx: Queryable,
  ctx: UseCaseContext,
  actor: Actor,
  params: { campaignId: string; requestId: string; payWithPoints?: boolean },
): Promise<{ drawId: string } | Failure> {
  const { brand, now } = ctx;
  const today = businessDay(now, brand.timeZone);
  const { rows } = await tx.query<CampaignRow>(`select ${CAMPAIGN_COLUMNS} from lottery_campaigns where id = $1`, [params.campaignId]);
  const campaign = rows[0];
  if (!campaign) return fail('NOT_FOUND', '活动不存在');
  if (now < campaign.starts_at || now >= campaign.ends_at) return fail('CAMPAIGN_CLOSED');

  const counted = await tx.query(
    `insert into lottery_member_days (campaign_id, member_id, day, draws) values ($1, $2, $3, 1)
     on conflict (campaign_id, member_id, day) do update set draws = lottery_member_days.draws + 1
     where lottery_member_days.draws < $4`,
    [campaign.id, actor.memberId, today, campaign.draws_per_day],
  );
  if (counted.rowCount === 0) return fail('DRAW_LIMIT');

  let chanceId: string | null = null;
  let paidPoints: number | null = null;
  if (params.payWithPoints) {
    if (campaign.points_per_extra_draw === null) return fail('INVALID_PARAMS', '本活动不支持积分抽奖');
    const paid = await bookPoints(tx, {
      memberId: actor.memberId,
      delta: -campaign.points_per_extra_draw,
      source: 'lottery_draw',
      sourceId: `${actor.memberId}:${params.requestId}`,
      at: now,
    });
    if (paid === null) return fail('INSUFFICIENT_POINTS');
    paidPoints = campaign.points_per_extra_draw;
  } else {
    const chance = await tx.query<{ id: string }>(
      `update lottery_chances set used_at = $2 where id = (
         select id from lottery_chances where member_id = $1 and used_at is null order by id limit 1 for update skip locked
       ) returning id`,
      [actor.memberId, now],
    );
    if (!chance.rows[0]) return fail('NO_CHANCE');
    chanceId = chance.rows[0].id;
  }

  const prizes = await loadPrizes(tx, campaign.id);
  const consolation = prizes.find((p) => p.kind === 'none')!;
  const candidate = prizeAt(prizes, randomInt(ODDS_SCALE));
  const won = candidate.kind !== 'none' && (await claimPrize(tx, campaign, candidate, actor.memberId, today, now));
  const prize = won ? candidate : consolation;

  const { rows: draws } = await tx.query<{ id: string }>(
    `insert into lottery_draws (campaign_id, member_id, request_id, chance_id, paid_points, prize_id, created_at)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [campaign.id, actor.memberId, params.requestId, chanceId, paidPoints, prize.id, now],
  );
  const drawId = draws[0]!.id;
  if (chanceId) await tx.query('update lottery_chances set draw_id = $2 where id = $1', [chanceId, drawId]);
  if (won) await award(tx, ctx, actor, prize, drawId);
  return { drawId };
}

/** Takes one of the prize within every limit, or nothing (rolled back to the savepoint). */
async function claimPrize(
  tx: Queryable,
  campaign: CampaignRow,
  prize: PrizeRow,
  memberId: string,
  today: string,
  now: Date,
): Promise<boolean> {
  await tx.query('savepoint claim_prize');
  const released = releasedByNow(prize.stock, { startsAt: campaign.starts_at, endsAt: campaign.ends_at }, now);
  const steps: Array<[string, unknown[]]> = [
    [
      `update lottery_member_days set wins = wins + 1
       where campaign_id = $1 and member_id = $2 and day = $3::date and wins < $4`,
      [campaign.id, memberId, today, campaign.wins_per_day],
    ],
    [
      `insert into lottery_member_wins (campaign_id, member_id, wins) values ($1, $2, 1)
       on conflict (campaign_id, member_id) do update set wins = lottery_member_wins.wins + 1
       where lottery_member_wins.wins < $3`,
      [campaign.id, memberId, campaign.wins_per_campaign],
    ],
    [
      `update lottery_prizes set awarded = awarded + 1 where id = $1 and ($2::int is null or awarded < $2::int)`,
      [prize.id, released],
    ],
  ];
  if (prize.daily_cap !== null) {
    steps.push([
      `insert into lottery_prize_days (prize_id, day, awarded) select $1, $2, 1 where $3 > 0
       on conflict (prize_id, day) do update set awarded = lottery_prize_days.awarded + 1
       where lottery_prize_days.awarded < $3`,
      [prize.id, today, prize.daily_cap],
    ]);
  }
  for (const [sql, args] of steps) {
    const { rowCount } = await tx.query(sql, args);
    if (rowCount === 0) {
      await tx.query('rollback to savepoint claim_prize');
      return false;
    }
  }
  await tx.query('release savepoint claim_prize');
  return true;
}

async function award(tx: Queryable, ctx: UseCaseContext, actor: Actor, prize: PrizeRow, drawId: string): Promise<void> {
  let couponId: string | null = null;
  if (prize.kind === 'coupon') {
    const coupon = await issueCoupon(tx, ctx.brand, {
      templateId: prize.coupon_template_id!,
      memberId: actor.memberId,
      source: 'lottery',
      sourceId: drawId,
      at: ctx.now,
      limitPerMember: false,
    });
    if (coupon instanceof Failure) throw new Error(`lottery coupon not issued: ${coupon.code}`);
    couponId = coupon.id;
  }
  if (prize.kind === 'points') {
    await bookPoints(tx, {
      memberId: actor.memberId,
      delta: prize.points!,
      source: 'lottery',
      sourceId: drawId,
      at: ctx.now,
      expiresOn: lotExpiresOn(businessDay(ctx.now, ctx.brand.timeZone), ctx.brand.points.expiryMonths),
    });
  }
  await tx.query(
    `insert into lottery_awards (draw_id, member_id, prize_id, coupon_id, points, fulfilment, created_at)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [drawId, actor.memberId, prize.id, couponId, prize.points, prize.kind === 'goods' ? 'pending_address' : 'done', ctx.now],
  );
}

async function earlierDraw(ctx: UseCaseContext, actor: Actor, requestId: string): Promise<DrawResult | null> {
  const { rows } = await ctx.db.query<{ id: string; prize_id: string; position: number; kind: DrawResult['prize']['kind']; name: string; balance: number }>(
    `select d.id, p.id as prize_id, p.position, p.kind, p.name, m.points_balance as balance
     from lottery_draws d join lottery_prizes p on p.id = d.prize_id join members m on m.id = d.member_id
     where d.member_id = $1 and d.request_id = $2`,
    [actor.memberId, requestId],
  );
  const draw = rows[0];
  if (!draw) return null;
  const [awards, chancesLeft] = await Promise.all([
    loadAwards(ctx.db, ctx.brand, ctx.now, { memberId: actor.memberId, drawId: draw.id, limit: 1 }),
    unusedChances(ctx.db, actor.memberId),
  ]);
  return {
    drawId: draw.id,
    prize: { id: draw.prize_id, position: draw.position, kind: draw.kind, name: draw.name },
    won: draw.kind !== 'none',
    award: awards[0] ?? null,
    chancesLeft,
    balance: draw.balance,
  };
}
