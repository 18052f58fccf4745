/**
 * A week of history for the demo guide 王姐 and the demo admin, so that their screens are not
 * all zero on a first start: product cards and an invite shared over the last seven days, opened
 * by demo members in WeChat groups (clicks, group visits, members bound to the guide, friends
 * with their welcome coupon), a named group, visits, check-ins and paid orders through the
 * shares. Shares, opens, names, visits and check-ins go through the use cases a real guide and
 * member go through; the paid orders are written as rows (their figures are what the screens
 * show, not the payment flow).
 */
import { CONSENT_VERSION } from '../domain/privacy';
import { doCheckin } from '../services/checkin/do-checkin';
import type { Actor, UseCaseContext } from '../services/context';
import { nameGroup } from '../services/guide/groups';
import { toActor } from '../services/member/member-row';
import { recordVisit } from '../services/member/record-visit';
import { resolveMember } from '../services/member/resolve-member';
import { updateProfile } from '../services/member/update-profile';
import { createShare } from '../services/sharing/create-share';
import { localGroupData } from '../adapters/groups/group-decoder';
import { openShare } from '../services/sharing/open-share';
import { saved } from './demo-catalog';

const HOUR_MS = 3_600_000;

/** The groups the demo cards travel in; the first is named by the guide. */
export const DEMO_GROUPS = {
  moms: { id: 'demo-group-moms', name: '森屿宝妈群' },
  office: { id: 'demo-group-office' },
  vip: { id: 'demo-group-vip' },
} as const;

/** Demo members beyond the two in the identity picker: they open the cards and buy. */
const FRIENDS = [
  { openid: 'demo-friend-qing', nickname: '阿青' },
  { openid: 'demo-friend-muzi', nickname: '木子' },
  { openid: 'demo-friend-tang', nickname: '糖糖' },
  { openid: 'demo-friend-an', nickname: '安安' },
  { openid: 'demo-friend-man', nickname: '小满' },
  { openid: 'demo-friend-qiqi', nickname: '七七' },
] as const;

interface Sku {
  product_id: string;
  sku_id: string;
  name: string;
  label: string;
  image_url: string | null;
  category_id: string;
  price_fen: number;
}

export interface DemoStaff {
  guide: Actor;
  admin: Actor;
  /** The second demo member of the identity picker: bound to the guide, with orders. */
  member: Actor;
}

/** Writes the week before `ctx.now`, in hours before it (the latest two hours before). */
export async function seedDemoHistory(ctx: UseCaseContext, staff: DemoStaff): Promise<void> {
  const at = (hoursAgo: number): UseCaseContext => ({ ...ctx, now: new Date(ctx.now.getTime() - hoursAgo * HOUR_MS) });
  const skus = await demoSkus(ctx);
  const share = async (sharer: Actor, hoursAgo: number, sku: Sku | null) =>
    saved(await createShare(at(hoursAgo), sharer, sku ? { productId: sku.product_id } : {})).shareId;
  const open = async (viewer: Actor, shareId: string, hoursAgo: number, groupId?: string) =>
    saved(await openShare(at(hoursAgo), viewer, { shareId, ...(groupId ? { scene: 1044, groupData: localGroupData(groupId) } : {}) }));

  // Friends join over the week, each the hour they first open a card or the invite. Everything
  // happens within the last six days, inside a seven-day dashboard whatever the hour of the start.
  const friends: Actor[] = [];
  for (const [i, f] of FRIENDS.entries()) {
    const joinedHoursAgo = 136 - i * 22;
    const friend = toActor(await resolveMember(ctx.db, f.openid, at(joinedHoursAgo).now));
    saved(await updateProfile(at(joinedHoursAgo), friend, { consentVersion: CONSENT_VERSION, nickname: f.nickname }));
    friends.push(friend);
  }
  const [qing, muzi, tang, an, man, qiqi] = friends as [Actor, Actor, Actor, Actor, Actor, Actor];

  const dress = await share(staff.guide, 140, skus[0]!);
  const invite = await share(staff.guide, 126, null);
  const cardigan = await share(staff.guide, 100, skus[1]!);
  const adminCard = await share(staff.admin, 80, skus[3]!);
  const tee = await share(staff.guide, 30, skus[2]!);

  await open(staff.member, dress, 139, DEMO_GROUPS.moms.id);
  await open(qing, dress, 136, DEMO_GROUPS.moms.id);
  await open(muzi, invite, 114, DEMO_GROUPS.moms.id);
  await open(tang, dress, 92, DEMO_GROUPS.office.id);
  await open(qing, cardigan, 90, DEMO_GROUPS.moms.id);
  await open(an, cardigan, 70, DEMO_GROUPS.moms.id);
  await open(man, adminCard, 48, DEMO_GROUPS.vip.id);
  await open(muzi, adminCard, 46, DEMO_GROUPS.vip.id);
  await open(staff.member, tee, 28, DEMO_GROUPS.moms.id);
  await open(qiqi, invite, 26, DEMO_GROUPS.office.id);
  await open(tang, tee, 20, DEMO_GROUPS.office.id);
  await open(an, tee, 3, DEMO_GROUPS.moms.id);
  saved(await nameGroup(at(138), staff.guide, { groupId: DEMO_GROUPS.moms.id, name: DEMO_GROUPS.moms.name }));

  // Paid orders, each through the card the buyer opened last (the attribution rule).
  const paid = (buyer: Actor, sku: Sku, shareId: string, guide: Actor | null, groupId: string, hoursAgo: number, qty = 1) =>
    insertPaidOrder(ctx, { buyer, sku, shareId, guide, groupId, paidAt: at(hoursAgo).now, qty });
  await paid(staff.member, skus[0]!, dress, staff.guide, DEMO_GROUPS.moms.id, 138);
  await paid(qing, skus[0]!, dress, staff.guide, DEMO_GROUPS.moms.id, 135);
  await paid(tang, skus[0]!, dress, staff.guide, DEMO_GROUPS.office.id, 91, 2);
  await paid(an, skus[1]!, cardigan, staff.guide, DEMO_GROUPS.moms.id, 69);
  await paid(man, skus[3]!, adminCard, null, DEMO_GROUPS.vip.id, 47);
  await paid(staff.member, skus[2]!, tee, staff.guide, DEMO_GROUPS.moms.id, 27, 3);

  // Visits and a check-in streak, so that 我的会员 shows when each was last here.
  for (const [member, hoursAgo] of [
    [staff.member, 50],
    [staff.member, 26],
    [qing, 89],
    [muzi, 45],
    [tang, 19],
    [an, 2],
  ] as const) {
    await recordVisit(ctx.db, at(hoursAgo), member.memberId);
  }
  for (const hoursAgo of [72, 48, 24]) saved(await doCheckin(at(hoursAgo), staff.member, {}));
}

/** A few SKUs of the demo catalogue that are on sale, the same on every start. */
async function demoSkus(ctx: UseCaseContext): Promise<Sku[]> {
  const { rows } = await ctx.db.query<Sku>(
    `select distinct on (p.id) p.id as product_id, s.id as sku_id, p.name, s.color || ' / ' || s.size as label, p.images[1] as image_url,
       p.category_id, s.price_fen
     from products p join product_skus s on s.product_id = p.id
     where p.active and s.stock > 0
     order by p.id, s.position, s.id
     limit 4`,
  );
  if (rows.length < 4) throw new Error('demo history needs four products in stock');
  return rows;
}

async function insertPaidOrder(
  ctx: UseCaseContext,
  o: { buyer: Actor; sku: Sku; shareId: string; guide: Actor | null; groupId: string; paidAt: Date; qty: number },
): Promise<void> {
  const created = new Date(o.paidAt.getTime() - 2 * 60_000);
  const total = o.sku.price_fen * o.qty;
  await ctx.db.query(
    `insert into orders (member_id, request_id, status, product_id, sku_id, qty, product_name, sku_label, image_url, category_id,
       list_price_fen, unit_price_fen, total_fen, share_id, guide_id, group_id, pay_provider, created_at, expires_at, paid_at)
     values ($1, $2, 'paid', $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, $13, $14, 'sandbox', $15, $16, $17)`,
    [
      o.buyer.memberId,
      `demo-${o.shareId}-${o.buyer.memberId}-${o.paidAt.getTime()}`,
      o.sku.product_id,
      o.sku.sku_id,
      o.qty,
      o.sku.name,
      o.sku.label,
      o.sku.image_url,
      o.sku.category_id,
      o.sku.price_fen,
      total,
      o.shareId,
      o.guide?.memberId ?? null,
      o.groupId,
      created,
      new Date(created.getTime() + 15 * 60_000),
      o.paidAt,
    ],
  );
}
