/**
 * 邀请好友: my summary and the reward rule (a friend's first check-in or order, never the share),
 * the invite share (share.create {}) behind the share card and, in H5, the link to copy; my
 * friends; the monthly leaderboard with my rank, going back month by month.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Leaderboard, ReferralSummary, ShareCreated } from '@cloud/contract';
import { InviteScreen } from '@/packages/invite';
import { setTransport } from '@/services/transports';
import { actionOf, fail, fakeTransport } from './fake-transport';

type ShareHook = () => { title?: string; path?: string; promise?: Promise<{ title?: string; path?: string }> };
const shareHook = vi.hoisted(() => ({ current: null as null | (() => unknown) }));

vi.mock('@tarojs/taro', async (importOriginal) => {
  const mod = await importOriginal<typeof import('@tarojs/taro')>();
  return {
    ...mod,
    useShareAppMessage: (fn: () => unknown) => {
      shareHook.current = fn;
    },
  };
});

afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
  shareHook.current = null;
});

const summary: ReferralSummary = {
  invited: 4,
  rewarded: 2,
  rewardOn: 'first_checkin',
  inviterPoints: 100,
  title: null,
  nextTitle: { name: '推荐达人', count: 3, needed: 1 },
  friends: [
    { nickname: '小林', joinedAt: '2026-11-21T10:00:00+08:00', rewarded: true },
    { nickname: null, joinedAt: '2026-11-22T18:30:00+08:00', rewarded: false },
  ],
};

const invite: ShareCreated = { shareId: 'Inv1te99', kind: 'invite', path: '/pages/home/index?share=Inv1te99', title: '王姐邀请你加入会员', imageUrl: null };

const boards: Record<string, Leaderboard> = {
  '2026-11': {
    month: '2026-11',
    items: [
      { rank: 1, nickname: '阿珍', avatarUrl: null, count: 9, title: '金牌推荐官' },
      { rank: 2, nickname: '王姐', avatarUrl: null, count: 4, title: null },
    ],
    me: { rank: 2, count: 4 },
  },
  '2026-10': { month: '2026-10', items: [{ rank: 1, nickname: '小周', avatarUrl: null, count: 3, title: null }], me: { rank: null, count: 0 } },
};

function serve(over: { summary?: ReferralSummary; create?: () => unknown } = {}) {
  return fakeTransport((c) => {
    switch (actionOf(c)) {
      case 'referral.mine':
        return over.summary ?? summary;
      case 'share.create':
        return over.create ? over.create() : invite;
      case 'referral.leaderboard':
        return boards[(c.payload.month as string | undefined) ?? '2026-11'];
      default:
        throw new Error(`unexpected ${actionOf(c)}`);
    }
  });
}

const text = (selector: string) => document.querySelector(selector)?.textContent;
const boardNames = () => [...document.querySelectorAll('.leaderboard__name')].map((n) => n.textContent);

describe('邀请好友', () => {
  it('shows my invites, the reward rule, my title and what the next one needs', async () => {
    serve();
    render(<InviteScreen />);
    await waitFor(() => expect(document.querySelector('.invite-page__summary')).toBeTruthy());
    expect(text('[data-count="invited"]')).toBe('4已邀请');
    expect(text('[data-count="rewarded"]')).toBe('2已得奖励');
    expect(text('.invite-page__rule')).toBe('好友通过你的邀请加入并首次签到后，你得 100 积分');
    expect(text('.invite-page__title')).toBe('我的称号：暂无，再有 1 位好友首次签到即可获得「推荐达人」');
    expect(text('.invite-page__note')).toBe('奖励在好友首次签到后发放；按微信平台规则，分享本身不送任何奖励。');
    const friends = [...document.querySelectorAll('.invite-page__friend')].map((f) => f.textContent);
    expect(friends).toEqual(['小林2026-11-21 加入已奖励', '微信用户2026-11-22 加入待首次签到']);
  });

  it('with orders as the trigger and the top title reached, says so', async () => {
    serve({ summary: { ...summary, rewardOn: 'first_order', inviterPoints: 300, title: '金牌推荐官', nextTitle: null, friends: [] } });
    render(<InviteScreen />);
    await waitFor(() => expect(document.querySelector('.invite-page__summary')).toBeTruthy());
    expect(text('.invite-page__rule')).toBe('好友通过你的邀请加入并首次下单后，你得 300 积分');
    expect(text('.invite-page__title')).toBe('我的称号：金牌推荐官，已是最高称号');
    expect(text('.invite-page__note')).toContain('奖励在好友首次下单后发放');
    expect(text('.empty-state__text')).toBe('还没有好友通过你的邀请加入');
  });

  it('creates the invite share without a product; the share card and the copied H5 link carry it, never printed', async () => {
    const calls = serve();
    const copy = vi.spyOn(Taro, 'setClipboardData').mockResolvedValue(undefined as never);
    render(<InviteScreen />);
    await waitFor(() => expect(document.querySelector('.invite-page__copy')).toBeTruthy());
    expect(calls.filter((c) => actionOf(c) === 'share.create').map((c) => c.payload)).toEqual([{ action: 'create' }]);
    const link = `${window.location.origin}${window.location.pathname}#/pages/home/index?share=Inv1te99`;
    expect(document.body.textContent).not.toContain(window.location.origin);
    expect(document.body.textContent).not.toContain('share=');

    expect((shareHook.current as ShareHook)()).toEqual({ title: '王姐邀请你加入会员', path: '/pages/home/index?share=Inv1te99' });

    fireEvent.click(document.querySelector('.invite-page__copy')!);
    await waitFor(() => expect(copy).toHaveBeenCalledWith({ data: link }));
    // 邀请好友 in a browser without a share sheet copies the same link; no second share is made.
    fireEvent.click(document.querySelector('.invite-page__invite')!);
    await waitFor(() => expect(copy).toHaveBeenCalledTimes(2));
    expect(copy.mock.calls[1]![0]).toEqual({ data: link });
    expect(calls.filter((c) => actionOf(c) === 'share.create')).toHaveLength(1);
  });

  it('a share card asked for before the share exists waits for it', async () => {
    let release: (s: ShareCreated) => void = () => undefined;
    serve({ create: () => new Promise<ShareCreated>((resolve) => (release = resolve)) });
    render(<InviteScreen />);
    await waitFor(() => expect(shareHook.current).toBeTruthy());
    const answer = (shareHook.current as ShareHook)();
    expect(answer.path).toBeUndefined();
    release(invite);
    await expect(answer.promise).resolves.toEqual({ title: '王姐邀请你加入会员', path: '/pages/home/index?share=Inv1te99' });
  });

  it('when making the share fails, says so and tries again on a tap', async () => {
    let refuse = true;
    const calls = serve({ create: () => (refuse ? fail(0, 'NETWORK', '网络连接失败，请检查网络后重试') : invite) });
    render(<InviteScreen />);
    await waitFor(() => expect(text('.invite-page__error')).toBe('网络连接失败，请检查网络后重试，点击重试'));
    expect(document.querySelector('.invite-page__copy')).toBeNull();
    refuse = false;
    await act(async () => {
      fireEvent.click(document.querySelector('.invite-page__error')!);
    });
    await waitFor(() => expect(document.querySelector('.invite-page__copy')).toBeTruthy());
    expect(calls.filter((c) => actionOf(c) === 'share.create')).toHaveLength(2);
  });

  it('shows this month’s leaderboard with my rank, and goes back to earlier months, never past this one', async () => {
    const calls = serve();
    render(<InviteScreen />);
    await waitFor(() => expect(boardNames()).toEqual(['阿珍', '王姐']));
    expect(text('.invite-page__month')).toBe('2026年11月');
    expect(text('.leaderboard__row[data-rank="1"] .leaderboard__title')).toBe('金牌推荐官');
    expect(text('.leaderboard__row[data-rank="1"] .leaderboard__count')).toBe('邀请 9 人');
    expect(text('.leaderboard__me')).toBe('我的排名：第 2 名，邀请 4 人');

    await act(async () => {
      fireEvent.click(document.querySelector('.invite-page__month-next')!);
    });
    await act(async () => {
      fireEvent.click(document.querySelector('.invite-page__month-prev')!);
    });
    await waitFor(() => expect(boardNames()).toEqual(['小周']));
    expect(text('.invite-page__month')).toBe('2026年10月');
    expect(text('.leaderboard__me')).toBe('我本月邀请 0 人，暂未上榜');

    await act(async () => {
      fireEvent.click(document.querySelector('.invite-page__month-next')!);
    });
    await waitFor(() => expect(boardNames()).toEqual(['阿珍', '王姐']));
    const asked = calls.filter((c) => actionOf(c) === 'referral.leaderboard').map((c) => c.payload.month ?? null);
    expect(asked).toEqual([null, '2026-10', null]);
  });
});
