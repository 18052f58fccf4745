/**
 * admin.members on PGlite and PostgreSQL: newest first a page at a time; a member found by id
 * (an erased one too), by an address-book phone, by the start of the nickname (any case, LIKE's
 * characters taken literally, never the middle); narrowed by layer, tag and a segment's current
 * version, together. The nickname and phone indexes serve the searches (the plan names them),
 * and on PostgreSQL at 100,000 members the planner picks them by itself.
 */
import { describe, expect, it } from 'vitest';
import type { AdminMembersPage, ParamsOut } from '@cloud/contract';
import type { Db } from '@cloud/db/port';
import { listMembers } from '@cloud/services/admin/members';
import type { Actor } from '@cloud/services/context';
import { Failure } from '@cloud/services/failure';
import { toActor } from '@cloud/services/member/member-row';
import { upsertMemberWithRole } from '@cloud/services/member/resolve-member';
import { backends, useTestDatabase } from '../support/databases';
import { at, ctxAt } from '../support/fixtures';

const NOW = '2026-06-15 10:00:00';

function ok<T>(value: T | Failure): T {
  if (value instanceof Failure) throw new Error(`${value.code}: ${value.message}`);
  return value;
}

async function member(db: Db, nickname: string | null, extra: { deleted?: boolean } = {}): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into members (openid, nickname, created_at, deleted_at) values ($1, $2, $3, $4) returning id`,
    [`m-${Math.random().toString(36).slice(2)}`, nickname, at(NOW), extra.deleted ? at(NOW) : null],
  );
  return rows[0]!.id;
}

/** A read-model row with the layer given (the columns the list shows; the rest zero). */
async function facts(db: Db, memberId: string, layer: string, over: { gmv365Fen?: number; churn?: boolean } = {}) {
  await db.query(
    `insert into member_facts (member_id, joined_on, source, tier, visit_days_7, visit_days_30, checkins_30, checkins_90,
       current_streak, longest_streak, orders_90, orders_365, gmv_90_fen, gmv_365_fen, active_days_90, categories_bought,
       categories_viewed, new_launch_views_30, coupon_share, member_day_share, flash_share, night_share, lottery_draws_30,
       redemptions_365, points_balance, points_expiring_30, shares_30, share_clicks_30, invites_rewarded, groups_seen_90,
       layer, churn_risk, last_active_on)
     values ($1, '2026-01-01', 'direct', 'normal', 0, 0, 0, 0, 0, 0, 0, 1, 0, $3, 0, '{}', '{}', 0, 0, 0, 0, 0, 0,
       0, 0, 0, 0, 0, 0, 0, $2, $4, '2026-06-10')`,
    [memberId, layer, over.gmv365Fen ?? 0, over.churn ?? false],
  );
}

async function tag(db: Db, memberId: string, key: string) {
  await db.query(`insert into tag_definitions (key, name, kind) values ($1, $1, 'basic') on conflict do nothing`, [key]);
  await db.query(`insert into member_tags (member_id, tag_key, source, added_at) values ($1, $2, 'manual', $3)`, [memberId, key, at(NOW)]);
}

async function address(db: Db, memberId: string, phone: string) {
  await db.query(`insert into addresses (member_id, address, created_at, updated_at) values ($1, $2::jsonb, $3, $3)`, [
    memberId,
    JSON.stringify({ name: '林小姐', phone, region: '上海市 静安区', detail: '南京西路 1266 号' }),
    at(NOW),
  ]);
}

/** A segment at version 2, whose version 1 had other members. */
async function segment(db: Db, current: string[], previous: string[]): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into segments (name, rule, version, status, created_at, updated_at) values ('测试', '{"layer": ["high"]}', 2, 'ready', $1, $1) returning id`,
    [at(NOW)],
  );
  const id = rows[0]!.id;
  // Spans of versions: in version 1 only (until 2), in both (from 1 on), in version 2 only (from 2 on).
  for (const m of previous) {
    const until = current.includes(m) ? null : 2;
    await db.query('insert into segment_members (segment_id, since_version, until_version, member_id) values ($1, 1, $2, $3)', [id, until, m]);
  }
  for (const m of current.filter((c) => !previous.includes(c))) {
    await db.query('insert into segment_members (segment_id, since_version, member_id) values ($1, 2, $2)', [id, m]);
  }
  return id;
}

describe.each(backends)('admin.members on %s', (backend) => {
  const t = useTestDatabase(backend);
  let admin: Actor;
  const list = async (params: ParamsOut<'admin', 'members'> = {}) => ok(await listMembers(ctxAt(t.db, NOW), admin, params));
  const ids = (page: AdminMembersPage) => page.items.map((m) => m.id);

  async function everyPage(params: ParamsOut<'admin', 'members'> = {}): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await list({ ...params, ...(cursor ? { cursor } : {}) });
      seen.push(...ids(page));
      if (!page.nextCursor) return seen;
      cursor = page.nextCursor;
    }
  }

  const setUp = async () => {
    admin = toActor(await upsertMemberWithRole(t.db, 'members-admin', 'admin', at(NOW)));
  };

  it('lists members newest first, 20 a page, without repeats or the erased', async () => {
    await setUp();
    const made: string[] = [admin.memberId];
    for (let i = 0; i < 44; i++) made.push(await member(t.db, `会员${i}`));
    const erased = await member(t.db, null, { deleted: true });
    const first = await list();
    expect(first.items).toHaveLength(20);
    expect(first.nextCursor).toBe(first.items[19]!.id);
    const all = await everyPage();
    expect(all).toEqual([...made].sort((a, b) => Number(b) - Number(a)));
    expect(all).not.toContain(erased);
    expect(first.items[0]).toMatchObject({ nickname: '会员43', role: 'member', tier: 'normal', layer: null, churnRisk: false, deleted: false, gmv365Fen: null });
  });

  it('finds a member by id (an erased one too), by an address phone, by the start of the nickname', async () => {
    await setUp();
    const lin = await member(t.db, '林小姐');
    const xiaolin = await member(t.db, '小林');
    const lindy = await member(t.db, 'Lindy');
    const lina = await member(t.db, 'LINA');
    const sale = await member(t.db, '50%off');
    const other = await member(t.db, '50xoff');
    const erased = await member(t.db, null, { deleted: true });
    await address(t.db, xiaolin, '13800138000');

    expect(ids(await list({ query: lin }))).toEqual([lin]);
    const gone = await list({ query: erased });
    expect(gone.items).toEqual([expect.objectContaining({ id: erased, deleted: true, nickname: null })]);
    expect(ids(await list({ query: '13800138000' }))).toEqual([xiaolin]);
    // The start of the nickname, in any case; never its middle.
    expect(ids(await list({ query: '林' }))).toEqual([lin]);
    expect(ids(await list({ query: 'lin' }))).toEqual([lina, lindy]);
    expect(ids(await list({ query: 'LIND' }))).toEqual([lindy]);
    // LIKE's characters are literal.
    expect(ids(await list({ query: '50%' }))).toEqual([sale]);
    expect(ids(await list({ query: '50_' }))).toEqual([]);
    expect(ids(await list({ query: '50' }))).toEqual([other, sale]);
    expect(ids(await list({ query: '没有这个人' }))).toEqual([]);
    // A number that is nobody's id finds nicknames that start with it, nothing else.
    expect(ids(await list({ query: '99999999' }))).toEqual([]);
  });

  it('narrows by layer, tag and the segment’s current version, and by all of them with a search', async () => {
    await setUp();
    const a = await member(t.db, '阿花');
    const b = await member(t.db, '阿草');
    const c = await member(t.db, '贝贝');
    const d = await member(t.db, '阿木');
    await facts(t.db, a, 'high', { gmv365Fen: 189_900 });
    await facts(t.db, b, 'high');
    await facts(t.db, c, 'at_risk', { churn: true });
    await facts(t.db, d, 'regular');
    await tag(t.db, a, 'manual:vip');
    await tag(t.db, c, 'manual:vip');
    const seg = await segment(t.db, [a, b, c], [d]);

    const high = await list({ layer: 'high' });
    expect(ids(high)).toEqual([b, a]);
    expect(high.items[1]).toMatchObject({ layer: { key: 'high', name: '高价值' }, gmv365Fen: 189_900, lastActiveOn: '2026-06-10' });
    expect((await list({ layer: 'at_risk' })).items).toEqual([expect.objectContaining({ id: c, churnRisk: true, layer: { key: 'at_risk', name: '流失预警' } })]);
    expect(ids(await list({ tag: 'manual:vip' }))).toEqual([c, a]);
    expect(ids(await list({ segmentId: seg }))).toEqual([c, b, a]);
    expect(ids(await list({ segmentId: seg, layer: 'high', tag: 'manual:vip' }))).toEqual([a]);
    expect(ids(await list({ segmentId: seg, query: '阿' }))).toEqual([b, a]);
    expect(ids(await list({ tag: 'manual:none' }))).toEqual([]);

    const missing = await listMembers(ctxAt(t.db, NOW), admin, { segmentId: '999999' });
    expect(missing).toBeInstanceOf(Failure);
    expect((missing as Failure).code).toBe('NOT_FOUND');
  });

  it('the nickname and phone searches can use their indexes (the plan names them)', async () => {
    await setUp();
    const plan = await t.db.transaction(async (tx) => {
      await tx.query('set local enable_seqscan = off');
      const nickname = await tx.query<Record<string, string>>(`explain select id from members m where lower(m.nickname) like 'lin%' and m.deleted_at is null`);
      const phone = await tx.query<Record<string, string>>(`explain select member_id from addresses where (address ->> 'phone') = '13800138000'`);
      const text = (r: { rows: Record<string, string>[] }) => r.rows.map((row) => Object.values(row)[0]).join('\n');
      return { nickname: text(nickname), phone: text(phone) };
    });
    expect(plan.nickname).toContain('members_nickname_prefix');
    expect(plan.phone).toContain('addresses_phone');
  });

  // A plan at scale is PostgreSQL's; PGlite is the embedded development database.
  if (backend === 'postgres')
    it('at 100,000 members the planner picks the nickname index itself, and a search answers in milliseconds', async () => {
    await setUp();
    await t.db.query(
      `insert into members (openid, nickname, created_at)
       select 'bulk-' || g, (array['小','阿','林','王','陈','Li','Zh','微信'])[1 + g % 8] || md5(g::text), $1 from generate_series(1, 100000) g`,
      [at(NOW)],
    );
    const rare = await member(t.db, '独一无二的昵称');
    await t.db.query('analyze members');
    const { rows } = await t.db.query<Record<string, string>>(
      `explain select id from members m where lower(m.nickname) like '独一无二%' and m.deleted_at is null order by id desc limit 21`,
    );
    expect(rows.map((r) => Object.values(r)[0]).join('\n')).toContain('members_nickname_prefix');
    const started = performance.now();
    expect(ids(await list({ query: '独一无二' }))).toEqual([rare]);
    const common = await list({ query: '小' });
    const ms = performance.now() - started;
    expect(common.items).toHaveLength(20);
    console.log(`[admin.members postgres] 100,000 members: a rare and a common prefix in ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(1_000);
  });
});
