/**
 * Admin exports (导出): the xlsx a worker writes from keyset batches, read back with exceljs —
 * headers and rows of members (all and a segment's), orders and the points ledger; progress,
 * idempotence, the limit on open exports; a file begun again after its writer died or lost its
 * lease, failed after its last attempt, restarted when its segment moved on; expiry.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SandboxPayments } from '@cloud/adapters/payments/sandbox-payments';
import { EXPORT_KINDS } from '@cloud/domain/export-columns';
import { adjustPoints } from '@cloud/services/admin/adjust-points';
import type { Actor } from '@cloud/services/context';
import { askExport, exportStatus, MAX_OPEN_EXPORTS, openExportDownload } from '@cloud/services/exports/ask-export';
import { expireExports, MAX_ATTEMPTS, runExports } from '@cloud/services/exports/run-exports';
import { Failure } from '@cloud/services/failure';
import { toActor } from '@cloud/services/member/member-row';
import { upsertMemberWithRole } from '@cloud/services/member/resolve-member';
import { createOrder } from '@cloud/services/orders/create-order';
import { recordPayment } from '@cloud/services/orders/record-payment';
import { startPayment } from '@cloud/services/orders/start-payment';
import { backends, useTestDatabase } from '../support/databases';
import { adapters, addressOf, at, brand, ctxAt, memberJoinedAt, TEST_ADDRESS } from '../support/fixtures';
import { memberFactsOf, segmentOf, tagMember } from '../support/profiling';
import { testProduct } from '../support/products';
import { byHeader, bytesOf, readXlsx } from '../support/xlsx';

const sandbox = adapters.payments as SandboxPayments;
const NOW = '2026-12-07 10:00:00';

function ok<T>(value: T | Failure): T {
  if (value instanceof Failure) throw new Error(`${value.code}: ${value.message}`);
  return value;
}

describe.each(backends)('admin exports on %s', (backend) => {
  const t = useTestDatabase(backend);
  let n = 0;
  const rid = () => `export-req-${++n}-${Math.random().toString(36).slice(2, 8)}`;

  async function adminActor(): Promise<Actor> {
    return toActor(await upsertMemberWithRole(t.db, `export-admin-${++n}`, 'admin', at('2026-11-01 08:00:00')));
  }

  async function named(openid: string, nickname: string, joined = '2026-11-02 09:30:00'): Promise<Actor> {
    const member = await memberJoinedAt(t.db, openid, joined);
    await t.db.query('update members set nickname = $2 where id = $1', [member.memberId, nickname]);
    return member;
  }

  /** Asks, runs the worker to the end, and reads the file back: the status and the sheet. */
  async function exported(admin: Actor, params: { kind: (typeof EXPORT_KINDS)[number]; segmentId?: string }, batchSize = 2) {
    const asked = ok(await askExport(ctxAt(t.db, NOW), admin, { ...params, requestId: rid() }));
    expect(asked).toMatchObject({ status: 'queued', rowsDone: 0, totalEstimate: null, downloadUrl: null });
    const report = await runExports(t.db, brand, at(NOW), { batchSize });
    expect(report).toMatchObject({ done: 1, failed: 0 });
    const status = ok(await exportStatus(ctxAt(t.db, NOW), admin, { exportId: asked.exportId }));
    const download = ok(await openExportDownload(t.db, asked.exportId, at(NOW)));
    const bytes = await bytesOf(download.body);
    expect(bytes.length).toBe(status.bytes);
    expect(download.fileName).toBe(status.fileName);
    const sheets = await readXlsx(bytes);
    return { asked, status, sheets, bytes };
  }

  it('members: a real xlsx with Chinese headers, one row per member (erased accounts left out), tags, layer, guide and 365-day figures', async () => {
    const admin = await adminActor();
    const guide = toActor(await upsertMemberWithRole(t.db, 'export-guide', 'guide', at('2026-11-01 08:00:00')));
    await t.db.query(`update members set nickname = '导购小林' where id = $1`, [guide.memberId]);
    const lin = await named('export-lin', '林深见鹿');
    await t.db.query(`update members set source = 'guide', guide_id = $2, tier = 'gold', points_balance = 0 where id = $1`, [lin.memberId, guide.memberId]);
    await memberFactsOf(t.db, lin.memberId, '2026-12-06');
    await tagMember(t.db, lin.memberId, { key: 'recent_buyer', name: '近期购买', addedAt: at('2026-12-06 02:00:00') });
    await tagMember(t.db, lin.memberId, { key: 'night_owl', name: '夜市买家', addedAt: at('2026-12-06 02:00:00') });
    const plain = await named('export-plain', '小周', '2026-12-01 23:59:00');
    const gone = await named('export-gone', '已注销');
    await t.db.query('update members set deleted_at = $2, nickname = null where id = $1', [gone.memberId, at('2026-12-03 10:00:00')]);

    const { status, sheets } = await exported(admin, { kind: 'members' });
    expect(status).toMatchObject({ status: 'done', fileName: '会员_2026-12-07.xlsx', downloadUrl: `/api/exports/${status.exportId}.xlsx` });
    expect(status.exportId).toMatch(/^[0-9a-f]{32}$/);
    expect(Object.keys(sheets)).toEqual(['会员']);
    const rows = sheets['会员']!;
    expect(rows[0]).toEqual(['会员ID', '昵称', '角色', '等级', '积分', '入会时间', '来源', '专属导购', '分层', '标签', '最近活跃', '近365天订单数', '近365天消费(元)']);
    const members = byHeader(rows);
    // The admin, the guide and the two members, by id; not the erased account.
    expect(members.map((m) => m['会员ID'])).toEqual([admin.memberId, guide.memberId, lin.memberId, plain.memberId]);
    expect(status).toMatchObject({ rowsDone: 4, totalEstimate: 4 });
    expect(members[2]).toEqual({
      会员ID: lin.memberId,
      昵称: '林深见鹿',
      角色: '会员',
      等级: '金卡会员',
      积分: 0,
      入会时间: '2026-11-02 09:30',
      来源: '导购',
      专属导购: '导购小林',
      分层: '潜力',
      标签: '夜市买家、近期购买',
      最近活跃: '2026-12-06',
      近365天订单数: 1,
      '近365天消费(元)': 299,
    });
    expect(members[3]).toMatchObject({ 昵称: '小周', 角色: '会员', 等级: '普通会员', 入会时间: '2026-12-01 23:59', 来源: '直接进入', 专属导购: null, 分层: null, 标签: null });
    expect(members[1]).toMatchObject({ 角色: '导购', 昵称: '导购小林' });
  });

  it("a segment's export holds the members of its current computation, named after the segment", async () => {
    const admin = await adminActor();
    const a = await named('seg-a', '甲');
    await named('seg-b', '乙');
    const c = await named('seg-c', '丙');
    const segmentId = await segmentOf(t.db, [a.memberId, c.memberId], at('2026-12-06 02:00:00'));
    await t.db.query(`update segments set name = '高潜/复购' where id = $1`, [segmentId]);
    const { status, sheets } = await exported(admin, { kind: 'members', segmentId }, 1);
    expect(status).toMatchObject({ fileName: '会员_高潜 复购_2026-12-07.xlsx', segmentId, rowsDone: 2, totalEstimate: 2 });
    expect(byHeader(sheets['会员']!).map((m) => m['昵称'])).toEqual(['甲', '丙']);

    expect(await askExport(ctxAt(t.db, NOW), admin, { kind: 'members', segmentId: '999999', requestId: rid() })).toMatchObject({ code: 'NOT_FOUND' });
    await t.db.query('update segments set version = 0 where id = $1', [segmentId]);
    expect(await askExport(ctxAt(t.db, NOW), admin, { kind: 'members', segmentId, requestId: rid() })).toMatchObject({ code: 'SEGMENT_NOT_READY' });
  });

  it('orders: every order with its amounts in yuan and its status in words, never the address or the note', async () => {
    const admin = await adminActor();
    const buyer = await named('order-buyer', '买家甲');
    const { skus } = await testProduct(t.db, { name: '羊毛大衣', skus: [{ color: '黑色', size: 'M', priceFen: 29_900, stock: 10 }] });
    const ctx = ctxAt(t.db, '2026-11-23 10:00:00');
    const addressId = await addressOf(t.db, buyer);
    const paid = ok(await createOrder(ctx, buyer, { skuId: skus[0]!.id, qty: 1, addressId, note: '请放门卫 林小姐', requestId: rid() }));
    const start = ok(await startPayment(ctx, buyer, { orderId: paid.id }));
    const posted = sandbox.confirm(start.sandbox!.token, at('2026-11-23 10:01:00'))!;
    const notice = (await sandbox.verifyNotice(posted.headers, posted.body))!;
    ok(await recordPayment(ctxAt(t.db, '2026-11-23 10:01:00'), notice));
    const pending = ok(await createOrder(ctx, buyer, { skuId: skus[0]!.id, qty: 2, addressId, requestId: rid() }));

    const { sheets, bytes } = await exported(admin, { kind: 'orders' });
    const rows = sheets['订单']!;
    expect(rows[0]).toEqual([
      '订单号', '会员ID', '昵称', '类型', '商品', '规格', '数量', '单价(元)', '会员价优惠(元)', '会员日优惠(元)', '优惠券抵扣(元)', '运费(元)',
      '实付(元)', '积分', '状态', '下单时间', '支付时间', '发货时间', '完成时间', '退款时间', '物流公司', '运单号', '导购', '来自群', '会员日', '夜市',
    ]);
    const orders = byHeader(rows);
    expect(orders.map((o) => o['订单号'])).toEqual([paid.id, pending.id]);
    expect(orders[0]).toMatchObject({
      会员ID: buyer.memberId,
      昵称: '买家甲',
      类型: '商品',
      商品: '羊毛大衣',
      数量: 1,
      '单价(元)': 299,
      '实付(元)': paid.totalFen / 100,
      状态: '已支付',
      下单时间: '2026-11-23 10:00',
      支付时间: '2026-11-23 10:01',
      发货时间: null,
      会员日: '否',
      夜市: '否',
    });
    expect(orders[1]).toMatchObject({ 状态: '待支付', 数量: 2, 支付时间: null });
    // Nothing of the address or the member's note anywhere in the file.
    const text = JSON.stringify(rows);
    for (const personal of [TEST_ADDRESS.detail, TEST_ADDRESS.phone, TEST_ADDRESS.name, '门卫']) expect(text).not.toContain(personal);
    expect(bytes.includes(Buffer.from(TEST_ADDRESS.phone))).toBe(false);
  });

  it('the points ledger: each change with its kind in words, the balance after it and the reason', async () => {
    const admin = await adminActor();
    const member = await named('points-member', '积分达人');
    ok(await adjustPoints(ctxAt(t.db, '2026-12-01 09:00:00'), admin, { targetMemberId: member.memberId, delta: 120, reason: '活动补偿', requestId: rid() }));
    ok(await adjustPoints(ctxAt(t.db, '2026-12-02 09:00:00'), admin, { targetMemberId: member.memberId, delta: -20, reason: '误发扣回', requestId: rid() }));
    const { sheets, status } = await exported(admin, { kind: 'points' }, 1);
    expect(status.fileName).toBe('积分流水_2026-12-07.xlsx');
    const rows = sheets['积分流水']!;
    expect(rows[0]).toEqual(['流水号', '会员ID', '昵称', '类型', '变动', '变动后余额', '关联编号', '备注', '时间']);
    expect(byHeader(rows).map(({ 流水号: _id, 关联编号: _source, ...rest }) => rest)).toEqual([
      { 会员ID: member.memberId, 昵称: '积分达人', 类型: '积分调整', 变动: 120, 变动后余额: 120, 备注: '活动补偿', 时间: '2026-12-01 09:00' },
      { 会员ID: member.memberId, 昵称: '积分达人', 类型: '积分调整', 变动: -20, 变动后余额: 100, 备注: '误发扣回', 时间: '2026-12-02 09:00' },
    ]);
  });

  it('the same requestId is one export; an admin write of kind data.export is audited once; at most a few open at once', async () => {
    const admin = await adminActor();
    const requestId = rid();
    const first = ok(await askExport(ctxAt(t.db, NOW), admin, { kind: 'members', requestId }));
    const again = ok(await askExport(ctxAt(t.db, NOW), admin, { kind: 'orders', requestId }));
    expect(again).toEqual(first);
    const audit = await t.db.query<{ kind: string; target_id: string }>(`select kind, target_id from audit_log where kind = 'data.export'`);
    expect(audit.rows).toEqual([{ kind: 'data.export', target_id: first.exportId }]);
    for (let i = 1; i < MAX_OPEN_EXPORTS; i++) ok(await askExport(ctxAt(t.db, NOW), admin, { kind: 'points', requestId: rid() }));
    expect(await askExport(ctxAt(t.db, NOW), admin, { kind: 'points', requestId: rid() })).toMatchObject({ code: 'EXPORT_BUSY' });
    // While an export waits, its file cannot be fetched; an id that is none is not found.
    expect(await openExportDownload(t.db, first.exportId, at(NOW))).toMatchObject({ code: 'EXPORT_NOT_READY' });
    expect(await openExportDownload(t.db, 'f'.repeat(32), at(NOW))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await exportStatus(ctxAt(t.db, NOW), admin, { exportId: 'f'.repeat(32) })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a writer that died: its lease runs out, the next claim begins the file again from the first row and drops the dead attempt', async () => {
    const admin = await adminActor();
    for (let i = 0; i < 5; i++) await named(`crash-${i}`, `会员${i}`);
    const asked = ok(await askExport(ctxAt(t.db, NOW), admin, { kind: 'members', requestId: rid() }));
    // As a dead instance leaves it: running, rows half done, a chunk of its attempt, a lease until 10:02.
    await t.db.query(
      `update exports set status = 'running', attempts = 1, claimed_by = 'dead-instance', claimed_until = $2, rows_done = 3, started_at = $3 where id = $1`,
      [asked.exportId, at('2026-12-07 10:02:00'), at(NOW)],
    );
    await t.db.query(`insert into export_chunks (export_id, attempt, seq, bytes) values ($1, 1, 0, '\\x504b0304')`, [asked.exportId]);
    expect(await runExports(t.db, brand, at('2026-12-07 10:01:00'))).toMatchObject({ done: 0 });
    expect(ok(await exportStatus(ctxAt(t.db, NOW), admin, { exportId: asked.exportId }))).toMatchObject({ status: 'running', rowsDone: 3 });

    expect(await runExports(t.db, brand, at('2026-12-07 10:03:00'), { batchSize: 2 })).toMatchObject({ done: 1 });
    const status = ok(await exportStatus(ctxAt(t.db, NOW), admin, { exportId: asked.exportId }));
    expect(status).toMatchObject({ status: 'done', rowsDone: 6, totalEstimate: 6, error: null });
    const chunks = await t.db.query<{ attempt: number }>('select distinct attempt from export_chunks where export_id = $1', [asked.exportId]);
    expect(chunks.rows).toEqual([{ attempt: 2 }]);
    const sheets = await readXlsx(await bytesOf(ok(await openExportDownload(t.db, asked.exportId, at('2026-12-07 10:04:00'))).body));
    expect(byHeader(sheets['会员']!).map((m) => m['昵称'])).toEqual([null, '会员0', '会员1', '会员2', '会员3', '会员4']);
  });

  it('a writer that lost its lease to another stops writing; an export that fails every time is failed after its last attempt', async () => {
    const admin = await adminActor();
    for (let i = 0; i < 4; i++) await named(`lease-${i}`, `会员${i}`);
    // Taken over between two batches: the first holder's next renewal finds another's claim and stops.
    const second = ok(await askExport(ctxAt(t.db, NOW), admin, { kind: 'members', requestId: rid() }));
    const taken = await runExports(t.db, brand, at(NOW), {
      batchSize: 1,
      instance: 'first-holder',
      onBatch: async () => {
        await t.db.query(`update exports set attempts = attempts + 1, claimed_by = 'second-holder' where id = $1`, [second.exportId]);
      },
    });
    expect(taken).toMatchObject({ done: 0, failed: 0, restarted: 0 });
    const row = await t.db.query<{ claimed_by: string; status: string }>('select claimed_by, status from exports where id = $1', [second.exportId]);
    expect(row.rows[0]).toEqual({ claimed_by: 'second-holder', status: 'running' });
    const written = await t.db.query<{ n: number }>('select count(*)::int as n from export_chunks where export_id = $1', [second.exportId]);
    expect(written.rows[0]!.n).toBe(0);
    await t.db.query(`update exports set status = 'failed' where id = $1`, [second.exportId]);

    // Every attempt throws: it is begun again until MAX_ATTEMPTS, then failed with the reason.
    const doomed = ok(await askExport(ctxAt(t.db, NOW), admin, { kind: 'points', requestId: rid() }));
    const failing = await runExports(t.db, brand, at(NOW), {
      onBatch: () => {
        throw new Error('disk on fire');
      },
    });
    expect(failing).toMatchObject({ done: 0, restarted: MAX_ATTEMPTS - 1, failed: 1 });
    expect(ok(await exportStatus(ctxAt(t.db, NOW), admin, { exportId: doomed.exportId }))).toMatchObject({ status: 'failed', error: 'disk on fire', downloadUrl: null });
    expect(await openExportDownload(t.db, doomed.exportId, at(NOW))).toMatchObject({ code: 'EXPORT_NOT_READY', message: '导出失败，请重新导出' });
    const left = await t.db.query<{ n: number }>('select count(*)::int as n from export_chunks where export_id = $1', [doomed.exportId]);
    expect(left.rows[0]!.n).toBe(0);
  });

  it('a segment recomputed twice while its file was written: the file is begun again on the newest computation', async () => {
    const admin = await adminActor();
    const a = await named('moving-a', '甲');
    const b = await named('moving-b', '乙');
    const segmentId = await segmentOf(t.db, [a.memberId], at('2026-12-06 02:00:00'));
    ok(await askExport(ctxAt(t.db, NOW), admin, { kind: 'members', segmentId, requestId: rid() }));
    let moved = false;
    const report = await runExports(t.db, brand, at(NOW), {
      onBatch: async () => {
        if (moved) return;
        moved = true;
        // Two recomputations: version 3 holds both members, version 1 (the one being read) is gone.
        await t.db.query('delete from segment_members where segment_id = $1', [segmentId]);
        await t.db.query('insert into segment_members (segment_id, since_version, member_id) values ($1, 3, $2), ($1, 3, $3)', [segmentId, a.memberId, b.memberId]);
        await t.db.query('update segments set version = 3, member_count = 2 where id = $1', [segmentId]);
      },
    });
    expect(report).toMatchObject({ done: 1, restarted: 1 });
    const row = await t.db.query<{ id: string; attempts: number; segment_version: number }>('select id, attempts, segment_version from exports');
    expect(row.rows[0]).toMatchObject({ attempts: 2, segment_version: 3 });
    const sheets = await readXlsx(await bytesOf(ok(await openExportDownload(t.db, row.rows[0]!.id, at(NOW))).body));
    expect(byHeader(sheets['会员']!).map((m) => m['昵称'])).toEqual(['甲', '乙']);
  });

  it('files expire a day after they are done: the tick deletes the bytes and the status says so', async () => {
    const admin = await adminActor();
    const { status } = await exported(admin, { kind: 'members' });
    // The 导出 screen reads the times as the brand's clock shows them: asked at 10:00 brand time.
    expect(status.createdAt).toBe('2026-12-07T10:00:00+08:00');
    expect(new Date(status.expiresAt).getTime() - new Date(status.finishedAt!).getTime()).toBe(24 * 3_600_000);
    expect(await expireExports(t.db, at('2026-12-08 09:59:00'))).toEqual({ expired: 0, forgotten: 0 });
    const expiry = await t.db.query<{ expires_at: Date }>('select expires_at from exports where id = $1', [status.exportId]);
    expect(await expireExports(t.db, new Date(expiry.rows[0]!.expires_at.getTime() + 1))).toEqual({ expired: 1, forgotten: 0 });
    expect(ok(await exportStatus(ctxAt(t.db, NOW), admin, { exportId: status.exportId }))).toMatchObject({ status: 'expired', downloadUrl: null });
    expect(await openExportDownload(t.db, status.exportId, at('2026-12-08 11:00:00'))).toMatchObject({ code: 'EXPORT_EXPIRED' });
    const chunks = await t.db.query<{ n: number }>('select count(*)::int as n from export_chunks');
    expect(chunks.rows[0]!.n).toBe(0);
    expect(await expireExports(t.db, at('2027-03-09 10:00:00'))).toEqual({ expired: 0, forgotten: 1 });
  });

  it('a file larger than a chunk is stored in several chunks and read back whole', async () => {
    const admin = await adminActor();
    await t.db.query(
      `insert into members (openid, nickname, created_at) select 'bulk-' || g, '会员' || md5(g::text), now() from generate_series(1, 1000) g`,
    );
    ok(await askExport(ctxAt(t.db, NOW), admin, { kind: 'members', requestId: rid() }));
    const chunkBytes = 8 * 1024;
    expect(await runExports(t.db, brand, at(NOW), { chunkBytes })).toMatchObject({ done: 1, rows: 1001 });
    const { rows } = await t.db.query<{ id: string; bytes: string }>('select id, bytes from exports');
    const bytes = await bytesOf(ok(await openExportDownload(t.db, rows[0]!.id, at(NOW))).body);
    expect(bytes.length).toBe(Number(rows[0]!.bytes));
    const chunks = await t.db.query<{ n: number }>('select count(*)::int as n from export_chunks where export_id = $1', [rows[0]!.id]);
    expect(chunks.rows[0]!.n).toBeGreaterThan(3);
    const sheets = await readXlsx(bytes);
    expect(sheets['会员']).toHaveLength(1002);
    expect(sheets['会员']![1001]![1]).toBe(`会员${crypto.createHash('md5').update('1000').digest('hex')}`);
  });
});
