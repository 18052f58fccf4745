/**
 * Whether the app was opened from a card in a WeChat group, and that group's data for the server
 * (only the server can read which group it is). weapp: the launch scene 1044 and
 * wx.getGroupEnterInfo; H5 in development: `gid=` in the URL simulates the group, like a share
 * link's.
 */
import Taro from '@tarojs/taro';
import type { Params } from '@cloud/contract';
import { IS_H5, IS_WEAPP } from './config';
import { GROUP_SCENE, simulatedGroupData } from './share-entry';

type GroupData = NonNullable<Params<'checkin', 'do'>['groupData']>;

/** H5: the `gid` in the search part or the hash part's query. */
function simulatedGroup(): string | null {
  if (typeof window === 'undefined') return null;
  const url = new URL(window.location.href);
  const hash = url.hash;
  const q = hash.indexOf('?');
  const gid = url.searchParams.get('gid') ?? (q >= 0 ? new URLSearchParams(hash.slice(q)).get('gid') : null);
  return gid?.trim() || null;
}

/** Known at once, so that a screen reserves the group's place (a skeleton) only when there is one. */
export function openedFromGroup(): boolean {
  if (IS_H5) return simulatedGroup() !== null;
  if (!IS_WEAPP) return false;
  return Taro.getEnterOptionsSync().scene === GROUP_SCENE;
}

/** The group data to send with a call made "from the group", or null when the app was not opened from one. */
export async function groupEntryData(): Promise<GroupData | null> {
  if (!openedFromGroup()) return null;
  const gid = IS_H5 ? simulatedGroup() : null;
  if (gid) return simulatedGroupData(gid);
  try {
    const info = (await Taro.getGroupEnterInfo()) as unknown as Partial<GroupData>;
    return info.encryptedData && info.iv ? { encryptedData: info.encryptedData, iv: info.iv } : null;
  } catch {
    // An old base library or a refusal: the page works without its group.
    return null;
  }
}
