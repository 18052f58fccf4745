/** Races of the guide workspace's writes that only a real PostgreSQL server can show (PGlite is one connection). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localGroupData } from '@cloud/adapters/groups/group-decoder';
import { openPostgres } from '@cloud/db/postgres';
import type { Db } from '@cloud/db/port';
import { catalogHome } from '@cloud/services/catalog/home';
import { Failure } from '@cloud/services/failure';
import { nameGroup } from '@cloud/services/guide/groups';
import { getProfile } from '@cloud/services/member/get-profile';
import { toActor } from '@cloud/services/member/member-row';
import { upsertMemberWithRole } from '@cloud/services/member/resolve-member';
import { createShare } from '@cloud/services/sharing/create-share';
import { openShare } from '@cloud/services/sharing/open-share';
import { openTestDatabase, postgresUrl, resetData, type TestDatabase } from '../support/databases';
import { at, ctxAt, memberJoinedAt } from '../support/fixtures';

describe.skipIf(!postgresUrl)('guide groups and visits under concurrency on PostgreSQL', () => {
  let t: TestDatabase;
  let pool: Db;
  beforeAll(async () => {
    t = await openTestDatabase('postgres');
    pool = openPostgres(t.url!, { max: 40 });
  });
  afterAll(async () => {
    await pool?.close();
    await t?.drop();
  });
  beforeEach(() => resetData(t.db));

  it('30 members opening a card at once in a group never seen: every open counts, the group is known once, first seen that day', async () => {
    const guide = toActor(await upsertMemberWithRole(pool, 'race-guide', 'guide', at('2026-11-01 08:00:00')));
    const invite = await createShare(ctxAt(pool, '2026-11-20 09:00:00'), guide, {});
    if (invite instanceof Failure) throw new Error(invite.code);
    const viewers = await Promise.all(Array.from({ length: 30 }, (_, i) => memberJoinedAt(pool, `race-viewer-${i}`, '2026-11-01 08:00:00')));
    const results = await Promise.all(
      viewers.map((v) => openShare(ctxAt(pool, '2026-11-20 10:00:00'), v, { shareId: invite.shareId, scene: 1044, groupData: localGroupData('g-race') })),
    );
    expect(results.filter((r) => r instanceof Failure)).toEqual([]);
    const { rows } = await pool.query<{ groups: number; first: string; visits: number }>(
      `select (select count(*)::int from wechat_groups) as groups, (select first_seen_on::text from wechat_groups) as first,
         (select count(*)::int from group_visits where group_id = 'g-race') as visits`,
    );
    expect(rows[0]).toEqual({ groups: 1, first: '2026-11-20', visits: 30 });
  });

  it('a member opening 首页 and 我的 at once, many times: one visit day', async () => {
    const member = await memberJoinedAt(pool, 'race-visitor', '2026-11-01 08:00:00');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 ? catalogHome(ctxAt(pool, '2026-11-20 10:00:00'), member) : getProfile(ctxAt(pool, '2026-11-20 10:00:01'), member),
      ),
    );
    const { rows } = await pool.query<{ n: number }>('select count(*)::int as n from member_visits where member_id = $1', [member.memberId]);
    expect(rows[0]!.n).toBe(1);
  });

  it('two guides renaming a group at once: one name wins whole, with who gave it', async () => {
    const [wang, li] = await Promise.all(
      ['race-wang', 'race-li'].map(async (openid) => toActor(await upsertMemberWithRole(pool, openid, 'guide', at('2026-11-01 08:00:00')))),
    );
    const viewer = await memberJoinedAt(pool, 'race-mom', '2026-11-01 08:00:00');
    for (const guide of [wang!, li!]) {
      const share = await createShare(ctxAt(pool, '2026-11-20 09:00:00'), guide, {});
      if (share instanceof Failure) throw new Error(share.code);
      await openShare(ctxAt(pool, '2026-11-20 10:00:00'), viewer, { shareId: share.shareId, scene: 1044, groupData: localGroupData('g-moms') });
    }
    const names = Array.from({ length: 20 }, (_, i) => ({ guide: i % 2 ? wang! : li!, name: `宝妈群${i}` }));
    const results = await Promise.all(names.map((n) => nameGroup(ctxAt(pool, '2026-11-20 11:00:00'), n.guide, { groupId: 'g-moms', name: n.name })));
    expect(results.filter((r) => r instanceof Failure)).toEqual([]);
    const { rows } = await pool.query<{ name: string; named_by: string }>('select name, named_by from wechat_groups');
    expect(rows).toHaveLength(1);
    const winner = names.find((n) => n.name === rows[0]!.name)!;
    expect(rows[0]!.named_by).toBe(winner.guide.memberId);
  });
});
