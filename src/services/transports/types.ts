import type { Envelope } from '@cloud/contract';

/** What a transport brings back: the HTTP status (200 for wx.cloud) and the envelope. */
export interface TransportReply {
  status: number;
  body: Envelope<unknown>;
}

export interface Transport {
  readonly kind: 'http' | 'cloud';
  /** Whether the caller needs a session token (wx.cloud carries identity itself). */
  readonly needsSession: boolean;
  callFunction(name: string, payload: Record<string, unknown>, token: string | null): Promise<TransportReply>;
}
