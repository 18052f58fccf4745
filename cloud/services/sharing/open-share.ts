import type { CouponView, Role, ShareOpened } from '../../contract';
import type { Queryable } from '../../db/port';
import { businessDay } from '../../domain/business-day';
import { FIRST_SESSION_MINUTES, firstTouchSource, type FirstTouchSource } from '../../domain/first-touch';
import type { Actor, UseCaseContext } from '../context';
import { issueCoupon } from '../coupons/issue-coupon';
import { fail, Failure } from '../failure';
import { generateTasksForBound } from '../sop/generate-tasks';
import type { GroupData } from '../../adapters/groups/group-decoder';
import { groupOf, recordGroupVisit } from './group-visits';
import { handOverTasks } from '../sop/hand-over-tasks';

interface ShareRow {
  id: string;
  kind: 'product' | 'invite';
  product_id: string | null;
  sharer_id: string;
  sharer_role: Role;
  sharer_nickname: string | null;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * A click on a share by the signed-in member: the click (once per viewer and share: UV; a
 * repeat moves its time), the group it was opened in, the sharing guide as the member's exclusive
 * guide (per the brand's rule), in the member's first session where they came from (first touch),
 * and for an invite opened by a new member, the friendship and their welcome coupon — one
 * transaction. The sharer gets nothing here (WeChat's rule 5.1): an inviter is rewarded later, for
 * what the friend does (rewardInviter). My own share records nothing.
 */
export async function openShare(
  ctx: UseCaseContext,
  actor: Actor,
  params: { shareId: string; scene?: number; groupData?: GroupData },
): Promise<ShareOpened | Failure> {
  const { rows } = await ctx.db.query<ShareRow>(
    `select s.id, s.kind, s.product_id, s.sharer_id, m.role as sharer_role, m.nickname as sharer_nickname
     from shares s join members m on m.id = s.sharer_id where s.id = $1 and m.deleted_at is null`,
    [params.shareId],
  );
  const share = rows[0];
  if (!share) return fail('NOT_FOUND', '分享不存在或已失效');
  const groupId = await groupOf(ctx, actor, params.groupData);
  if (groupId instanceof Failure) return groupId;
  const answer = (knownGroup: string | null, welcome: ShareOpened['welcome']): ShareOpened => ({
    shareId: share.id,
    kind: share.kind,
    productId: share.product_id,
    sharer: { nickname: share.sharer_nickname, isGuide: share.sharer_role === 'guide' },
    groupId: knownGroup,
    welcome,
  });
  if (share.sharer_id === actor.memberId) return answer(groupId, null);
  return ctx.db.transaction(async (tx) => {
    const knownGroup = await recordClick(tx, ctx, actor, share.id, params.scene ?? null, groupId);
    if (share.sharer_role === 'guide') await bindGuide(tx, ctx, actor.memberId, share.sharer_id);
    if (ctx.now.getTime() - actor.joinedAt.getTime() <= FIRST_SESSION_MINUTES * MINUTE_MS) {
      const source = firstTouchSource({ sharerRole: share.sharer_role, scene: params.scene ?? null, groupId });
      await recordFirstTouch(tx, ctx, actor.memberId, source);
    }
    // After the member's row, as a check-in from the group locks them (members, then the visit and
    // its 社群积分): the other order deadlocks with a check-in made at the same moment.
    if (groupId) await recordGroupVisit(tx, ctx, groupId, actor.memberId);
    const welcome = share.kind === 'invite' ? await joinInvite(tx, ctx, actor, share) : null;
    return answer(knownGroup, welcome);
  });
}

/** One row per viewer and share; a repeat counts, moves last_clicked_at and keeps a known group. */
async function recordClick(
  tx: Queryable,
  ctx: UseCaseContext,
  actor: Actor,
  shareId: string,
  scene: number | null,
  groupId: string | null,
): Promise<string | null> {
  const { rows } = await tx.query<{ group_id: string | null }>(
    `insert into share_clicks (share_id, viewer_id, scene, group_id, first_clicked_at, last_clicked_at)
     values ($1, $2, $3, $4, $5, $5)
     on conflict (share_id, viewer_id) do update set
       clicks = share_clicks.clicks + 1,
       last_clicked_at = greatest(share_clicks.last_clicked_at, excluded.last_clicked_at),
       scene = coalesce(excluded.scene, share_clicks.scene),
       group_id = coalesce(excluded.group_id, share_clicks.group_id)
     returning group_id`,
    [shareId, actor.memberId, scene, groupId, ctx.now],
  );
  return rows[0]!.group_id;
}

/**
 * Where the member came from, set once: the first share opened in their first session decides, a
 * later click (or a concurrent one that lost the race) finds the source set and writes nothing.
 * The caller skips it for older members; the condition here is what holds under races.
 */
async function recordFirstTouch(tx: Queryable, ctx: UseCaseContext, memberId: string, source: FirstTouchSource): Promise<void> {
  await tx.query(
    `update members set source = $2
     where id = $1 and source is null and created_at >= $3::timestamptz - interval '${FIRST_SESSION_MINUTES} minutes'`,
    [memberId, source, ctx.now],
  );
}

/**
 * 专属导购: 'first' binds a member who has no guide yet, 'latest' moves them to the guide whose card
 * they opened last, 'off' never binds. Conditional updates, so concurrent opens cannot undo a rule.
 * Only members are bound: staff opening a colleague's card do not count as anyone's customers.
 */
async function bindGuide(tx: Queryable, ctx: UseCaseContext, memberId: string, guideId: string): Promise<void> {
  const rule = ctx.brand.sharing.exclusiveGuide;
  if (rule === 'off') return;
  const condition = rule === 'first' ? 'guide_id is null' : 'guide_id is distinct from $2';
  const bound = await tx.query(`update members set guide_id = $2, guide_bound_at = $3 where id = $1 and role = 'member' and ${condition}`, [
    memberId,
    guideId,
    ctx.now,
  ]);
  if (bound.rowCount === 0) return;
  await handOverTasks(tx, [memberId], guideId);
  // Bound now: today's SOP tasks (the welcome) are in the guide's list at once, not after the night.
  await generateTasksForBound(tx, [memberId], { day: businessDay(ctx.now, ctx.brand.timeZone), timeZone: ctx.brand.timeZone, now: ctx.now });
}

/**
 * A member who joined at most newMemberHours ago becomes the inviter's friend, once (the
 * referrals key decides races), never the inviter of their own inviter; then gets the welcome
 * coupon, if the brand gives one. Answers null when this open made no friendship.
 */
async function joinInvite(tx: Queryable, ctx: UseCaseContext, actor: Actor, share: ShareRow): Promise<ShareOpened['welcome']> {
  const { referral } = ctx.brand;
  if (ctx.now.getTime() - actor.joinedAt.getTime() > referral.newMemberHours * HOUR_MS) return null;
  const joined = await tx.query(
    `insert into referrals (invitee_id, inviter_id, share_id, created_at)
     select $1, $2, $3, $4
     where not exists (select 1 from referrals where invitee_id = $2 and inviter_id = $1)
     on conflict (invitee_id) do nothing
     returning invitee_id`,
    [actor.memberId, share.sharer_id, share.id, ctx.now],
  );
  if (!joined.rows[0]) return null;
  return { coupon: referral.welcomeCouponTemplateId ? await welcomeCoupon(tx, ctx, actor, referral.welcomeCouponTemplateId) : null };
}

/** Keyed by the new member: one welcome coupon each, whichever invite brought them. */
async function welcomeCoupon(tx: Queryable, ctx: UseCaseContext, actor: Actor, templateId: string): Promise<CouponView | null> {
  const coupon = await issueCoupon(tx, ctx.brand, {
    templateId,
    memberId: actor.memberId,
    source: 'welcome',
    sourceId: actor.memberId,
    at: ctx.now,
    limitPerMember: false,
  });
  if (coupon instanceof Failure) {
    // A template removed after it was configured: the friendship stands, without a coupon.
    console.warn(`[share] welcome coupon ${templateId} not issued: ${coupon.code}`);
    return null;
  }
  return coupon;
}
