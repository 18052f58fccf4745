import type { Envelope } from '@cloud/contract';
import { ApiError } from '../errors';
import type { Transport } from './types';

interface WxCloud {
  init(options: { env: string; traceUser?: boolean }): void;
  callFunction(options: { name: string; data: Record<string, unknown> }): Promise<{ result: unknown }>;
}

declare const wx: { cloud?: WxCloud };

function cloudApi(): WxCloud {
  if (typeof wx === 'undefined' || !wx.cloud) throw new ApiError('NETWORK', '当前微信版本不支持云开发，请升级微信');
  return wx.cloud;
}

/** Called once at app start in a weapp build with a cloud environment. */
export function initCloud(env: string) {
  cloudApi().init({ env, traceUser: true });
}

/** wx.cloud.callFunction: identity comes from WeChat's context, so no session token. */
export function cloudTransport(): Transport {
  return {
    kind: 'cloud',
    needsSession: false,
    async callFunction(name, payload) {
      let result: unknown;
      try {
        ({ result } = await cloudApi().callFunction({ name, data: payload }));
      } catch {
        throw new ApiError('NETWORK');
      }
      if (typeof result !== 'object' || result === null || typeof (result as { ok?: unknown }).ok !== 'boolean') {
        throw new ApiError('BAD_RESPONSE');
      }
      return { status: 200, body: result as Envelope<unknown> };
    },
  };
}
