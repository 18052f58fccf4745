/**
 * 会员 (admin subpackage): blocks until the first page, then members newest first with role,
 * tier, layer, churn warning and a year's spending; a search and the layer / tag / segment
 * filters ask again with them (× clears one); 加载更多 sends the cursor; nothing found offers
 * 清除条件; a row opens the member.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AdminMembersScreen } from '@/packages/admin/members';
import { setTransport } from '@/services/transports';
import { listItem, segment, tags } from './admin-fixtures';
import { actionOf, fakeTransport, scriptedTransport, type RecordedCall } from './fake-transport';
import { stubIntersectionObserver } from './shop-fixtures';

beforeAll(stubIntersectionObserver);
afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

const rows = () => [...document.querySelectorAll<HTMLElement>('.admin-member-row')];
const text = (selector: string) => document.querySelector(selector)?.textContent;
const tap = async (el: Element) => {
  await act(async () => {
    fireEvent.click(el);
  });
};
const memberCalls = (calls: RecordedCall[]) => calls.filter((c) => actionOf(c) === 'admin.members').map((c) => ({ ...c.payload, action: undefined }));

describe('会员', () => {
  it('lists members with role, tier, layer, churn and spending; blocks first; 加载更多 sends the cursor; a row opens the member', async () => {
    const navigateTo = vi.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never);
    const t = scriptedTransport();
    render(<AdminMembersScreen />);
    await waitFor(() => expect(t.pending).toHaveLength(1));
    expect(t.calls[0]!.payload).toEqual({ action: 'members' });
    expect(document.querySelectorAll('.admin-members .skeleton').length).toBeGreaterThan(0);
    await t.answer(0, {
      items: [
        listItem(),
        listItem({ id: '20', nickname: '王姐', role: 'guide', layer: null, lastActiveOn: null, gmv365Fen: null }),
        listItem({ id: '19', nickname: '小周', tier: 'normal', layer: { key: 'at_risk', name: '流失预警' }, churnRisk: true }),
      ],
      nextCursor: '19',
    });
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows()[0]!.textContent).toBe('小小林银卡会员ID 21 · 高价值 · 最近活跃 11月23日¥506');
    expect(rows()[1]!.querySelector('.admin-member-row__badge')!.textContent).toBe('导购');
    expect(rows()[1]!.querySelector('.admin-member-row__tier')).toBeNull();
    expect(rows()[1]!.querySelector('.admin-member-row__gmv')!.textContent).toBe('—');
    expect(rows()[2]!.querySelector('.admin-member-row__churn')!.textContent).toBe('流失预警');

    fireEvent.click(document.querySelector('.admin-list__more')!);
    await waitFor(() => expect(t.pending).toHaveLength(1));
    expect(t.calls[1]!.payload).toEqual({ action: 'members', cursor: '19' });
    await t.answer(0, { items: [listItem({ id: '18', nickname: '阿花' })], nextCursor: null });
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(text('.admin-list__end')).toBe('没有更多了');

    fireEvent.click(rows()[3]!);
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/member/index?id=18' });
  });

  it('searches, filters by layer, tag and segment, and clears a filter with ×', async () => {
    const calls = fakeTransport((c) => {
      const a = actionOf(c);
      if (a === 'admin.tags') return tags;
      if (a === 'admin.segments') return [segment()];
      return { items: [listItem()], nextCursor: null };
    });
    render(<AdminMembersScreen />);
    await waitFor(() => expect(rows()).toHaveLength(1));

    const input = document.querySelector<HTMLInputElement>('.admin-members__input input, input.admin-members__input')!;
    fireEvent.input(input, { target: { value: ' 林 ' } });
    await tap(document.querySelector('.admin-members__go')!);
    await waitFor(() => expect(memberCalls(calls)).toHaveLength(2));
    expect(memberCalls(calls)[1]).toMatchObject({ query: '林' });

    await tap(document.querySelector('.admin-members__chip--layer')!);
    expect([...document.querySelectorAll('.option-sheet__name')].map((o) => o.textContent)).toEqual(['新客', '高价值', '潜力', '沉睡', '流失预警', '一般']);
    await tap(document.querySelector('.option-sheet__option[data-value="at_risk"]')!);
    await waitFor(() => expect(memberCalls(calls).at(-1)).toMatchObject({ query: '林', layer: 'at_risk' }));
    expect(text('.admin-members__chip--layer')).toBe('流失预警×');

    await tap(document.querySelector('.admin-members__chip--tag')!);
    await waitFor(() => expect(document.querySelector('.option-sheet__option[data-value="rule:checkin-star"]')).not.toBeNull());
    expect([...document.querySelectorAll('.option-sheet__group')].map((g) => g.textContent)).toEqual(['基础', '行为', '偏好']);
    await tap(document.querySelector('.option-sheet__option[data-value="rule:checkin-star"]')!);
    await waitFor(() => expect(memberCalls(calls).at(-1)).toMatchObject({ query: '林', layer: 'at_risk', tag: 'rule:checkin-star' }));
    expect(text('.admin-members__chip--tag')).toBe('签到达人×');

    await tap(document.querySelector('.admin-members__chip--segment')!);
    await waitFor(() => expect(document.querySelector('.option-sheet__option[data-value="5"]')).not.toBeNull());
    await tap(document.querySelector('.option-sheet__option[data-value="5"]')!);
    await waitFor(() => expect(memberCalls(calls).at(-1)).toMatchObject({ segmentId: '5', tag: 'rule:checkin-star' }));
    expect(text('.admin-members__chip--segment')).toBe('签到达人×');

    await tap(document.querySelector('.admin-members__chip--layer .admin-members__chip-clear')!);
    await waitFor(() => expect(memberCalls(calls).at(-1)).toEqual({ action: undefined, query: '林', tag: 'rule:checkin-star', segmentId: '5' }));
    expect(text('.admin-members__chip--layer')).toBe('分层▾');
  });

  it('nothing found: says so and 清除条件 asks for everyone again; a layer given by the workbench is used from the start', async () => {
    const calls = fakeTransport((c) => (c.payload.layer ? { items: [], nextCursor: null } : { items: [listItem()], nextCursor: null }));
    render(<AdminMembersScreen initial={{ layer: 'dormant' }} />);
    await waitFor(() => expect(text('.empty-state__text')).toBe('没有找到符合条件的会员'));
    expect(memberCalls(calls)[0]).toMatchObject({ layer: 'dormant' });
    expect(text('.admin-members__chip--layer')).toBe('沉睡×');
    await tap(document.querySelector('.empty-state__action')!);
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(memberCalls(calls).at(-1)).toEqual({ action: undefined });
  });

  it('a first page that fails says why, and a tap asks again', async () => {
    let refuse = true;
    fakeTransport(() => {
      if (refuse) throw new Error('offline');
      return { items: [listItem()], nextCursor: null };
    });
    render(<AdminMembersScreen />);
    await waitFor(() => expect(text('.admin-list__msg')).toContain('点击重试'));
    refuse = false;
    await tap(document.querySelector('.admin-list__msg')!);
    await waitFor(() => expect(rows()).toHaveLength(1));
  });
});
