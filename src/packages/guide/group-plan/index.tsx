import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import type { GroupPostView, PlanCardView } from '@cloud/contract';
import EmptyState from '@/components/EmptyState';
import SessionGate from '@/components/SessionGate';
import Skeleton from '@/components/Skeleton';
import { useCall } from '@/hooks/use-call';
import { call, showError } from '@/services/api';
import { IS_H5, IS_WEAPP } from '@/services/config';
import { imageUrl } from '@/services/image-url';
import { formatMonthDay } from '@/utils/format';
import './index.css';

interface ShareMessage {
  title: string;
  path: string;
  imageUrl?: string;
}

/** A card as WeChat shares it: a product card is made a share of mine first, so clicks and orders are attributed to me. */
async function shareMessage(card: Pick<PlanCardView, 'title' | 'path' | 'productId' | 'imageUrl'>): Promise<ShareMessage> {
  const image = imageUrl(card.imageUrl) ?? undefined;
  if (card.productId) {
    const share = await call('share', 'create', { productId: card.productId });
    return { title: share.title, path: `/${share.path.replace(/^\/+/, '')}`, ...(image ? { imageUrl: image } : {}) };
  }
  return { title: card.title, path: card.path, ...(image ? { imageUrl: image } : {}) };
}

/** The H5 link of a mini-program path, in the hash router. */
const linkOf = (path: string) => `${window.location.origin}${window.location.pathname}#${path}`;

const hhmm = (iso: string) => iso.slice(11, 16);

/**
 * 社群 SOP: today's posts of the brand's weekly plan for each of my named groups — the time, the
 * copy to send, the card to share, and 已发布 once it went out (any guide of the group marks it).
 * Sharing earns nothing (WeChat rule 5.1): the mark only keeps the plan in step.
 */
export function GuideGroupPlanScreen() {
  const plan = useCall(() => call('guide', 'groupPlan', {}), []);
  const [marking, setMarking] = useState<string | null>(null);

  useDidShow(() => {
    if (plan.data) void plan.reload();
  });

  const copyText = async (post: GroupPostView) => {
    try {
      await Taro.setClipboardData({ data: post.copy });
    } catch {
      void Taro.showToast({ title: '复制失败，请长按文字复制', icon: 'none' });
    }
  };

  /** H5 has no WeChat share sheet: the card's link is copied to paste into the group. */
  const shareOnH5 = async (card: PlanCardView) => {
    try {
      const message = await shareMessage(card);
      await Taro.setClipboardData({ data: linkOf(message.path) });
      void Taro.showToast({ title: '卡片链接已复制', icon: 'none' });
    } catch (err) {
      showError(err);
    }
  };

  const mark = async (groupId: string, post: GroupPostView) => {
    const key = `${groupId}~${post.postId}`;
    if (marking) return;
    setMarking(key);
    try {
      const marked = await call('guide', 'markGroupPost', { groupId, postId: post.postId });
      plan.setData(
        (d) => d && { ...d, groups: d.groups.map((g) => (g.groupId === groupId ? { ...g, posts: g.posts.map((p) => (p.postId === marked.postId ? marked : p)) } : g)) },
      );
    } catch (err) {
      showError(err);
    } finally {
      setMarking(null);
    }
  };

  const data = plan.data;
  if (!data) {
    return (
      <View className='app-page guide-plan'>
        {plan.error ? (
          <View className='guide-plan__msg' onClick={() => void plan.reload()}>
            {plan.error}，点击重试
          </View>
        ) : (
          <View className='guide-plan__group' aria-busy>
            {[0, 1, 2].map((i) => (
              <View key={i} className='guide-plan__post'>
                <Skeleton className='guide-plan__skeleton-title' />
                <Skeleton className='guide-plan__skeleton-line' />
              </View>
            ))}
          </View>
        )}
      </View>
    );
  }

  return (
    <View className='app-page guide-plan'>
      <View className='guide-plan__day'>
        {formatMonthDay(data.day)} {data.weekday} · 今天的群发计划
      </View>
      {data.groups.length === 0 ? (
        <EmptyState text='还没有已命名的群：先在「我的群」给打开过你卡片的群起个名字，计划就会出现在这里' action={{ text: '去命名', url: '/packages/guide/groups/index' }} />
      ) : (
        data.groups.map((g) => (
          <View key={g.groupId} className='guide-plan__group' data-group-id={g.groupId}>
            <View className='guide-plan__group-name'>{g.name}</View>
            {g.posts.length === 0 && <EmptyState compact text='今天没有计划内容：运营可在「运营 › 导购内容 › 社群计划」里安排' />}
            {g.posts.map((p) => (
              <View key={p.postId} className={`guide-plan__post ${p.posted ? 'guide-plan__post--done' : ''}`} data-post={p.postId}>
                <View className='guide-plan__head'>
                  <Text className='guide-plan__time'>{p.time}</Text>
                  <Text className='guide-plan__title'>{p.title}</Text>
                  {p.card && <Text className='guide-plan__card'>{p.card.title}</Text>}
                </View>
                <Text className='guide-plan__copy' userSelect>
                  {p.copy}
                </Text>
                <View className='guide-plan__actions'>
                  <Button className='guide-plan__button' size='mini' onClick={() => void copyText(p)}>
                    复制文案
                  </Button>
                  {p.card &&
                    (IS_WEAPP ? (
                      <Button
                        className='guide-plan__button'
                        size='mini'
                        openType='share'
                        data-title={p.card.title}
                        data-path={p.card.path}
                        data-product-id={p.card.productId ?? ''}
                        data-image-url={p.card.imageUrl ?? ''}
                      >
                        分享卡片
                      </Button>
                    ) : (
                      <Button className='guide-plan__button' size='mini' onClick={() => IS_H5 && void shareOnH5(p.card!)}>
                        分享卡片
                      </Button>
                    ))}
                  {p.posted ? (
                    <Text className='guide-plan__posted'>
                      已发布 · {p.posted.me ? '我' : (p.posted.by ?? '同事')} {hhmm(p.posted.at)}
                    </Text>
                  ) : (
                    <Button className='guide-plan__button guide-plan__mark' size='mini' loading={marking === `${g.groupId}~${p.postId}`} onClick={() => void mark(g.groupId, p)}>
                      标记已发布
                    </Button>
                  )}
                </View>
              </View>
            ))}
          </View>
        ))
      )}
    </View>
  );
}

type CardDataset = { title?: string; path?: string; productId?: string; imageUrl?: string };

export default function GuideGroupPlanPage() {
  // The card comes with the tapped 分享卡片 button (its data-*), as WeChat hands it to the page.
  useShareAppMessage((res) => {
    const data = (res.target as { dataset?: CardDataset } | undefined)?.dataset;
    if (res.from !== 'button' || !data?.title || !data.path) return { path: '/pages/home/index' };
    const card = { title: data.title, path: data.path, productId: data.productId || null, imageUrl: data.imageUrl || null };
    return { title: card.title, path: card.path, promise: shareMessage(card) };
  });
  return (
    <SessionGate>
      <GuideGroupPlanScreen />
    </SessionGate>
  );
}
