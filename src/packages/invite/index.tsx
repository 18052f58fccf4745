import { Button, Text, View } from '@tarojs/components';
import Taro, { useShareAppMessage } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReferralSummary, ShareCreated } from '@cloud/contract';
import EmptyState from '@/components/EmptyState';
import LeaderboardList from '@/components/LeaderboardList';
import SessionGate from '@/components/SessionGate';
import { useCall } from '@/hooks/use-call';
import { call, showError } from '@/services/api';
import { IS_H5, IS_WEAPP } from '@/services/config';
import { messageOf } from '@/services/errors';
import { imageUrl } from '@/services/image-url';
import { useSessionStore } from '@/stores/session';
import { formatMonth, memberName, shiftMonth } from '@/utils/format';
import './index.css';

/** How many months back the leaderboard goes (this month included). */
const LEADERBOARD_MONTHS = 12;

const REWARD_TRIGGERS: Record<ReferralSummary['rewardOn'], string> = {
  first_checkin: '首次签到',
  first_order: '首次下单',
};

/** The H5 link of a share: the app's page with the share id, in the hash router. */
export function inviteLink(path: string, location: Pick<Location, 'origin' | 'pathname'> = window.location): string {
  return `${location.origin}${location.pathname}#/${path.replace(/^\/+/, '')}`;
}

function shareMessage(share: ShareCreated) {
  const image = imageUrl(share.imageUrl);
  return { title: share.title, path: `/${share.path.replace(/^\/+/, '')}`, ...(image ? { imageUrl: image } : {}) };
}

function SummaryCard({ summary }: { summary: ReferralSummary }) {
  const trigger = REWARD_TRIGGERS[summary.rewardOn];
  return (
    <View className='invite-page__summary'>
      <View className='invite-page__counts'>
        <View className='invite-page__count' data-count='invited'>
          <Text className='invite-page__count-num'>{summary.invited}</Text>
          <Text className='invite-page__count-label'>已邀请</Text>
        </View>
        <View className='invite-page__count' data-count='rewarded'>
          <Text className='invite-page__count-num'>{summary.rewarded}</Text>
          <Text className='invite-page__count-label'>已得奖励</Text>
        </View>
      </View>
      <View className='invite-page__rule'>
        好友通过你的邀请加入并{trigger}后，你得 {summary.inviterPoints} 积分
      </View>
      <View className='invite-page__title'>
        我的称号：{summary.title ?? '暂无'}
        {summary.nextTitle
          ? `，再有 ${summary.nextTitle.needed} 位好友${trigger}即可获得「${summary.nextTitle.name}」`
          : summary.title
            ? '，已是最高称号'
            : ''}
      </View>
    </View>
  );
}

export function InviteScreen() {
  const generation = useSessionStore((s) => s.generation);
  const { data: summary, error: summaryError, reload: reloadSummary } = useCall(() => call('referral', 'mine', {}), []);
  const [share, setShare] = useState<ShareCreated | null>(null);
  const [shareError, setShareError] = useState<string | null>(null);
  const pendingShare = useRef<Promise<ShareCreated> | null>(null);
  /** The month asked for; null is the server's current month. */
  const [asked, setAsked] = useState<string | null>(null);
  const { data: board, error: boardError, reload: reloadBoard } = useCall(
    () => call('referral', 'leaderboard', asked ? { month: asked } : {}),
    [asked],
  );
  /** The server's current month: the leaderboard goes back from it, never forward. */
  const [thisMonth, setThisMonth] = useState<string | null>(null);
  const month = board?.month ?? asked ?? thisMonth;

  useEffect(() => {
    if (board && asked === null) setThisMonth(board.month);
  }, [board, asked]);

  /** The invite share: made once per visit, and again after a failure. */
  const ensureShare = useCallback(() => {
    pendingShare.current ??= call('share', 'create', {}).then(
      (created) => {
        setShare(created);
        setShareError(null);
        return created;
      },
      (err: unknown) => {
        pendingShare.current = null;
        setShareError(messageOf(err));
        throw err;
      },
    );
    return pendingShare.current;
  }, []);

  useEffect(() => {
    pendingShare.current = null;
    setShare(null);
    void ensureShare().catch(() => undefined);
  }, [generation, ensureShare]);

  // The card a friend receives: made before the tap, or within WeChat's 3 s wait for the promise.
  useShareAppMessage(() => {
    if (share) return shareMessage(share);
    return { promise: ensureShare().then(shareMessage) };
  });

  const copyLink = async (link: string) => {
    try {
      await Taro.setClipboardData({ data: link });
    } catch {
      void Taro.showToast({ title: '复制失败，请点「邀请好友」分享', icon: 'none' });
    }
  };

  /** H5 has no share sheet of WeChat's: the system one where there is one, else the link is copied. */
  const inviteOnH5 = async () => {
    try {
      const created = await ensureShare();
      const link = inviteLink(created.path);
      if (typeof navigator !== 'undefined' && typeof navigator.share === 'function') {
        await navigator.share({ title: created.title, url: link }).catch(() => undefined);
      } else {
        await copyLink(link);
      }
    } catch (err) {
      showError(err);
    }
  };

  const switchMonth = (delta: number) => {
    if (!month || !thisMonth) return;
    const next = shiftMonth(month, delta);
    if (next > thisMonth || next < shiftMonth(thisMonth, 1 - LEADERBOARD_MONTHS)) return;
    setAsked(next === thisMonth ? null : next);
  };

  const trigger = summary ? REWARD_TRIGGERS[summary.rewardOn] : '签到或下单';
  const link = IS_H5 && share ? inviteLink(share.path) : null;
  const canGoBack = !!month && !!thisMonth && month > shiftMonth(thisMonth, 1 - LEADERBOARD_MONTHS);
  const canGoForward = !!month && !!thisMonth && month < thisMonth;

  return (
    <View className='app-page invite-page'>
      {summary ? (
        <SummaryCard summary={summary} />
      ) : (
        <View className='invite-page__msg' onClick={() => summaryError && void reloadSummary()}>
          {summaryError ? `${summaryError}，点击重试` : '加载中…'}
        </View>
      )}

      <View className='invite-page__share'>
        {IS_WEAPP ? (
          <Button className='invite-page__invite' openType='share'>
            邀请好友
          </Button>
        ) : (
          <Button className='invite-page__invite' onClick={() => void inviteOnH5()}>
            邀请好友
          </Button>
        )}
        <View className='invite-page__note'>奖励在好友{trigger}后发放；按微信平台规则，分享本身不送任何奖励。</View>
        {/* The link is copied, never printed: a raw address means nothing to a member. */}
        {link && (
          <Button className='invite-page__copy' onClick={() => void copyLink(link)}>
            复制邀请链接
          </Button>
        )}
        {shareError && (
          <View className='invite-page__error' onClick={() => void ensureShare().catch(() => undefined)}>
            {shareError}，点击重试
          </View>
        )}
      </View>

      <View className='invite-page__section'>
        <View className='invite-page__section-title'>我邀请的好友</View>
        {summary && summary.friends.length === 0 && (
          <EmptyState
            compact
            text='还没有好友通过你的邀请加入'
            action={IS_WEAPP ? { text: '邀请好友', openType: 'share' } : { text: '邀请好友', onClick: () => void inviteOnH5() }}
          />
        )}
        {summary?.friends.map((f, i) => (
          <View key={`${f.joinedAt}-${i}`} className='invite-page__friend'>
            <Text className='invite-page__friend-name'>{memberName(f.nickname)}</Text>
            <Text className='invite-page__friend-date'>{f.joinedAt.slice(0, 10)} 加入</Text>
            <Text className={`invite-page__friend-state ${f.rewarded ? 'invite-page__friend-state--done' : ''}`}>
              {f.rewarded ? '已奖励' : `待${trigger}`}
            </Text>
          </View>
        ))}
      </View>

      <View className='invite-page__section'>
        <View className='invite-page__board-head'>
          <Text className='invite-page__section-title'>邀请排行榜</Text>
          {month && (
            <View className='invite-page__months'>
              <Text
                className={`invite-page__month-prev ${canGoBack ? '' : 'invite-page__month--off'}`}
                onClick={() => switchMonth(-1)}
              >
                ‹ 上月
              </Text>
              <Text className='invite-page__month'>{formatMonth(month)}</Text>
              <Text
                className={`invite-page__month-next ${canGoForward ? '' : 'invite-page__month--off'}`}
                onClick={() => switchMonth(1)}
              >
                下月 ›
              </Text>
            </View>
          )}
        </View>
        {board ? (
          <LeaderboardList board={board} />
        ) : (
          <View className='invite-page__empty' onClick={() => boardError && void reloadBoard()}>
            {boardError ? `${boardError}，点击重试` : '加载中…'}
          </View>
        )}
      </View>
    </View>
  );
}

export default function InvitePage() {
  return (
    <SessionGate>
      <InviteScreen />
    </SessionGate>
  );
}
