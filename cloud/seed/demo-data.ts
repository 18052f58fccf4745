/**
 * Demo data for a first local start: the identities of the picker, each with a name, a few days
 * of check-ins for the demo member (through the same use case a real check-in uses), the
 * catalogue, and a week of history for the guide and the admin (demo-history.ts).
 */
import type { Role } from '../contract';
import type { Adapters } from '../adapters';
import type { Db } from '../db/port';
import { doCheckin } from '../services/checkin/do-checkin';
import { seedDemoCatalog } from './demo-catalog';
import { seedDemoGuideContent } from './demo-guide-content';
import { DEMO_GROUPS, seedDemoHistory } from './demo-history';
import { localGroupData } from '../adapters/groups/group-decoder';
import { seedDemoProducts } from './demo-products';
import { seedDemoSegments } from './demo-segments';
import { seedDemoSop } from './demo-sop';
import type { Actor } from '../services/context';
import { loadBrandSettings } from '../services/settings/brand-settings-store';
import { CONSENT_VERSION } from '../domain/privacy';
import { MEMBER_COLUMNS, toActor, type MemberRow } from '../services/member/member-row';
import { updateProfile } from '../services/member/update-profile';
import { upsertMemberWithRole } from '../services/member/resolve-member';
import { saveAddress } from '../services/address/save-address';
import type { UseCaseContext } from '../services/context';

export interface DemoIdentity {
  openid: string;
  role: Role;
  label: string;
}

/** The identities the picker offers (two members, so that a second one is a tap away), with their names. */
export const DEMO_IDENTITIES: Array<DemoIdentity & { nickname: string }> = [
  { openid: 'demo-member', role: 'member', label: '会员 小林', nickname: '小林' },
  { openid: 'demo-member-2', role: 'member', label: '会员 小周', nickname: '小周' },
  { openid: 'demo-guide', role: 'guide', label: '导购 王姐', nickname: '王姐' },
  { openid: 'demo-admin', role: 'admin', label: '运营 小陈', nickname: '小陈' },
];

const DAY_MS = 86_400_000;
/**
 * The demo member joined 45 days ago and checked in on most days since, missing the day three
 * days ago (something to 补签) — so the calendar, the streak, milestones and the ledger have
 * something to show. Written through the same use cases a real member goes through.
 */
const JOINED_DAYS_AGO = 45;
const CHECKED_IN_DAYS_AGO = Array.from({ length: 40 }, (_, i) => 40 - i).filter((d) => d !== 3);
/** The last week's check-ins came from the moms' group: 社群积分 to spend in the mall. */
const GROUP_CHECKIN_DAYS = 6;

/** The demo member's saved address: checkout has somewhere to ship from the first visit. */
async function seedDemoAddress(ctx: UseCaseContext, member: Actor): Promise<void> {
  await saveAddress(ctx, member, { address: { name: '林小姐', phone: '13800138000', region: '上海市 静安区', detail: '南京西路 1266 号 恒隆广场 12 楼' } });
}

/** Loads the demo data once; returns false when it was already there. */
export async function seedDemoData(db: Db, now: Date, adapters: Adapters): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from members');
  if (rows[0]!.n > 0) return false;
  const brand = await loadBrandSettings(db);
  const joined = new Date(now.getTime() - JOINED_DAYS_AGO * DAY_MS);
  const at = (daysAgo: number) => ({ db, brand, adapters, now: new Date(now.getTime() - daysAgo * DAY_MS) });
  const actors = new Map<string, Actor>();
  for (const identity of DEMO_IDENTITIES) {
    const member = toActor(await upsertMemberWithRole(db, identity.openid, identity.role, joined));
    actors.set(identity.openid, member);
    // Staff have names too: a guide or an admin is never shown as 微信用户.
    await updateProfile(at(JOINED_DAYS_AGO), member, { consentVersion: CONSENT_VERSION, nickname: identity.nickname });
  }
  const member = actors.get('demo-member')!;
  await seedDemoAddress(at(JOINED_DAYS_AGO), member);
  for (const daysAgo of CHECKED_IN_DAYS_AGO) {
    // Re-read the member each day: a check-in may have moved them up a tier.
    const fromGroup = daysAgo <= GROUP_CHECKIN_DAYS ? { scene: 1044, groupData: localGroupData(DEMO_GROUPS.moms.id) } : {};
    await doCheckin(at(daysAgo), toActor((await db.query<MemberRow>(`select ${MEMBER_COLUMNS} from members where id = $1`, [member.memberId])).rows[0]!), fromGroup);
  }
  const admin = actors.get('demo-admin')!;
  await seedDemoCatalog({ db, brand, now, adapters });
  // The admin saves the brand settings (night market, welcome coupon) the products seed changes.
  await seedDemoProducts({ db, brand, now, adapters }, admin);
  await seedDemoHistory(
    { db, brand: await loadBrandSettings(db), now, adapters },
    { guide: actors.get('demo-guide')!, admin, member: actors.get('demo-member-2')! },
  );
  // About forty more members with up to a year of history, today's segmentation run and two saved segments.
  await seedDemoSegments({ db, brand: await loadBrandSettings(db), now, adapters }, { admin, guide: actors.get('demo-guide')! });
  // The SOP plans with their coupons, and today's tasks for 王姐 from the crowd's layers.
  await seedDemoSop({ db, brand: await loadBrandSettings(db), now, adapters });
  // 话术库, the weekly group plan and a week of 朋友圈 posts around today.
  await seedDemoGuideContent({ db, brand: await loadBrandSettings(db), now, adapters });
  return true;
}
