/**
 * Exports (导出) for the 运营 tab: follow an export until its file is ready, then get the file.
 * The download (`GET /api/exports/<id>.xlsx` on the Node server) needs the admin's bearer token,
 * which a plain link cannot carry, so:
 * - H5: fetch it with the token and save it under its Chinese name (an <a download> on the blob);
 * - weapp: Taro.downloadFile with the token, then Taro.openDocument (xlsx, with the menu to
 *   forward or save it).
 * A 401 signs in again once (withSession). Failures are ApiErrors with the server's Chinese message.
 */
import Taro from '@tarojs/taro';
import type { Envelope, ExportView } from '@cloud/contract';
import { call, withSession } from './api';
import { API_BASE, CLOUD_ENV, IS_WEAPP } from './config';
import { devClockHeaders } from './dev-clock';
import { ApiError } from './errors';

export type ExportFile = Pick<ExportView, 'status' | 'downloadUrl' | 'fileName'>;

interface Reply {
  status: number;
  /** The file (H5: a Blob; weapp: the temp file's path) when status is 200. */
  file?: Blob | string;
  /** The error envelope otherwise, when the server sent one. */
  error?: Envelope<never> | null;
}

function safeJson(text: string): Envelope<never> | null {
  try {
    const body = JSON.parse(text) as Envelope<never>;
    return typeof body === 'object' && body !== null && typeof body.ok === 'boolean' ? body : null;
  } catch {
    return null;
  }
}

function failed(reply: Reply): never {
  const envelope = reply.error;
  if (envelope && !envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message, reply.status);
  throw new ApiError('BAD_RESPONSE', undefined, reply.status);
}

async function fetchInBrowser(url: string, token: string): Promise<Reply> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { Authorization: `Bearer ${token}`, ...devClockHeaders() } });
  } catch {
    throw new ApiError('NETWORK');
  }
  if (res.status === 200) return { status: 200, file: await res.blob() };
  return { status: res.status, error: safeJson(await res.text()) };
}

/** H5: the browser saves the blob under the file's name. */
function saveBlob(blob: Blob, fileName: string) {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked once the browser has taken the download.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

async function downloadInWeapp(url: string, token: string): Promise<Reply> {
  let res: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    res = await Taro.downloadFile({ url, header: { Authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiError('NETWORK');
  }
  if (res.statusCode === 200) return { status: 200, file: res.tempFilePath };
  // The error's envelope was written to the temp file.
  const text = await new Promise<string>((resolve) => {
    Taro.getFileSystemManager().readFile({
      filePath: res.tempFilePath,
      encoding: 'utf8',
      success: (r) => resolve(String(r.data)),
      fail: () => resolve(''),
    });
  });
  return { status: res.statusCode, error: safeJson(text) };
}

/**
 * Gets a finished export's file: saved by the browser (H5) or opened in WeChat's document
 * viewer (weapp). `platform` is for tests; the build decides it.
 */
export async function downloadExport(file: ExportFile, platform: 'h5' | 'weapp' = IS_WEAPP ? 'weapp' : 'h5'): Promise<void> {
  if (file.status === 'expired') throw new ApiError('EXPORT_EXPIRED', '导出文件已过期，请重新导出');
  if (file.status !== 'done' || !file.downloadUrl) throw new ApiError('EXPORT_NOT_READY', '导出文件还在生成中，请稍后再试');
  // Through wx.cloud the app has no session with the Node server that keeps the files.
  if (platform === 'weapp' && CLOUD_ENV) throw new ApiError('BAD_RESPONSE', '当前环境暂不支持下载导出文件，请在网页版运营后台下载');
  const url = `${API_BASE}${file.downloadUrl}`;
  if (platform === 'h5') {
    const reply = await withSession((token) => fetchInBrowser(url, token));
    if (reply.status !== 200 || !reply.file) failed(reply);
    saveBlob(reply.file as Blob, file.fileName);
    return;
  }
  const reply = await withSession((token) => downloadInWeapp(url, token));
  if (reply.status !== 200 || typeof reply.file !== 'string') failed(reply);
  try {
    await Taro.openDocument({ filePath: reply.file as string, fileType: 'xlsx', showMenu: true });
  } catch {
    throw new ApiError('BAD_RESPONSE', '文件打开失败，请重试');
  }
}

/**
 * Asks admin.exportStatus every `intervalMs` until the file is done, telling `onProgress` each
 * answer; resolves with the finished export, or throws when it failed or expired.
 */
export async function followExport(
  exportId: string,
  onProgress: (view: ExportView) => void = () => undefined,
  options: { intervalMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<ExportView> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (;;) {
    const view = await call('admin', 'exportStatus', { exportId });
    onProgress(view);
    if (view.status === 'done') return view;
    if (view.status === 'failed') throw new ApiError('EXPORT_NOT_READY', '导出失败，请重新导出');
    if (view.status === 'expired') throw new ApiError('EXPORT_EXPIRED', '导出文件已过期，请重新导出');
    await sleep(options.intervalMs ?? 1_000);
  }
}
