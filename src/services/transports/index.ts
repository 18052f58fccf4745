import { API_BASE, CLOUD_ENV } from '../config';
import { cloudTransport } from './cloud';
import { httpTransport } from './http';
import type { Transport } from './types';

export type { Transport, TransportReply } from './types';

let current: Transport | null = null;

/** wx.cloud in a weapp build with TARO_APP_CLOUD_ENV; HTTPS to the Node server otherwise. */
export function transport(): Transport {
  current ??= CLOUD_ENV ? cloudTransport() : httpTransport(API_BASE);
  return current;
}

/** Tests swap the transport. */
export function setTransport(next: Transport | null) {
  current = next;
}
