import { describe, expect, it } from 'vitest';
import { adjustPoints } from '@cloud/services/admin/adjust-points';
import { saveCampaign } from '@cloud/services/admin/campaigns';
import { doCheckin } from '@cloud/services/checkin/do-checkin';
import { myCoupons } from '@cloud/services/coupons/wallet';
import type { Actor } from '@cloud/services/context';
import { Failure } from '@cloud/services/failure';
import { myAwards, setAwardAddress } from '@cloud/services/lottery/awards';
import { currentCampaign } from '@cloud/services/lottery/current-campaign';
import { drawOnce } from '@cloud/services/lottery/draw';
import { campaign, couponTemplate, prizeOf } from '../support/catalog';
import { backends, useTestDatabase } from '../support/databases';
import { adapters, brand, ctxAt, ledgerMismatches, memberJoinedAt } from '../support/fixtures';

describe.each(backends)('lottery on %s', (backend) => {
  const t = useTestDatabase(backend);
  let n = 0;
  const draw = (actor: Actor, campaignId: string, at = '2026-11-23 10:00:00', extra: { payWithPoints?: boolean } = {}) =>
    drawOnce(ctxAt(t.db, at), actor, { campaignId, requestId: `draw-request-${++n}`, ...extra });

  it('needs a chance from a check-in: no chance, no draw; one check-in, one draw', async () => {
    const c = await campaign(t.db, { prizes: [prizeOf({ kind: 'points', name: '10积分', odds: 10_000 - 1, points: 10 }), prizeOf({ kind: 'none', name: '谢谢参与', odds: 1 })] });
    const member = await memberJoinedAt(t.db, 'drawer', '2026-11-01 08:00:00');
    expect(await draw(member, c.id)).toMatchObject({ code: 'NO_CHANCE' });
    await doCheckin(ctxAt(t.db, '2026-11-23 09:00:00'), member, {});
    const view = await currentCampaign(ctxAt(t.db, '2026-11-23 09:30:00'), member);
    expect(view).toMatchObject({ id: c.id, myChances: 1, myDrawsToday: 0 });
    expect(view!.prizes.map((p) => p.oddsPercent)).toEqual([99.99, 0.01]);
    const result = await draw(member, c.id);
    expect(result).toMatchObject({ chancesLeft: 0 });
    expect(await draw(member, c.id)).toMatchObject({ code: 'NO_CHANCE' });
    expect(await ledgerMismatches(t.db)).toEqual([]);
  });

  it('lottery.current gives the draws left today beside the chances: 40 chances with 3 a day is 3 today, then 2', async () => {
    const c = await campaign(t.db, { drawsPerDay: 3, prizes: [prizeOf({ kind: 'none', name: '谢谢参与', odds: 10_000 })] });
    const member = await memberJoinedAt(t.db, 'forty', '2026-11-01 08:00:00');
    await t.db.query(
      `insert into lottery_chances (member_id, source, source_id, granted_at) select $1, 'checkin', 'forty-' || g, now() from generate_series(1, 40) g`,
      [member.memberId],
    );
    const numbers = async (time: string) => {
      const v = (await currentCampaign(ctxAt(t.db, time), member))!;
      return { chances: v.myChances, drawn: v.myDrawsToday, left: v.myDrawsLeftToday, limit: v.limits.drawsPerDay };
    };
    expect(await numbers('2026-11-23 09:00:00')).toEqual({ chances: 40, drawn: 0, left: 3, limit: 3 });
    await draw(member, c.id, '2026-11-23 10:00:00');
    expect(await numbers('2026-11-23 10:01:00')).toEqual({ chances: 39, drawn: 1, left: 2, limit: 3 });
    await draw(member, c.id, '2026-11-23 10:02:00');
    await draw(member, c.id, '2026-11-23 10:03:00');
    expect(await numbers('2026-11-23 23:59:00')).toEqual({ chances: 37, drawn: 3, left: 0, limit: 3 });
    expect(await draw(member, c.id, '2026-11-23 23:59:30')).toMatchObject({ code: 'DRAW_LIMIT' });
    // A new day: the limit is back, the chances carry over.
    expect(await numbers('2026-11-24 00:00:00')).toEqual({ chances: 37, drawn: 0, left: 3, limit: 3 });
    // With one chance and no points draws, one is left today.
    await t.db.query('update lottery_chances set used_at = now() where member_id = $1 and used_at is null and id not in (select max(id) from lottery_chances where member_id = $1)', [
      member.memberId,
    ]);
    expect(await numbers('2026-11-24 08:00:00')).toEqual({ chances: 1, drawn: 0, left: 1, limit: 3 });
  });

  it('a repeated requestId answers with the first draw and uses nothing more', async () => {
    const c = await campaign(t.db, { prizes: [prizeOf({ kind: 'points', name: '10积分', odds: 5000, points: 10 }), prizeOf({ kind: 'none', name: '谢谢参与', odds: 5000 })] });
    const member = await memberJoinedAt(t.db, 'repeater', '2026-11-01 08:00:00');
    await doCheckin(ctxAt(t.db, '2026-11-22 09:00:00'), member, {});
    await doCheckin(ctxAt(t.db, '2026-11-23 09:00:00'), member, {});
    const params = { campaignId: c.id, requestId: 'same-request-1' };
    const first = await drawOnce(ctxAt(t.db, '2026-11-23 10:00:00'), member, params);
    const again = await drawOnce(ctxAt(t.db, '2026-11-23 10:00:05'), member, params);
    expect(again).toEqual(first);
    expect((first as { chancesLeft: number }).chancesLeft).toBe(1);
  });

  it('gives points through the ledger, coupons into the wallet, and asks an address for goods', async () => {
    const template = await couponTemplate(t.db);
    const member = await memberJoinedAt(t.db, 'winner', '2026-11-01 08:00:00');
    for (const [kind, extra] of [
      ['points', { points: 88 }],
      ['coupon', { couponTemplateId: template.id }],
      ['goods', { stock: 5, valueFen: 19_900 }],
    ] as const) {
      const c = await campaign(t.db, { prizes: [prizeOf({ kind, name: `奖品-${kind}`, odds: 9999, ...extra }), prizeOf({ kind: 'none', name: '谢谢参与', odds: 1 })] });
      await t.db.query(`insert into lottery_chances (member_id, source, source_id, granted_at) values ($1, 'checkin', $2, now())`, [
        member.memberId,
        `test-${kind}`,
      ]);
      const result = await draw(member, c.id);
      if (result instanceof Failure || !result.won) continue; // 1 in 10,000: 谢谢参与
      expect(result.prize.kind).toBe(kind);
      if (kind === 'points') expect(result.award).toMatchObject({ points: 88, fulfilment: 'done' });
      if (kind === 'coupon') {
        expect(result.award!.coupon).toMatchObject({ name: '满100减20', state: 'available', source: 'lottery' });
        expect((await myCoupons(ctxAt(t.db, '2026-11-23 11:00:00'), member, {})).map((x) => x.code)).toContain(result.award!.coupon!.code);
      }
      if (kind === 'goods') {
        expect(result.award!.fulfilment).toBe('pending_address');
        const address = { name: '林小姐', phone: '13800138000', region: '上海市 徐汇区', detail: '漕溪北路 1 号' };
        const shipped = await setAwardAddress(ctxAt(t.db, '2026-11-23 11:00:00'), member, { awardId: result.award!.id, address });
        expect(shipped).toMatchObject({ fulfilment: 'to_ship', address });
      }
    }
    const awards = await myAwards(ctxAt(t.db, '2026-11-23 12:00:00'), member, {});
    expect(awards.items.length).toBeGreaterThanOrEqual(2);
    expect(await ledgerMismatches(t.db)).toEqual([]);
  });

  it('holds the member limits: draws a day, wins a day, wins per campaign', async () => {
    const c = await campaign(t.db, {
      drawsPerDay: 3,
      winsPerDay: 1,
      winsPerCampaign: 2,
      prizes: [prizeOf({ kind: 'points', name: '5积分', odds: 9999, points: 5 }), prizeOf({ kind: 'none', name: '谢谢参与', odds: 1 })],
    });
    const member = await memberJoinedAt(t.db, 'limited', '2026-11-01 08:00:00');
    await t.db.query(
      `insert into lottery_chances (member_id, source, source_id, granted_at) select $1, 'checkin', 'limit-' || g, now() from generate_series(1, 10) g`,
      [member.memberId],
    );
    const day1 = [await draw(member, c.id, '2026-11-23 10:00:00'), await draw(member, c.id, '2026-11-23 10:01:00'), await draw(member, c.id, '2026-11-23 10:02:00')];
    expect(day1.map((r) => (r instanceof Failure ? r.code : r.won))).toEqual([true, false, false]);
    expect(await draw(member, c.id, '2026-11-23 10:03:00')).toMatchObject({ code: 'DRAW_LIMIT' });
    const day2 = await draw(member, c.id, '2026-11-24 10:00:00');
    const day3 = await draw(member, c.id, '2026-11-25 10:00:00');
    expect([(day2 as { won: boolean }).won, (day3 as { won: boolean }).won]).toEqual([true, false]);
  });

  it('paces a limited prize over the campaign and respects its daily cap', async () => {
    const c = await campaign(t.db, {
      startsAt: '2026-11-01T00:00:00+08:00',
      endsAt: '2026-12-01T00:00:00+08:00',
      prizes: [prizeOf({ kind: 'goods', name: '新款T恤', odds: 9999, stock: 30, dailyCap: 5, valueFen: 19_900 }), prizeOf({ kind: 'none', name: '谢谢参与', odds: 1 })],
    });
    const members = await Promise.all(Array.from({ length: 8 }, (_, i) => memberJoinedAt(t.db, `paced-${i}`, '2026-11-01 08:00:00')));
    for (const m of members) {
      await t.db.query(
        `insert into lottery_chances (member_id, source, source_id, granted_at) select $1::bigint, 'checkin', $1::text || '-' || g, now() from generate_series(1, 3) g`,
        [m.memberId],
      );
    }
    // Three days in: 3 of 30 released. Eight members try; three win.
    const wins = async (at: string) => {
      let won = 0;
      for (const m of members) {
        const r = await draw(m, c.id, at);
        if (!(r instanceof Failure) && r.won) won++;
      }
      return won;
    };
    expect(await wins('2026-11-04 00:00:00')).toBe(3);
    // Half way: 15 released, but only 5 a day.
    expect(await wins('2026-11-16 00:00:00')).toBe(5);
    const { rows } = await t.db.query<{ awarded: number }>('select awarded from lottery_prizes where campaign_id = $1 and kind = $2', [c.id, 'goods']);
    expect(rows[0]!.awarded).toBe(8);
  });

  it('pays for an extra draw with points only when the campaign allows it', async () => {
    const admin = { ...(await memberJoinedAt(t.db, 'lottery-admin', '2026-11-01 08:00:00')), role: 'admin' as const };
    const member = await memberJoinedAt(t.db, 'payer', '2026-11-01 08:00:00');
    const prizes = [prizeOf({ kind: 'none', name: '谢谢参与', odds: 10_000 })];
    const free = await campaign(t.db, { prizes });
    const paid = await campaign(t.db, { prizes, pointsPerExtraDraw: 30 });
    expect(await draw(member, free.id, undefined, { payWithPoints: true })).toMatchObject({ code: 'INVALID_PARAMS' });
    expect(await draw(member, paid.id, undefined, { payWithPoints: true })).toMatchObject({ code: 'INSUFFICIENT_POINTS' });
    await adjustPoints(ctxAt(t.db, '2026-11-23 09:00:00'), admin, { targetMemberId: member.memberId, delta: 50, reason: '测试', requestId: 'lottery-pay-1' });
    expect(await draw(member, paid.id, undefined, { payWithPoints: true })).toMatchObject({ balance: 20 });
    expect(await ledgerMismatches(t.db)).toEqual([]);
  });

  it('refuses to save a campaign whose odds do not add up or whose top prize is worth more than ¥50,000', async () => {
    const ctx = { db: t.db, brand, now: new Date(), adapters };
    const base = {
      name: '违规活动',
      startsAt: '2027-01-01T00:00:00+08:00',
      endsAt: '2027-02-01T00:00:00+08:00',
      drawsPerDay: 1,
      winsPerDay: 1,
      winsPerCampaign: 1,
      pointsPerExtraDraw: null,
      rulesText: '',
    };
    const odds = await saveCampaign(ctx, null, { campaign: { ...base, prizes: [prizeOf({ kind: 'points', name: 'a', odds: 5000, points: 1 }), prizeOf({ kind: 'none', name: '谢谢参与', odds: 4000 })] } });
    expect(odds).toMatchObject({ code: 'CAMPAIGN_INVALID', message: '所有奖品（含谢谢参与）的中奖概率之和必须为 100%' });
    const car = await saveCampaign(ctx, null, { campaign: { ...base, prizes: [prizeOf({ kind: 'goods', name: '汽车', odds: 1, stock: 1, valueFen: 5_000_001 }), prizeOf({ kind: 'none', name: '谢谢参与', odds: 9999 })] } });
    expect(car).toMatchObject({ code: 'CAMPAIGN_INVALID' });
    const { rows } = await t.db.query<{ n: number }>("select count(*)::int as n from lottery_campaigns where name = '违规活动'");
    expect(rows[0]!.n).toBe(0);
  });
});
