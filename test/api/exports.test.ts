/**
 * Exports over HTTP, as the 运营 tab uses them: admin.export, exportStatus until done (the
 * server starts the file at once), then the download — only for admins (401 without a token,
 * 403 for members and guides, whatever the id), with the xlsx type and the Chinese file name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devLogin, post } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { byHeader, readXlsx } from '../support/xlsx';

describe('exports over HTTP', () => {
  let server: TestServer;
  let fn: string;
  let admin: string;
  let n = 0;
  const requestId = () => `api-export-${++n}-${Date.now()}`;

  beforeAll(async () => {
    server = await startTestServer();
    fn = `${server.url}/api/fn/admin`;
    admin = await devLogin(server.url, 'export-api-admin', 'admin');
  });
  afterAll(() => server?.close());

  const download = (exportId: string, token?: string) =>
    fetch(`${server.url}/api/exports/${exportId}.xlsx`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  /** Polls admin.exportStatus until the file is done (or failed). */
  async function finished(exportId: string, token = admin) {
    for (let i = 0; i < 200; i++) {
      const status = await post(fn, { action: 'exportStatus', exportId }, { token });
      expect(status.status).toBe(200);
      if (status.body.data.status === 'done' || status.body.data.status === 'failed') return status.body.data;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the export did not finish');
  }

  it('members and guides get 403 on export and exportStatus, before their params are looked at', async () => {
    for (const role of ['member', 'guide']) {
      const token = await devLogin(server.url, `export-api-${role}`, role);
      for (const body of [{ action: 'export', kind: 'members', requestId: requestId() }, { action: 'export', nonsense: 1 }, { action: 'exportStatus', exportId: 'x' }]) {
        const reply = await post(fn, body, { token });
        expect([reply.status, reply.body.error.code]).toEqual([403, 'FORBIDDEN']);
      }
    }
  });

  it('refuses bad params with 400: an unknown kind, a segment on orders (in Chinese), a malformed export id', async () => {
    const kind = await post(fn, { action: 'export', kind: 'addresses', requestId: requestId() }, { token: admin });
    expect([kind.status, kind.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
    const segment = await post(fn, { action: 'export', kind: 'orders', segmentId: '1', requestId: requestId() }, { token: admin });
    expect([segment.status, segment.body.error.message]).toEqual([400, '请求参数有误：只有会员导出可以按分群']);
    const status = await post(fn, { action: 'exportStatus', exportId: '../../etc/passwd' }, { token: admin });
    expect([status.status, status.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
    const unknown = await post(fn, { action: 'exportStatus', exportId: '0'.repeat(32) }, { token: admin });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('exports the demo members: asked, written at once, downloaded by an admin as 会员_<day>.xlsx with Chinese headers', async () => {
    const asked = await post(fn, { action: 'export', kind: 'members', requestId: requestId() }, { token: admin });
    expect(asked.status).toBe(200);
    const { exportId } = asked.body.data;
    expect(exportId).toMatch(/^[0-9a-f]{32}$/);
    const done = await finished(exportId);
    expect(done).toMatchObject({ status: 'done', downloadUrl: `/api/exports/${exportId}.xlsx`, error: null });
    expect(done.rowsDone).toBeGreaterThan(3);
    expect(done.totalEstimate).toBe(done.rowsDone);

    const reply = await download(exportId, admin);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const day = /_(\d{4}-\d{2}-\d{2})\.xlsx$/.exec(done.fileName)![1];
    expect(done.fileName).toBe(`会员_${day}.xlsx`);
    expect(reply.headers.get('content-disposition')).toBe(
      `attachment; filename="members_${day}.xlsx"; filename*=UTF-8''%E4%BC%9A%E5%91%98_${day}.xlsx`,
    );
    expect(reply.headers.get('cache-control')).toBe('private, no-store');
    const bytes = Buffer.from(await reply.arrayBuffer());
    expect(bytes.length).toBe(done.bytes);
    expect(Number(reply.headers.get('content-length'))).toBe(done.bytes);
    const sheets = await readXlsx(bytes);
    expect(sheets['会员']![0]!.slice(0, 4)).toEqual(['会员ID', '昵称', '角色', '等级']);
    const members = byHeader(sheets['会员']!);
    expect(members).toHaveLength(done.rowsDone);
    expect(members.some((m) => m['角色'] === '管理员')).toBe(true);
  });

  it('only admins download: 401 without a token or with a forged one, 403 for members and guides, 404 for an id that is none', async () => {
    const asked = await post(fn, { action: 'export', kind: 'points', requestId: requestId() }, { token: admin });
    const { exportId } = asked.body.data;
    await finished(exportId);
    const anonymous = await download(exportId);
    expect([anonymous.status, (await anonymous.json()).error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const forged = await download(exportId, `${admin.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(401);
    for (const role of ['member', 'guide']) {
      const token = await devLogin(server.url, `export-dl-${role}`, role);
      const reply = await download(exportId, token);
      expect([reply.status, (await reply.json()).error.code]).toEqual([403, 'FORBIDDEN']);
      // A wrong id tells a member no more than a right one.
      const guessed = await download('0'.repeat(32), token);
      expect(guessed.status).toBe(403);
    }
    expect((await download('0'.repeat(32), admin)).status).toBe(404);
    const notAFile = await fetch(`${server.url}/api/exports/${exportId}.csv`, { headers: { authorization: `Bearer ${admin}` } });
    expect(notAFile.status).toBe(404);
    // Another admin may fetch it too: the file is the brand's, not the asker's.
    const other = await devLogin(server.url, 'export-api-admin-2', 'admin');
    expect((await download(exportId, other)).status).toBe(200);
  });

  it('a file still being written answers 409; an expired one 410', async () => {
    const asked = await post(fn, { action: 'export', kind: 'orders', requestId: requestId() }, { token: admin });
    const { exportId } = asked.body.data;
    const done = await finished(exportId);
    await server.db.query(`update exports set status = 'running' where id = $1`, [exportId]);
    const writing = await download(exportId, admin);
    expect([writing.status, (await writing.json()).error.code]).toEqual([409, 'EXPORT_NOT_READY']);
    await server.db.query(`update exports set status = 'done' where id = $1`, [exportId]);
    const later = new Date(new Date(done.expiresAt).getTime() + 60_000).toISOString();
    const expired = await fetch(`${server.url}/api/exports/${exportId}.xlsx`, { headers: { authorization: `Bearer ${admin}`, 'x-dev-now': later } });
    expect([expired.status, (await expired.json()).error.code]).toEqual([410, 'EXPORT_EXPIRED']);
  });

  it('admin.exports lists the exports whose files are kept, newest first, for every admin; a day later they are gone', async () => {
    const other = await devLogin(server.url, 'export-api-admin-3', 'admin');
    const asked = await post(fn, { action: 'export', kind: 'points', requestId: requestId() }, { token: other });
    const { exportId, expiresAt } = asked.body.data;
    await finished(exportId, other);
    const listed = await post(fn, { action: 'exports' }, { token: admin });
    expect(listed.status).toBe(200);
    expect(listed.body.data[0]).toMatchObject({ exportId, kind: 'points', status: 'done', downloadUrl: `/api/exports/${exportId}.xlsx` });
    const times = listed.body.data.map((e: { createdAt: string }) => e.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(listed.body.data.length).toBeGreaterThan(1);
    const later = new Date(new Date(expiresAt).getTime() + 60_000).toISOString();
    const after = await post(fn, { action: 'exports' }, { token: admin, headers: { 'x-dev-now': later } });
    expect(after.body.data.map((e: { exportId: string }) => e.exportId)).not.toContain(exportId);
  });
});
