/**
 * Opening the app from a share: a card tapped in WeChat (`share` in the page query, or a poster
 * code's `scene`), or an H5 link with `?share=<id>`. Each share is recorded once per app session
 * (share.open, after sign-in), then the app shows the product that was shared; the answer says
 * whether a new friend of an invite is to be welcomed (stores/welcome.ts shows it).
 */
import Taro from '@tarojs/taro';
import type { Params, ShareCreated, ShareOpened } from '@cloud/contract';
import { call, clientSession } from './api';
import { IS_H5, IS_WEAPP } from './config';
import { isApiError } from './errors';
import { imageUrl } from './image-url';

export const PRODUCT_PAGE = 'packages/shop/product/index';
/** WeChat's scene of a card opened in a group chat. */
export const GROUP_SCENE = 1044;

type GroupData = NonNullable<Params<'share', 'open'>['groupData']>;

export interface ShareEntry {
  shareId: string;
  /** WeChat's entry scene; absent in H5 unless a group is simulated. */
  scene?: number;
  /** H5 development: the group (`gid=`) the link pretends to be opened in. */
  simulatedGroup?: string;
  /** The page the app was opened on (no leading slash) and its query. */
  path: string;
  query: Record<string, string>;
}

export interface EnterOptions {
  path?: string;
  query?: Record<string, string | undefined>;
  scene?: number;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const pagePath = (path: string) => path.replace(/^\/+/, '').split('?')[0] ?? '';

function definedQuery(query: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined) out[k] = v;
  return out;
}

/** weapp launch / show options: `share` in the page query, or a poster code's URL-encoded `scene`. */
export function entryFromOptions(options: EnterOptions): ShareEntry | null {
  const query = definedQuery(options.query ?? {});
  const shareId = (query.share ? decode(query.share) : query.scene ? decode(query.scene) : '').trim();
  if (!shareId) return null;
  return {
    shareId,
    ...(options.scene ? { scene: options.scene } : {}),
    path: pagePath(options.path ?? ''),
    query,
  };
}

/** H5: `share` (and `gid`) in the search part, or in the hash part's query (hash router). */
export function entryFromUrl(href: string): ShareEntry | null {
  const url = new URL(href);
  const hash = url.hash.replace(/^#/, '');
  const q = hash.indexOf('?');
  const hashPath = q >= 0 ? hash.slice(0, q) : hash;
  const query: Record<string, string> = {};
  for (const params of [url.searchParams, new URLSearchParams(q >= 0 ? hash.slice(q) : '')]) {
    params.forEach((value, key) => {
      query[key] = value;
    });
  }
  const shareId = (query.share ?? '').trim();
  if (!shareId) return null;
  const group = (query.gid ?? '').trim();
  return {
    shareId,
    ...(group ? { scene: GROUP_SCENE, simulatedGroup: group } : {}),
    path: pagePath(hashPath),
    query,
  };
}

/**
 * What the server's local group decoder reads (development): the group as base64 JSON with the
 * iv 'local'. A production server cannot read it; the click is then sent again without a group.
 */
export function simulatedGroupData(openGId: string): GroupData {
  const bytes = new TextEncoder().encode(JSON.stringify({ openGId }));
  let binary = '';
  bytes.forEach((b) => {
    binary += String.fromCharCode(b);
  });
  return { encryptedData: btoa(binary), iv: 'local' };
}

async function groupDataFor(entry: ShareEntry): Promise<GroupData | undefined> {
  if (entry.simulatedGroup) return simulatedGroupData(entry.simulatedGroup);
  if (!IS_WEAPP || entry.scene !== GROUP_SCENE) return undefined;
  try {
    const info = (await Taro.getGroupEnterInfo()) as unknown as Partial<GroupData>;
    return info.encryptedData && info.iv ? { encryptedData: info.encryptedData, iv: info.iv } : undefined;
  } catch {
    // An old base library or a refusal: the click still counts, without its group.
    return undefined;
  }
}

async function showProduct(productId: string) {
  const url = `/${PRODUCT_PAGE}?id=${encodeURIComponent(productId)}`;
  try {
    await Taro.navigateTo({ url });
  } catch {
    // The page stack is full: replace the page on top instead.
    await Taro.redirectTo({ url });
  }
}

/** Share ids already recorded in this app session. */
const opened = new Set<string>();

/** Records the click on a share (once per share and session) and shows the shared product. */
export async function openShare(entry: ShareEntry): Promise<ShareOpened | null> {
  if (opened.has(entry.shareId)) return null;
  opened.add(entry.shareId);
  let result: ShareOpened;
  try {
    await clientSession().signedIn();
    const groupData = await groupDataFor(entry);
    const open = (group?: GroupData) =>
      call('share', 'open', { shareId: entry.shareId, ...(entry.scene ? { scene: entry.scene } : {}), ...(group ? { groupData: group } : {}) });
    // Group data the server cannot read (a session key from an older sign-in): the click still counts.
    result = await open(groupData).catch((err: unknown) => {
      if (groupData && isApiError(err) && err.code === 'GROUP_DATA_INVALID') return open();
      throw err;
    });
  } catch (err) {
    // Without a network the next show tries again; a share the server refused is not asked again.
    if (isApiError(err) && err.code === 'NETWORK') opened.delete(entry.shareId);
    return null;
  }
  const alreadyThere = entry.path === PRODUCT_PAGE && entry.query.id === result.productId;
  if (result.kind === 'product' && result.productId && !alreadyThere) await showProduct(result.productId).catch(() => undefined);
  return result;
}

/**
 * The app came to the foreground (cold start, or back from a card tapped in a chat): opens the
 * share it was opened with, if any. weapp reads the show options; H5 reads its own URL.
 */
export function openShareFromEntry(options?: EnterOptions): Promise<ShareOpened | null> {
  let entry: ShareEntry | null = null;
  if (IS_H5) entry = typeof window === 'undefined' ? null : entryFromUrl(window.location.href);
  else if (options) entry = entryFromOptions(options);
  return entry ? openShare(entry) : Promise.resolve(null);
}

/** A share as WeChat's card (onShareAppMessage): its title, its path and its picture. */
export function shareMessage(share: ShareCreated) {
  const image = imageUrl(share.imageUrl);
  return { title: share.title, path: `/${share.path.replace(/^\/+/, '')}`, ...(image ? { imageUrl: image } : {}) };
}

/** The H5 link that opens a share: the hash router's path after the page's origin. */
export function h5ShareLink(path: string): string {
  return `${window.location.origin}/#${path.startsWith('/') ? path : `/${path}`}`;
}
