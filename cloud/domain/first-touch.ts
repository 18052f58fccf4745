/**
 * First touch (用户来源): where a member came from, decided by the share they opened in their first
 * session. Members who never came through a share keep no source; the read model calls them
 * 'direct'.
 */
import type { Role } from '../contract';

export type FirstTouchSource = 'share' | 'guide' | 'group' | 'poster';

/** A click counts as first touch only this soon after the member was created (their first session). */
export const FIRST_SESSION_MINUTES = 30;

/** WeChat entry scenes of a mini-program code: scanned (1047), long-pressed in an image (1048), picked from the album (1049). */
export const POSTER_SCENES: readonly number[] = [1047, 1048, 1049];

/** WeChat entry scenes of a card in a group chat: 1008, and 1044 (a card with a shareTicket). */
export const GROUP_SCENES: readonly number[] = [1008, 1044];

export interface FirstTouchClick {
  /** The role of the member who made the share. */
  sharerRole: Role;
  /** WeChat's entry scene, when the client sent one. */
  scene: number | null;
  /** The group decoded from this click's group data, if any. */
  groupId: string | null;
}

/**
 * The source a share click gives. A guide's card is the guide's work wherever it was opened (the
 * guide is who the brand manages the member through), so it comes first; a poster is scanned,
 * never opened in a group. A group needs both a group scene and the decoded group: group data can
 * be replayed from another open, so a scene that says otherwise wins (no scene: the data decides).
 */
export function firstTouchSource(click: FirstTouchClick): FirstTouchSource {
  if (click.sharerRole === 'guide') return 'guide';
  if (click.scene !== null && POSTER_SCENES.includes(click.scene)) return 'poster';
  if (click.groupId !== null && (click.scene === null || GROUP_SCENES.includes(click.scene))) return 'group';
  return 'share';
}
