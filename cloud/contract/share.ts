/** `share`: product cards and invites shared into groups, their clicks, poster codes. */
import { z } from 'zod';
import type { CouponView } from './coupon';
import { groupData, id, returns, scene, shareId } from './primitives';

export interface ShareCreated {
  shareId: string;
  kind: 'product' | 'invite';
  /** The mini-program path with the share id, for onShareAppMessage. */
  path: string;
  title: string;
  imageUrl: string | null;
}

export interface ShareOpened {
  shareId: string;
  kind: 'product' | 'invite';
  productId: string | null;
  sharer: { nickname: string | null; isGuide: boolean };
  /** The group the card was opened in, when known. */
  groupId: string | null;
  /** Set when this open made me the friend of an invite: my welcome coupon, if the brand gives one. */
  welcome: { coupon: CouponView | null } | null;
}

export interface ShareCode {
  shareId: string;
  /** What the code carries: the share id (the scene of wxacode.getUnlimited). */
  scene: string;
  /** A PNG as a data URL, drawn into the poster. */
  imageDataUrl: string;
  /** wxacode: a mini-program code; qr: a QR code of the H5 link (local development). */
  kind: 'wxacode' | 'qr';
}

export const share = {
  /** A product card (productId) or an invite (no productId). */
  create: { params: z.object({ productId: id.optional() }).strict(), result: returns<ShareCreated>() },
  /** A click: who opened which share, from which scene and, in a group, which group. */
  open: {
    params: z.object({ shareId, scene: scene.optional(), groupData: groupData.optional() }).strict(),
    result: returns<ShareOpened>(),
  },
  /** The poster's code: wxacode.getUnlimited in production, a QR code of the H5 link locally. */
  code: { params: z.object({ shareId }).strict(), result: returns<ShareCode>() },
} as const;
