/**
 * 我的群 (guide subpackage): the groups my cards were opened in, a page at a time; naming or
 * renaming one asks guide.nameGroup and shows the name the server kept; refusals show in the
 * dialog.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { GroupSeen, GuideGroups } from '@cloud/contract';
import { GuideGroupsScreen } from '@/packages/guide/groups';
import { setTransport } from '@/services/transports';
import { actionOf, fail, fakeTransport, scriptedTransport } from './fake-transport';

afterEach(() => {
  cleanup();
  setTransport(null);
});

const group = (groupId: string, over: Partial<GroupSeen> = {}): GroupSeen => ({
  groupId,
  name: null,
  firstSeenOn: '2026-11-20',
  membersSeen: 4,
  lastActiveOn: '2026-11-23',
  ...over,
});

const first: GuideGroups = {
  items: [group('tGx8Zq0aBcDeFgHiJk12'), group('g-moms', { name: '森屿宝妈群', firstSeenOn: '2026-11-18', membersSeen: 37 })],
  nextCursor: '2026-11-18~g-moms',
};
const second: GuideGroups = { items: [group('g-old', { firstSeenOn: '2026-11-02', membersSeen: 1, lastActiveOn: '2026-11-02' })], nextCursor: null };

const rows = () => [...document.querySelectorAll<HTMLElement>('.guide-groups__row[data-group-id]')];
const row = (id: string) => document.querySelector<HTMLElement>(`.guide-groups__row[data-group-id="${id}"]`)!;
const nameOf = (id: string) => row(id).querySelector('.guide-groups__name')!.textContent;
const input = () => document.querySelector<HTMLInputElement>('.guide-groups__input input, input.guide-groups__input')!;
const confirm = () => document.querySelector<HTMLElement>('.dialog__button--confirm')!;

describe('我的群', () => {
  it('shows blocks until the groups are in, then each with its name (or the end of its id) and what was seen there', async () => {
    const t = scriptedTransport();
    render(<GuideGroupsScreen />);
    await waitFor(() => expect(t.pending).toHaveLength(1));
    expect(document.querySelectorAll('.guide-groups .skeleton').length).toBeGreaterThan(0);
    expect(document.body.textContent).not.toMatch(/\d+ 人/);
    await t.answer(0, first);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(nameOf('tGx8Zq0aBcDeFgHiJk12')).toBe('群 …HiJk12');
    expect(nameOf('g-moms')).toBe('森屿宝妈群');
    expect(row('g-moms').querySelector('.guide-groups__facts')!.textContent).toBe('11月18日首次出现 · 见过 37 人 · 最近活跃 11月23日');
    expect(row('tGx8Zq0aBcDeFgHiJk12').querySelector('.guide-groups__edit')!.textContent).toBe('命名');
    expect(row('g-moms').querySelector('.guide-groups__edit')!.textContent).toBe('改名');

    await act(async () => {
      fireEvent.click(document.querySelector('.guide-groups__more')!);
    });
    await waitFor(() => expect(t.pending).toHaveLength(1));
    expect(t.calls.map((c) => c.payload)).toEqual([{ action: 'groups' }, { action: 'groups', cursor: '2026-11-18~g-moms' }]);
    await t.answer(0, second);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(document.querySelector('.guide-groups__end')!.textContent).toBe('没有更多了');
  });

  it('names a group: the name the server kept replaces the id in the list', async () => {
    const calls = fakeTransport((c) => {
      if (actionOf(c) === 'guide.groups') return first;
      if (actionOf(c) === 'guide.nameGroup') return group(String(c.payload.groupId), { name: String(c.payload.name) });
      throw new Error(`unexpected ${actionOf(c)}`);
    });
    render(<GuideGroupsScreen />);
    await waitFor(() => expect(rows()).toHaveLength(2));
    fireEvent.click(row('tGx8Zq0aBcDeFgHiJk12').querySelector('.guide-groups__edit')!);
    expect(document.querySelector('.dialog__title')!.textContent).toBe('给群起个名字');
    expect(document.querySelector('.guide-groups__dialog-sub')!.textContent).toBe('群 …HiJk12');

    // Nothing typed: said in the dialog, nothing sent.
    fireEvent.input(input(), { target: { value: '   ' } });
    await act(async () => {
      fireEvent.click(confirm());
    });
    expect(document.querySelector('.dialog__error')!.textContent).toBe('请输入群名称');

    fireEvent.input(input(), { target: { value: '  周末跑步群 ' } });
    await act(async () => {
      fireEvent.click(confirm());
    });
    await waitFor(() => expect(document.querySelector('.dialog')).toBeNull());
    expect(calls.filter((c) => actionOf(c) === 'guide.nameGroup').map((c) => c.payload)).toEqual([
      { action: 'nameGroup', groupId: 'tGx8Zq0aBcDeFgHiJk12', name: '周末跑步群' },
    ]);
    expect(nameOf('tGx8Zq0aBcDeFgHiJk12')).toBe('周末跑步群');
    expect(row('tGx8Zq0aBcDeFgHiJk12').querySelector('.guide-groups__edit')!.textContent).toBe('改名');
  });

  it('renaming starts from the current name; a refusal stays in the dialog and changes nothing', async () => {
    fakeTransport((c) =>
      actionOf(c) === 'guide.groups' ? first : fail(403, 'FORBIDDEN', '只能给打开过你分享卡片的群命名'),
    );
    render(<GuideGroupsScreen />);
    await waitFor(() => expect(rows()).toHaveLength(2));
    fireEvent.click(row('g-moms').querySelector('.guide-groups__edit')!);
    expect(document.querySelector('.dialog__title')!.textContent).toBe('修改群名称');
    expect(input().value).toBe('森屿宝妈群');
    fireEvent.input(input(), { target: { value: '宝妈交流群' } });
    await act(async () => {
      fireEvent.click(confirm());
    });
    await waitFor(() => expect(document.querySelector('.dialog__error')!.textContent).toBe('只能给打开过你分享卡片的群命名'));
    expect(nameOf('g-moms')).toBe('森屿宝妈群');
  });

  it('says so when no group has opened my cards yet', async () => {
    fakeTransport(() => ({ items: [], nextCursor: null }));
    render(<GuideGroupsScreen />);
    await waitFor(() => expect(document.querySelector('.guide-groups__empty')!.textContent).toContain('还没有群打开过你分享的卡片'));
  });
});
