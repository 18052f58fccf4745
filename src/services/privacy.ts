/**
 * The member's privacy rights from the app: 导出我的数据 (a JSON file — H5 downloads it, the
 * weapp writes it to the user data folder, since openDocument does not open JSON) and 注销账号.
 * The copy only passes through here as a string: it never goes into page data (setData's 256 KB).
 */
import Taro from '@tarojs/taro';
import { call } from './api';
import { IS_WEAPP } from './config';
import { ApiError } from './errors';
import { clearToken } from './session';

export type SavedExport =
  | { kind: 'downloaded'; fileName: string }
  /** weapp: where the file is, and its text to copy (keep it out of page data). */
  | { kind: 'saved'; fileName: string; filePath: string; text: string };

/** The file's name, by the day the copy was made: member-data-2026-11-22.json. */
export const exportFileName = (exportedAt: string) => `member-data-${exportedAt.slice(0, 10)}.json`;

function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // After the click has started the download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** weapp: writes the text to wx.env.USER_DATA_PATH and answers the file's path. */
export function writeUserDataFile(text: string, fileName: string): Promise<string> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`;
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: text,
      encoding: 'utf8',
      success: () => resolve(filePath),
      fail: () => reject(new ApiError('NETWORK', '保存文件失败，请检查手机存储空间后重试')),
    });
  });
}

export async function exportMyData(): Promise<SavedExport> {
  const copy = await call('member', 'exportData', {});
  const text = JSON.stringify(copy, null, 2);
  const fileName = exportFileName(copy.exportedAt);
  if (IS_WEAPP) return { kind: 'saved', fileName, filePath: await writeUserDataFile(text, fileName), text };
  download(text, fileName);
  return { kind: 'downloaded', fileName };
}

/** 注销账号; the session ends with it (the server no longer accepts its token). */
export async function deleteMyAccount(): Promise<{ deletedAt: string }> {
  const result = await call('member', 'deleteAccount', { confirm: true });
  clearToken();
  return result;
}
