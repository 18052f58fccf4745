/**
 * Which WeChat group a card was opened in. wx.getGroupEnterInfo gives encrypted data; only the
 * server can read the group's openGId from it. The port, and the local implementation used in
 * development and tests, where the app sends the group as base64 JSON with the iv 'local'.
 */
import { GROUP_ID_PATTERN } from '../../contract/primitives';
import type { Queryable } from '../../db/port';

export interface GroupData {
  encryptedData: string;
  iv: string;
}

export interface GroupDecoder {
  /**
   * The group's openGId, or null when the data cannot be read (forged, stale session). `db` is
   * where an adapter keeps what it needs to read it (WeChat's: the member's session key).
   */
  openGId(db: Queryable, openid: string, data: GroupData): Promise<string | null>;
}

export const LOCAL_GROUP_IV = 'local';

/** What the local decoder reads: the dev app (or a test) says which group it is in. */
export function localGroupData(openGId: string): GroupData {
  return { encryptedData: Buffer.from(JSON.stringify({ openGId })).toString('base64'), iv: LOCAL_GROUP_IV };
}

/** A production host without WeChat credentials: no group data can be trusted, so none is read. */
export function noGroupDecoder(): GroupDecoder {
  return { openGId: async () => null };
}

export function localGroupDecoder(): GroupDecoder {
  return {
    async openGId(_db, _openid, data) {
      if (data.iv !== LOCAL_GROUP_IV) return null;
      try {
        const parsed = JSON.parse(Buffer.from(data.encryptedData, 'base64').toString('utf8')) as { openGId?: unknown };
        return typeof parsed.openGId === 'string' && GROUP_ID_PATTERN.test(parsed.openGId) ? parsed.openGId : null;
      } catch {
        return null;
      }
    },
  };
}

