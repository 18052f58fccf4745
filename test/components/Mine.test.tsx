/**
 * 我的: blocks in place of the name and balance until the server answered, then the member's
 * figures; the points ledger a page at a time (usePaged), its failures said where 加载更多 is.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LedgerEntry, MemberProfile, TierCard } from '@cloud/contract';
import { MineScreen } from '@/pages/mine';
import { setTransport } from '@/services/transports';
import { useMemberStore } from '@/stores/member';
import { actionOf, fail, ok, scriptedTransport } from './fake-transport';

const profile: MemberProfile = {
  id: '7',
  nickname: '小林',
  avatarUrl: null,
  role: 'member',
  pointsBalance: 120,
  tier: { key: 'normal', name: '普通会员' },
  joinedOn: '2026-11-01',
  birthday: null,
  consent: null,
  consentVersionRequired: '2026-11-01',
  pendingReminders: 0,
  askProfile: false,
};
const tier: TierCard = { tier: { key: 'normal', name: '普通会员' }, growth: 0, windowMonths: 12, next: null, keep: null, tiers: [] };
const entry = (id: number): LedgerEntry => ({ id: String(id), source: 'checkin', delta: 10, balanceAfter: 10 * id, note: null, createdAt: '2026-11-23T08:05:00+08:00' });

beforeEach(() => useMemberStore.getState().reset());
afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

const rows = () => document.querySelectorAll('.ledger__row').length;
const more = () => document.querySelector<HTMLElement>('.ledger__more');

/** Answers every waiting call of `action` with `reply`. */
async function answerAll(t: ReturnType<typeof scriptedTransport>, action: string, reply: unknown) {
  for (let i = t.pending.length - 1; i >= 0; i--) if (actionOf(t.pending[i]!.call) === action) await t.answer(i, reply);
}

describe('我的', () => {
  it('shows blocks, not 微信用户 or a balance, until the profile and balance are in', async () => {
    const t = scriptedTransport();
    render(<MineScreen />);
    await waitFor(() => expect(t.pending.length).toBe(4));
    const header = document.querySelector('.profile')!;
    expect(header.getAttribute('aria-busy')).toBe('true');
    expect(header.textContent).not.toContain('微信用户');
    expect(document.querySelector('.profile__balance')).toBeNull();

    await answerAll(t, 'member.profile', ok(profile));
    await answerAll(t, 'member.tier', ok(tier));
    await answerAll(t, 'points.balance', ok({ balance: 120, expiring: null }));
    await waitFor(() => expect(document.querySelector('.profile__balance')?.textContent).toBe('120'));
    expect(document.querySelector('.profile__name')!.textContent).toBe('小林');
    // Nothing will expire: no expiry line anywhere.
    expect(document.body.textContent).not.toContain('过期');
  });

  it('the points that expire soonest show under the balance and on 积分明细', async () => {
    const t = scriptedTransport();
    render(<MineScreen />);
    await waitFor(() => expect(t.pending.length).toBe(4));
    await answerAll(t, 'member.profile', ok(profile));
    await answerAll(t, 'member.tier', ok(tier));
    await answerAll(t, 'points.ledger', ok({ items: [entry(1)], nextCursor: null }));
    await answerAll(t, 'points.balance', ok({ balance: 120, expiring: { points: 30, on: '2027-11-30' } }));
    await waitFor(() => expect(document.querySelector('.profile__expiring')?.textContent).toBe('30 积分将于 2027-11-30 过期'));
    expect(document.querySelector('.ledger__expiring')!.textContent).toBe('30 积分将于 2027-11-30 过期');
  });

  it('the ledger: a page at a time to the end; a failed page says why in place and is asked again', async () => {
    const t = scriptedTransport();
    render(<MineScreen />);
    await waitFor(() => expect(t.pending.length).toBe(4));
    await answerAll(t, 'points.ledger', ok({ items: [entry(3), entry(2)], nextCursor: 'c2' }));
    await waitFor(() => expect(rows()).toBe(2));

    await act(async () => {
      fireEvent.click(more()!);
    });
    await answerAll(t, 'points.ledger', fail(0, 'NETWORK', '网络连接失败，请检查网络后重试'));
    await waitFor(() => expect(more()?.textContent).toBe('网络连接失败，请检查网络后重试，点击重试'));
    expect(rows()).toBe(2);

    await act(async () => {
      fireEvent.click(more()!);
    });
    const next = t.pending.find((p) => actionOf(p.call) === 'points.ledger')!;
    expect(next.call.payload).toEqual({ action: 'ledger', limit: 20, cursor: 'c2' });
    await answerAll(t, 'points.ledger', ok({ items: [entry(1)], nextCursor: null }));
    await waitFor(() => expect(rows()).toBe(3));
    expect(more()).toBeNull();
    expect(document.querySelector('.ledger__end')!.textContent).toBe('没有更多了');
  });

  it('社群积分: a block until points.balance answers, then the balance, leading to the mall\'s 社群积分 section', async () => {
    const navigateTo = vi.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never);
    const t = scriptedTransport();
    render(<MineScreen />);
    await waitFor(() => expect(t.pending.length).toBe(4));
    const row = () => document.querySelector('.mine-page__item--group-points')!;
    expect(row().querySelector('.skeleton')).not.toBeNull();
    expect(document.querySelector('.mine-page__group-points')).toBeNull();
    await answerAll(t, 'member.profile', ok(profile));
    await answerAll(t, 'member.tier', ok(tier));
    await answerAll(t, 'points.balance', ok({ balance: 120, expiring: null, groupPoints: 360 }));
    await waitFor(() => expect(document.querySelector('.mine-page__group-points')?.textContent).toBe('360'));
    expect(row().textContent).toBe('社群积分360 · 去兑换 ›');
    expect(row().querySelector('.skeleton')).toBeNull();
    await act(async () => {
      fireEvent.click(row());
    });
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/mall/index?section=group' });
  });
});
