import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { MomentsPostView } from '@cloud/contract';
import EmptyState from '@/components/EmptyState';
import SessionGate from '@/components/SessionGate';
import Skeleton from '@/components/Skeleton';
import { useCall } from '@/hooks/use-call';
import { call, showError } from '@/services/api';
import { IS_WEAPP } from '@/services/config';
import { imageUrl } from '@/services/image-url';
import { openPage } from '@/services/navigation';
import { formatMonthDay } from '@/utils/format';
import { shiftDay } from '@/utils/shift-day';
import './index.css';

/** weapp: each picture downloaded and saved to the album (WeChat asks the guide once for the permission). */
async function saveToAlbum(urls: string[]): Promise<void> {
  for (const url of urls) {
    const { tempFilePath } = await Taro.downloadFile({ url });
    await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath });
  }
}

/** H5: each picture through a download link. */
function downloadLinks(urls: string[]): void {
  for (const url of urls) {
    const link = document.createElement('a');
    link.href = url;
    link.download = url.split('/').pop() ?? 'image';
    link.target = '_blank';
    link.click();
  }
}

/**
 * 朋友圈素材: the posts the brand curated for each day of the week — copy the text, save the
 * pictures, post them from WeChat, then mark 已发布 (mine alone).
 */
export function GuideMomentsScreen() {
  const [asked, setAsked] = useState<string | null>(null);
  const week = useCall(() => call('guide', 'moments', asked ? { day: asked } : {}), [asked]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [marking, setMarking] = useState<string | null>(null);

  useDidShow(() => {
    if (week.data) void week.reload();
  });

  const data = week.data;
  const day = chosen && data?.days.some((d) => d.day === chosen) ? chosen : (data?.days.find((d) => d.day === data.today)?.day ?? data?.days[0]?.day ?? null);
  const shown = data?.days.find((d) => d.day === day) ?? null;

  const copy = async (post: MomentsPostView) => {
    try {
      await Taro.setClipboardData({ data: post.body });
    } catch {
      void Taro.showToast({ title: '复制失败，请长按文字复制', icon: 'none' });
    }
  };

  const save = async (post: MomentsPostView) => {
    const urls = post.images.map((u) => imageUrl(u)!);
    try {
      if (IS_WEAPP) {
        await saveToAlbum(urls);
        void Taro.showToast({ title: `已保存 ${urls.length} 张图片`, icon: 'none' });
      } else {
        downloadLinks(urls);
      }
    } catch {
      void Taro.showToast({ title: '保存失败，请在设置里允许保存到相册', icon: 'none' });
    }
  };

  const mark = async (post: MomentsPostView) => {
    if (marking) return;
    setMarking(post.id);
    try {
      const marked = await call('guide', 'markMomentPosted', { postId: post.id });
      week.setData((d) => d && { ...d, days: d.days.map((x) => ({ ...x, posts: x.posts.map((p) => (p.id === marked.id ? marked : p)) })) });
    } catch (err) {
      showError(err);
    } finally {
      setMarking(null);
    }
  };

  const move = (days: number) => {
    if (!data) return;
    setAsked(shiftDay(data.days[0]!.day, days));
    setChosen(null);
  };

  return (
    <View className='app-page guide-moments'>
      <View className='guide-moments__week'>
        <Text className='guide-moments__arrow' onClick={() => move(-7)}>
          ‹ 上周
        </Text>
        <Text className='guide-moments__range'>{data ? `${formatMonthDay(data.days[0]!.day)} – ${formatMonthDay(data.days[6]!.day)}` : ''}</Text>
        <Text className='guide-moments__arrow' onClick={() => move(7)}>
          下周 ›
        </Text>
      </View>
      <View className='guide-moments__days' role='tablist'>
        {(data?.days ?? []).map((d) => (
          <View
            key={d.day}
            className={`guide-moments__day ${d.day === day ? 'guide-moments__day--on' : ''} ${d.day === data!.today ? 'guide-moments__day--today' : ''}`}
            role='tab'
            aria-selected={d.day === day}
            data-day={d.day}
            onClick={() => setChosen(d.day)}
          >
            <Text className='guide-moments__weekday'>{d.day === data!.today ? '今天' : d.weekday}</Text>
            <Text className='guide-moments__date'>{Number(d.day.slice(8, 10))}</Text>
            <Text className='guide-moments__count'>{d.posts.length ? `${d.posts.length} 条` : '—'}</Text>
          </View>
        ))}
      </View>
      {shown ? (
        shown.posts.length === 0 ? (
          <EmptyState text='这天还没有朋友圈素材，运营排好后会出现在这里' />
        ) : (
          shown.posts.map((p) => (
            <View key={p.id} className={`guide-moments__post ${p.postedAt ? 'guide-moments__post--done' : ''}`} data-post={p.id}>
              <Text className={`guide-moments__kind guide-moments__kind--${p.kind}`}>{p.kindName}</Text>
              <Text className='guide-moments__body' userSelect>
                {p.body}
              </Text>
              {p.images.length > 0 && (
                <View className='guide-moments__images'>
                  {p.images.map((src) => (
                    <Image key={src} className='guide-moments__image' src={imageUrl(src)!} mode='aspectFill' />
                  ))}
                </View>
              )}
              {p.product && (
                <Text className='guide-moments__product' onClick={() => void openPage(`/packages/shop/product/index?id=${p.product!.id}`)}>
                  商品：{p.product.name} ›
                </Text>
              )}
              <View className='guide-moments__actions'>
                <Button className='guide-moments__button' size='mini' onClick={() => void copy(p)}>
                  复制文案
                </Button>
                {p.images.length > 0 && (
                  <Button className='guide-moments__button' size='mini' onClick={() => void save(p)}>
                    {IS_WEAPP ? '保存图片' : '下载图片'}
                  </Button>
                )}
                {p.postedAt ? (
                  <Text className='guide-moments__posted'>已发布 {p.postedAt.slice(11, 16)}</Text>
                ) : (
                  <Button className='guide-moments__button guide-moments__mark' size='mini' loading={marking === p.id} onClick={() => void mark(p)}>
                    标记已发布
                  </Button>
                )}
              </View>
            </View>
          ))
        )
      ) : week.error ? (
        <View className='guide-moments__msg' onClick={() => void week.reload()}>
          {week.error}，点击重试
        </View>
      ) : (
        <View className='guide-moments__post' aria-busy>
          <Skeleton className='guide-moments__skeleton-title' />
          <Skeleton className='guide-moments__skeleton-line' />
          <Skeleton className='guide-moments__skeleton-line' />
        </View>
      )}
    </View>
  );
}

export default function GuideMomentsPage() {
  return (
    <SessionGate>
      <GuideMomentsScreen />
    </SessionGate>
  );
}
