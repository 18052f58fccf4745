/**
 * The export download helper: H5 fetches the file with the admin's token and saves it under its
 * Chinese name; weapp downloads it with the token and opens it with openDocument (xlsx); a 401
 * signs in again once; the server's refusals come back as ApiErrors with its message; and
 * followExport asks exportStatus until the file is done.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Taro from '@tarojs/taro';
import type { ExportView } from '@cloud/contract';
import { configureClient } from '@/services/api';
import { downloadExport, followExport } from '@/services/download-export';
import { ApiError } from '@/services/errors';
import { actionOf, fakeTransport, fail } from './fake-transport';

const ID = '0123456789abcdef0123456789abcdef';
const done: ExportView = {
  exportId: ID,
  kind: 'members',
  segmentId: null,
  status: 'done',
  rowsDone: 3,
  totalEstimate: 3,
  error: null,
  fileName: '会员_2026-12-07.xlsx',
  downloadUrl: `/api/exports/${ID}.xlsx`,
  bytes: 4,
  createdAt: '2026-12-07T02:00:00.000Z',
  finishedAt: '2026-12-07T02:00:01.000Z',
  expiresAt: '2026-12-08T02:00:01.000Z',
};

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const envelope = (code: string, message: string) => JSON.stringify({ ok: false, error: { code, message } });

let tokens: string[];
const taroApis = { downloadFile: Taro.downloadFile, openDocument: Taro.openDocument, getFileSystemManager: Taro.getFileSystemManager };

beforeEach(() => {
  tokens = ['tok-1', 'tok-2'];
  configureClient({
    token: () => tokens[0]!,
    renew: async () => {
      tokens.shift();
      return tokens[0]!;
    },
    signedIn: async () => undefined,
  });
});

afterEach(() => {
  Object.assign(Taro, taroApis);
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('downloadExport in H5', () => {
  function browser(...replies: Response[]) {
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) => replies.shift()!);
    vi.stubGlobal('fetch', fetch);
    const saved: Array<{ href: string; download: string }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ href: this.href, download: this.download });
    });
    const created: Blob[] = [];
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (b: Blob) => (created.push(b), 'blob:export-1'), revokeObjectURL: () => undefined }));
    return { fetch, saved, created };
  }

  it('fetches the file with the bearer token and saves it under its Chinese name', async () => {
    const b = browser(new Response(new Uint8Array([0x50, 0x4b, 3, 4]), { status: 200, headers: { 'content-type': XLSX } }));
    await downloadExport(done, 'h5');
    expect(b.fetch).toHaveBeenCalledTimes(1);
    const [url, init] = b.fetch.mock.calls[0]!;
    expect(url).toBe(`/api/exports/${ID}.xlsx`);
    expect(init?.headers).toMatchObject({ Authorization: 'Bearer tok-1' });
    expect(b.saved).toEqual([{ href: 'blob:export-1', download: '会员_2026-12-07.xlsx' }]);
    expect(b.created[0]!.size).toBe(4);
    expect(document.querySelector('a[download]')).toBeNull();
  });

  it('signs in again once after a 401 and tries again with the new token', async () => {
    const b = browser(
      new Response(envelope('UNAUTHENTICATED', '请先登录'), { status: 401 }),
      new Response(new Uint8Array([1, 2]), { status: 200 }),
    );
    await downloadExport(done, 'h5');
    expect(b.fetch.mock.calls.map(([, init]) => (init?.headers as Record<string, string>).Authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
    expect(b.saved).toHaveLength(1);
  });

  it("answers the server's refusal as an ApiError with its Chinese message, and saves nothing", async () => {
    const b = browser(new Response(envelope('EXPORT_EXPIRED', '导出文件已过期，请重新导出'), { status: 410 }));
    const err = await downloadExport(done, 'h5').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'EXPORT_EXPIRED', status: 410, message: '导出文件已过期，请重新导出' });
    expect(b.saved).toEqual([]);
  });

  it('refuses an export that is not done without asking the server', async () => {
    const b = browser();
    await expect(downloadExport({ ...done, status: 'running', downloadUrl: null }, 'h5')).rejects.toMatchObject({ code: 'EXPORT_NOT_READY' });
    await expect(downloadExport({ ...done, status: 'expired', downloadUrl: null }, 'h5')).rejects.toMatchObject({ code: 'EXPORT_EXPIRED' });
    expect(b.fetch).not.toHaveBeenCalled();
  });
});

describe('downloadExport in weapp', () => {
  it('downloads the file with the token, then opens it with openDocument as xlsx', async () => {
    const download = vi.fn(async (_options: { url: string; header?: Record<string, string> }) => ({ statusCode: 200, tempFilePath: 'wxfile://tmp/export.xlsx' }));
    const open = vi.fn(async (_options: { filePath: string; fileType?: string; showMenu?: boolean }) => ({ errMsg: 'openDocument:ok' }));
    Object.assign(Taro, { downloadFile: download, openDocument: open });
    await downloadExport(done, 'weapp');
    expect(download).toHaveBeenCalledWith({ url: `/api/exports/${ID}.xlsx`, header: { Authorization: 'Bearer tok-1' } });
    expect(open).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/export.xlsx', fileType: 'xlsx', showMenu: true });
  });

  it('reads the refusal the server wrote into the temp file (403 for a member)', async () => {
    Object.assign(Taro, {
      downloadFile: async () => ({ statusCode: 403, tempFilePath: 'wxfile://tmp/err' }),
      openDocument: vi.fn(),
      getFileSystemManager: () => ({
        readFile: (o: { success: (r: { data: string }) => void }) => o.success({ data: envelope('FORBIDDEN', '没有权限进行此操作') }),
      }),
    });
    await expect(downloadExport(done, 'weapp')).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403, message: '没有权限进行此操作' });
    expect((Taro as unknown as { openDocument: ReturnType<typeof vi.fn> }).openDocument).not.toHaveBeenCalled();
  });
});

describe('followExport', () => {
  it('asks exportStatus until the file is done, telling each step', async () => {
    const answers: ExportView[] = [
      { ...done, status: 'queued', rowsDone: 0, totalEstimate: null, downloadUrl: null },
      { ...done, status: 'running', rowsDone: 2, downloadUrl: null },
      done,
    ];
    const calls = fakeTransport(() => answers.shift());
    const seen: string[] = [];
    const view = await followExport(ID, (v) => seen.push(`${v.status}:${v.rowsDone}`), { sleep: async () => undefined });
    expect(view).toEqual(done);
    expect(seen).toEqual(['queued:0', 'running:2', 'done:3']);
    expect(calls.map(actionOf)).toEqual(['admin.exportStatus', 'admin.exportStatus', 'admin.exportStatus']);
    expect(calls[0]!.payload).toEqual({ action: 'exportStatus', exportId: ID });
  });

  it('throws when the export failed, and passes the server refusals on', async () => {
    fakeTransport(() => ({ ...done, status: 'failed', error: 'x', downloadUrl: null }));
    await expect(followExport(ID)).rejects.toMatchObject({ code: 'EXPORT_NOT_READY', message: '导出失败，请重新导出' });
    fakeTransport(() => fail(403, 'FORBIDDEN', '没有权限进行此操作'));
    await expect(followExport(ID)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
