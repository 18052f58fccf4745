import { describe, expect, it } from 'vitest';
import type { Role } from '@cloud/contract';
import { firstTouchSource, type FirstTouchSource } from '@cloud/domain/first-touch';

describe('firstTouchSource', () => {
  it.each<[string, Role, number | null, string | null, FirstTouchSource]>([
    ["a member's card in a single chat", 'member', 1007, null, 'share'],
    ["a member's card without a scene (H5 link)", 'member', null, null, 'share'],
    ["a member's card in a group, the group decoded", 'member', 1044, 'g-1', 'group'],
    ["a member's card in a group chat (1008), the group decoded", 'member', 1008, 'g-1', 'group'],
    ['group data without a scene: the data decides', 'member', null, 'g-1', 'group'],
    ['a group scene without group data: no group known', 'member', 1044, null, 'share'],
    ['group data with a single-chat scene: the scene wins (data can be replayed)', 'member', 1007, 'g-1', 'share'],
    ['a poster code scanned', 'member', 1047, null, 'poster'],
    ['a poster code long-pressed in an image', 'member', 1048, null, 'poster'],
    ['a poster code picked from the album', 'member', 1049, null, 'poster'],
    ["a guide's card in a single chat", 'guide', 1007, null, 'guide'],
    ["a guide's card in a group", 'guide', 1044, 'g-1', 'guide'],
    ["a guide's poster", 'guide', 1047, null, 'guide'],
    ["an admin's card is a plain share", 'admin', 1007, null, 'share'],
    ["an admin's poster", 'admin', 1048, null, 'poster'],
  ])('%s', (_name, sharerRole, scene, groupId, expected) => {
    expect(firstTouchSource({ sharerRole, scene, groupId })).toBe(expected);
  });
});
