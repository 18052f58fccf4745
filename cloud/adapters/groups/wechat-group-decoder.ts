/**
 * WeChat's group data (wx.getGroupEnterInfo) read on the server: AES-128-CBC with the member's
 * session key (from their last code2Session) as key, the given iv, PKCS#7 padding; the plain
 * text is JSON with openGId and a watermark naming the app it was made for.
 * https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html
 */
import { createDecipheriv } from 'node:crypto';
import { sessionKeyOf } from '../wechat/session-keys';
import type { GroupDecoder } from './group-decoder';

const AES_BYTES = 16;

export function wechatGroupDecoder(options: { appid: string }): GroupDecoder {
  return {
    async openGId(db, openid, data) {
      const sessionKey = await sessionKeyOf(db, openid);
      if (!sessionKey) return null;
      const key = Buffer.from(sessionKey, 'base64');
      const iv = Buffer.from(data.iv, 'base64');
      if (key.length !== AES_BYTES || iv.length !== AES_BYTES) return null;
      let plain: { openGId?: unknown; watermark?: { appid?: unknown } };
      try {
        const decipher = createDecipheriv('aes-128-cbc', key, iv);
        const text = Buffer.concat([decipher.update(Buffer.from(data.encryptedData, 'base64')), decipher.final()]).toString('utf8');
        plain = JSON.parse(text) as typeof plain;
      } catch {
        // Bad padding or no JSON: forged data, or data encrypted with an older session key.
        return null;
      }
      // Data made for another app (its own session key) must not count in this brand's groups.
      if (plain.watermark?.appid !== options.appid) return null;
      return typeof plain.openGId === 'string' && plain.openGId.length > 0 && plain.openGId.length <= 128 ? plain.openGId : null;
    },
  };
}
