import { describe, expect, it } from 'vitest';
import type { Role } from '@cloud/contract';
import type { Db } from '@cloud/db/port';
import type { BrandSettings } from '@cloud/domain/brand-settings';
import { doCheckin } from '@cloud/services/checkin/do-checkin';
import type { Actor, UseCaseContext } from '@cloud/services/context';
import { Failure } from '@cloud/services/failure';
import { toActor } from '@cloud/services/member/member-row';
import { upsertMemberWithRole } from '@cloud/services/member/resolve-member';
import { createShare } from '@cloud/services/sharing/create-share';
import { localGroupData } from '@cloud/adapters/groups/group-decoder';
import { openShare } from '@cloud/services/sharing/open-share';
import { posterCode } from '@cloud/services/sharing/poster-code';
import { backends, useTestDatabase } from '../support/databases';
import { at, brand, ctxAt, memberJoinedAt } from '../support/fixtures';

function ok<T>(value: T | Failure): T {
  if (value instanceof Failure) throw new Error(`${value.code}: ${value.message}`);
  return value;
}

const withSharing = (ctx: UseCaseContext, sharing: Partial<BrandSettings['sharing']>): UseCaseContext => ({
  ...ctx,
  brand: { ...brand, sharing: { ...brand.sharing, ...sharing } },
});

async function staffJoinedAt(db: Db, openid: string, role: Role, beijing: string): Promise<Actor> {
  return toActor(await upsertMemberWithRole(db, openid, role, at(beijing)));
}

async function product(db: Db, name: string, images: string[] = []): Promise<string> {
  const category = await db.query<{ id: string }>(`insert into categories (name) values ('外套') returning id`);
  const { rows } = await db.query<{ id: string }>('insert into products (category_id, name, images) values ($1, $2, $3) returning id', [
    category.rows[0]!.id,
    name,
    images,
  ]);
  return rows[0]!.id;
}

/** Encrypted-looking data the local decoder cannot read: what a forger would send. */
const forged = { encryptedData: Buffer.from('{"openGId":"g-forged"}').toString('base64'), iv: 'AAAAAAAAAAAAAAAAAAAAAA==' };

describe.each(backends)('sharing on %s', (backend) => {
  const t = useTestDatabase(backend);

  it('creates product cards with the product page, name and first image, and invites to the home page', async () => {
    const guide = await staffJoinedAt(t.db, 'wang', 'guide', '2026-11-01 09:00:00');
    await t.db.query(`update members set nickname = '王姐' where id = $1`, [guide.memberId]);
    const coat = await product(t.db, '羊毛大衣', ['/catalog-images/coat.svg', '/catalog-images/coat-back.svg']);
    const ctx = ctxAt(t.db, '2026-11-23 10:00:00');

    const card = ok(await createShare(ctx, guide, { productId: coat }));
    expect(card).toEqual({
      shareId: expect.stringMatching(/^[0-9A-Za-z]{10}$/),
      kind: 'product',
      path: `/packages/shop/product/index?id=${coat}&share=${card.shareId}`,
      title: '羊毛大衣',
      imageUrl: '/catalog-images/coat.svg',
    });
    const invite = ok(await createShare(ctx, guide, {}));
    expect(invite).toMatchObject({ kind: 'invite', path: `/pages/home/index?share=${invite.shareId}`, imageUrl: null });
    expect(invite.title).toContain('王姐');
    expect(invite.shareId).not.toBe(card.shareId);
    // Opening the page again, later, gives the same card and invite: links and poster codes stay valid.
    const later = ctxAt(t.db, '2026-11-24 10:00:00');
    expect(ok(await createShare(later, guide, { productId: coat })).shareId).toBe(card.shareId);
    expect(ok(await createShare(later, guide, {})).shareId).toBe(invite.shareId);
    const colleague = await staffJoinedAt(t.db, 'li', 'guide', '2026-11-01 09:00:00');
    expect(ok(await createShare(later, colleague, { productId: coat })).shareId).not.toBe(card.shareId);

    const missing = await createShare(ctx, guide, { productId: '999999' });
    expect(missing).toBeInstanceOf(Failure);
    expect((missing as Failure).code).toBe('NOT_FOUND');
    await t.db.query('update products set active = false where id = $1', [coat]);
    expect(((await createShare(ctx, guide, { productId: coat })) as Failure).code).toBe('NOT_FOUND');
  });

  it('counts each viewer once (UV): a repeat open counts again, moves last_clicked_at and keeps the group', async () => {
    const guide = await staffJoinedAt(t.db, 'wang', 'guide', '2026-11-01 09:00:00');
    const viewer = await memberJoinedAt(t.db, 'lin', '2026-11-01 09:00:00');
    const other = await memberJoinedAt(t.db, 'zhao', '2026-11-01 09:00:00');
    const card = ok(await createShare(ctxAt(t.db, '2026-11-23 10:00:00'), guide, { productId: await product(t.db, '羊毛大衣') }));

    const first = ok(
      await openShare(ctxAt(t.db, '2026-11-23 10:05:00'), viewer, { shareId: card.shareId, scene: 1044, groupData: localGroupData('g-moms') }),
    );
    expect(first).toMatchObject({ kind: 'product', sharer: { isGuide: true }, groupId: 'g-moms', welcome: null });
    const repeat = ok(await openShare(ctxAt(t.db, '2026-11-24 20:00:00'), viewer, { shareId: card.shareId, scene: 1007 }));
    expect(repeat.groupId).toBe('g-moms');
    await openShare(ctxAt(t.db, '2026-11-24 21:00:00'), other, { shareId: card.shareId });

    const { rows } = await t.db.query(
      'select viewer_id, scene, group_id, clicks, first_clicked_at, last_clicked_at from share_clicks order by viewer_id',
    );
    expect(rows).toEqual([
      {
        viewer_id: viewer.memberId,
        scene: 1007,
        group_id: 'g-moms',
        clicks: 2,
        first_clicked_at: at('2026-11-23 10:05:00'),
        last_clicked_at: at('2026-11-24 20:00:00'),
      },
      {
        viewer_id: other.memberId,
        scene: null,
        group_id: null,
        clicks: 1,
        first_clicked_at: at('2026-11-24 21:00:00'),
        last_clicked_at: at('2026-11-24 21:00:00'),
      },
    ]);
    const visits = await t.db.query('select group_id, member_id, day from group_visits');
    expect(visits.rows).toEqual([{ group_id: 'g-moms', member_id: viewer.memberId, day: '2026-11-23' }]);
  });

  it('refuses group data it cannot read with GROUP_DATA_INVALID, and writes nothing', async () => {
    const guide = await staffJoinedAt(t.db, 'wang', 'guide', '2026-11-01 09:00:00');
    const viewer = await memberJoinedAt(t.db, 'lin', '2026-11-23 09:00:00');
    const invite = ok(await createShare(ctxAt(t.db, '2026-11-23 10:00:00'), guide, {}));

    const refused = await openShare(ctxAt(t.db, '2026-11-23 10:05:00'), viewer, { shareId: invite.shareId, scene: 1044, groupData: forged });
    expect(refused).toBeInstanceOf(Failure);
    expect((refused as Failure).code).toBe('GROUP_DATA_INVALID');
    const { rows } = await t.db.query<{ clicks: number; visits: number; referrals: number; bound: number }>(
      `select (select count(*)::int from share_clicks) as clicks, (select count(*)::int from group_visits) as visits,
         (select count(*)::int from referrals) as referrals, (select count(*)::int from members where guide_id is not null) as bound`,
    );
    expect(rows[0]).toEqual({ clicks: 0, visits: 0, referrals: 0, bound: 0 });
  });

  it.each([
    ['first', 'wang'],
    ['latest', 'li'],
    ['off', null],
  ] as const)("exclusive guide '%s': after cards of two guides and a member, the member's guide is %s", async (rule, expected) => {
    const wang = await staffJoinedAt(t.db, 'wang', 'guide', '2026-11-01 09:00:00');
    const li = await staffJoinedAt(t.db, 'li', 'guide', '2026-11-01 09:00:00');
    const friend = await memberJoinedAt(t.db, 'friend', '2026-11-01 09:00:00');
    const viewer = await memberJoinedAt(t.db, 'lin', '2026-11-01 09:00:00');
    const coat = await product(t.db, '羊毛大衣');
    const opens: Array<[Actor, string]> = [
      [wang, '2026-11-20 10:00:00'],
      [li, '2026-11-21 10:00:00'],
      [friend, '2026-11-22 10:00:00'],
    ];
    for (const [sharer, time] of opens) {
      const share = ok(await createShare(ctxAt(t.db, time), sharer, { productId: coat }));
      ok(await openShare(withSharing(ctxAt(t.db, time), { exclusiveGuide: rule }), viewer, { shareId: share.shareId }));
    }
    const { rows } = await t.db.query<{ guide: string | null; guide_bound_at: Date | null }>(
      'select g.openid as guide, m.guide_bound_at from members m left join members g on g.id = m.guide_id where m.id = $1',
      [viewer.memberId],
    );
    const boundAt = { first: at('2026-11-20 10:00:00'), latest: at('2026-11-21 10:00:00'), off: null }[rule];
    expect(rows[0]).toEqual({ guide: expected, guide_bound_at: boundAt });
  });

  it("binds only members: a guide opening a colleague's card stays nobody's customer", async () => {
    const wang = await staffJoinedAt(t.db, 'wang', 'guide', '2026-11-01 09:00:00');
    const li = await staffJoinedAt(t.db, 'li', 'guide', '2026-11-01 09:00:00');
    const share = ok(await createShare(ctxAt(t.db, '2026-11-20 10:00:00'), wang, {}));
    ok(await openShare(ctxAt(t.db, '2026-11-20 10:01:00'), li, { shareId: share.shareId }));
    const { rows } = await t.db.query('select guide_id from members where id = $1', [li.memberId]);
    expect(rows[0]).toEqual({ guide_id: null });
  });

  it('answers my own share without recording a click, a group visit or a binding', async () => {
    const guide = await staffJoinedAt(t.db, 'wang', 'guide', '2026-11-01 09:00:00');
    const share = ok(await createShare(ctxAt(t.db, '2026-11-23 10:00:00'), guide, {}));
    const mine = ok(
      await openShare(ctxAt(t.db, '2026-11-23 10:01:00'), guide, { shareId: share.shareId, scene: 1044, groupData: localGroupData('g-own') }),
    );
    expect(mine).toEqual({
      shareId: share.shareId,
      kind: 'invite',
      productId: null,
      sharer: { nickname: null, isGuide: true },
      groupId: 'g-own',
      welcome: null,
    });
    const { rows } = await t.db.query<{ n: number }>(
      `select (select count(*) from share_clicks) + (select count(*) from group_visits) + (select count(*) from referrals)
         + (select count(*) from members where guide_id is not null) as n`,
    );
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('answers an unknown share with NOT_FOUND', async () => {
    const viewer = await memberJoinedAt(t.db, 'lin', '2026-11-01 09:00:00');
    const answer = await openShare(ctxAt(t.db, '2026-11-23 10:00:00'), viewer, { shareId: 'Zz9Zz9Zz9Z' });
    expect((answer as Failure).code).toBe('NOT_FOUND');
  });

  it('records the group of a check-in from a group card; unreadable group data checks nothing in', async () => {
    const member = await memberJoinedAt(t.db, 'lin', '2026-11-01 09:00:00');
    const refused = await doCheckin(ctxAt(t.db, '2026-11-23 08:00:00'), member, { scene: 1044, groupData: forged });
    expect((refused as Failure).code).toBe('GROUP_DATA_INVALID');
    expect((await t.db.query('select 1 from checkins')).rows).toHaveLength(0);

    const checked = ok(await doCheckin(ctxAt(t.db, '2026-11-23 08:01:00'), member, { scene: 1044, groupData: localGroupData('g-run') }));
    expect([checked.alreadyCheckedIn, checked.balance]).toEqual([false, 10]);
    // Already checked in today, now from another group: seen there too, nothing credited again.
    const repeat = ok(await doCheckin(ctxAt(t.db, '2026-11-23 20:00:00'), { ...member, latestCheckin: { day: '2026-11-23', streak: 1 } }, {
      groupData: localGroupData('g-yoga'),
    }));
    expect([repeat.alreadyCheckedIn, repeat.balance]).toEqual([true, 10]);

    const checkins = await t.db.query('select day, scene, group_id from checkins');
    expect(checkins.rows).toEqual([{ day: '2026-11-23', scene: 1044, group_id: 'g-run' }]);
    const visits = await t.db.query('select group_id, day from group_visits order by group_id');
    expect(visits.rows).toEqual([
      { group_id: 'g-run', day: '2026-11-23' },
      { group_id: 'g-yoga', day: '2026-11-23' },
    ]);
  });

  it('first touch: the first share opened in the first 30 minutes sets where the member came from, once; later or never, it stays null', async () => {
    const guide = await staffJoinedAt(t.db, 'wang', 'guide', '2026-11-01 09:00:00');
    const friend = await memberJoinedAt(t.db, 'friend', '2026-11-01 09:00:00');
    const coat = await product(t.db, '羊毛大衣');
    const memberCard = ok(await createShare(ctxAt(t.db, '2026-11-23 08:00:00'), friend, { productId: coat }));
    const guideCard = ok(await createShare(ctxAt(t.db, '2026-11-23 08:00:00'), guide, { productId: coat }));
    const joined = '2026-11-23 10:00:00';
    const opens: Array<[string, string, { shareId: string; scene?: number; groupData?: ReturnType<typeof localGroupData> }]> = [
      ['via-share', '2026-11-23 10:05:00', { shareId: memberCard.shareId, scene: 1007 }],
      ['via-group', '2026-11-23 10:05:00', { shareId: memberCard.shareId, scene: 1044, groupData: localGroupData('g-first') }],
      ['via-poster', '2026-11-23 10:05:00', { shareId: memberCard.shareId, scene: 1047 }],
      ['via-guide', '2026-11-23 10:30:00', { shareId: guideCard.shareId, scene: 1044, groupData: localGroupData('g-first') }],
      // 30 minutes and a second after joining: no longer the first session.
      ['too-late', '2026-11-23 10:30:01', { shareId: guideCard.shareId, scene: 1007 }],
    ];
    const members: Record<string, Actor> = {};
    for (const [openid, time, params] of opens) {
      members[openid] = await memberJoinedAt(t.db, openid, joined);
      ok(await openShare(ctxAt(t.db, time), members[openid]!, params));
    }
    // A second card in the first session changes nothing: the first touch stays.
    ok(await openShare(ctxAt(t.db, '2026-11-23 10:10:00'), members['via-share']!, { shareId: guideCard.shareId, scene: 1047 }));
    await memberJoinedAt(t.db, 'direct', joined);
    const { rows } = await t.db.query<{ openid: string; source: string | null }>(
      `select openid, source from members where openid not in ('wang', 'friend') order by id`,
    );
    expect(rows).toEqual([
      { openid: 'via-share', source: 'share' },
      { openid: 'via-group', source: 'group' },
      { openid: 'via-poster', source: 'poster' },
      { openid: 'via-guide', source: 'guide' },
      { openid: 'too-late', source: null },
      { openid: 'direct', source: null },
    ]);
  });

  it("makes a poster code of my share that carries the share id; another member's share is not mine to print", async () => {
    const guide = await staffJoinedAt(t.db, 'wang', 'guide', '2026-11-01 09:00:00');
    const member = await memberJoinedAt(t.db, 'lin', '2026-11-01 09:00:00');
    const share = ok(await createShare(ctxAt(t.db, '2026-11-23 10:00:00'), guide, {}));
    const code = ok(await posterCode(ctxAt(t.db, '2026-11-23 10:00:00'), guide, { shareId: share.shareId }));
    expect(code).toMatchObject({ shareId: share.shareId, scene: share.shareId, kind: 'qr' });
    expect(code.imageDataUrl).toMatch(/^data:image\/\w+;base64,/);
    const theirs = await posterCode(ctxAt(t.db, '2026-11-23 10:00:00'), member, { shareId: share.shareId });
    expect((theirs as Failure).code).toBe('NOT_FOUND');
  });
});
