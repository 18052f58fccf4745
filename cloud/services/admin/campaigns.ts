import type { AuditState, CampaignAdminView, CampaignInput } from '../../contract';
import { toBrandIso } from '../../domain/business-day';
import { campaignProblem, oddsPercent, TOP_PRIZE_LIMIT_FEN } from '../../domain/lottery';
import { recordAudit, rowState } from '../audit/record-audit';
import type { Actor, UseCaseContext } from '../context';
import { fail, transactionOrFailure, type Failure } from '../failure';
import { CAMPAIGN_COLUMNS, loadPrizes, type CampaignRow } from '../lottery/current-campaign';

const PROBLEMS = {
  ODDS_NOT_100: '所有奖品（含谢谢参与）的中奖概率之和必须为 100%',
  TOP_PRIZE_TOO_VALUABLE: `单个奖品价值不得超过 ${TOP_PRIZE_LIMIT_FEN / 100} 元（有奖销售规定）`,
  NO_CONSOLATION: '请设置一个“谢谢参与”奖项',
  BAD_WINDOW: '结束时间必须晚于开始时间',
} as const;

async function toAdminView(ctx: UseCaseContext, c: CampaignRow): Promise<CampaignAdminView> {
  const prizes = await loadPrizes(ctx.db, c.id);
  const tz = ctx.brand.timeZone;
  return {
    id: c.id,
    name: c.name,
    startsAt: toBrandIso(c.starts_at, tz),
    endsAt: toBrandIso(c.ends_at, tz),
    drawsPerDay: c.draws_per_day,
    winsPerDay: c.wins_per_day,
    winsPerCampaign: c.wins_per_campaign,
    pointsPerExtraDraw: c.points_per_extra_draw,
    rulesText: c.rules_text,
    prizes: prizes.map((p) => ({
      id: p.id,
      position: p.position,
      kind: p.kind,
      name: p.name,
      odds: p.odds,
      oddsPercent: oddsPercent(p.odds),
      stock: p.stock,
      dailyCap: p.daily_cap,
      valueFen: p.value_fen,
      couponTemplateId: p.coupon_template_id,
      points: p.points,
      imageUrl: p.image_url,
      awarded: p.awarded,
    })),
  };
}

export async function listCampaigns(ctx: UseCaseContext): Promise<CampaignAdminView[]> {
  const { rows } = await ctx.db.query<CampaignRow>(`select ${CAMPAIGN_COLUMNS} from lottery_campaigns order by starts_at desc limit 50`);
  return Promise.all(rows.map((c) => toAdminView(ctx, c)));
}

/**
 * Saves a campaign with its prizes. Refused unless the odds add up to 100%, there is a
 * 谢谢参与, and no prize is worth more than ¥50,000. A campaign that has started keeps its
 * prizes: members were shown them. actor null: set-up by the system (seed data, tests), not audited.
 */
export async function saveCampaign(ctx: UseCaseContext, actor: Actor | null, params: { campaign: CampaignInput }): Promise<CampaignAdminView | Failure> {
  const c = params.campaign;
  const window = { startsAt: new Date(c.startsAt), endsAt: new Date(c.endsAt) };
  const problem = campaignProblem(
    c.prizes.map((p, i) => ({ ...p, id: String(i) })),
    window,
  );
  if (problem === 'TOP_PRIZE_TOO_VALUABLE') {
    // Each prize over the limit is named, so the editor shows the reason at its value.
    const fields = c.prizes.flatMap((p, i) => (p.valueFen > TOP_PRIZE_LIMIT_FEN ? [{ path: `campaign.prizes.${i}.valueFen`, message: PROBLEMS[problem] }] : []));
    return fail('CAMPAIGN_INVALID', PROBLEMS[problem], fields);
  }
  if (problem) return fail('CAMPAIGN_INVALID', PROBLEMS[problem]);
  const mismatch = c.prizes.find(
    (p) => (p.kind === 'coupon') !== (p.couponTemplateId !== null) || (p.kind === 'points') !== (p.points !== null),
  );
  if (mismatch) return fail('CAMPAIGN_INVALID', `奖品“${mismatch.name}”：优惠券奖品需选择券模板，积分奖品需填写积分数`);
  const saved = await transactionOrFailure(ctx.db, async (tx) => {
    const fields = [c.name, window.startsAt, window.endsAt, c.drawsPerDay, c.winsPerDay, c.winsPerCampaign, c.pointsPerExtraDraw, c.rulesText];
    let id: string;
    let before: AuditState = null;
    if (c.id) {
      const { rows } = await tx.query<{ starts_at: Date }>('select starts_at from lottery_campaigns where id = $1 for update', [c.id]);
      if (!rows[0]) return fail('NOT_FOUND', '活动不存在');
      if (rows[0].starts_at <= ctx.now) return fail('CAMPAIGN_INVALID', '活动已开始，奖品和概率不能再修改');
      before = await rowState(tx, 'lottery_campaigns', c.id);
      await tx.query(
        `update lottery_campaigns set name = $2, starts_at = $3, ends_at = $4, draws_per_day = $5, wins_per_day = $6,
           wins_per_campaign = $7, points_per_extra_draw = $8, rules_text = $9 where id = $1`,
        [c.id, ...fields],
      );
      await tx.query('delete from lottery_prizes where campaign_id = $1', [c.id]);
      id = c.id;
    } else {
      const { rows } = await tx.query<{ id: string }>(
        `insert into lottery_campaigns (name, starts_at, ends_at, draws_per_day, wins_per_day, wins_per_campaign,
           points_per_extra_draw, rules_text) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
        fields,
      );
      id = rows[0]!.id;
    }
    for (const [position, p] of c.prizes.entries()) {
      await tx.query(
        `insert into lottery_prizes (campaign_id, position, kind, name, odds, stock, daily_cap, value_fen,
           coupon_template_id, points, image_url) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [id, position, p.kind, p.name, p.odds, p.stock, p.dailyCap, p.valueFen, p.couponTemplateId, p.points, p.imageUrl],
      );
    }
    const after = await rowState(tx, 'lottery_campaigns', id);
    await recordAudit(tx, { actor, at: ctx.now, kind: 'campaign.save', targetType: 'campaign', targetId: id, before, after });
    return id;
  });
  if (typeof saved !== 'string') return saved;
  const { rows } = await ctx.db.query<CampaignRow>(`select ${CAMPAIGN_COLUMNS} from lottery_campaigns where id = $1`, [saved]);
  return toAdminView(ctx, rows[0]!);
}
