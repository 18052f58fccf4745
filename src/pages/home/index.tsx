import { Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { FlashSaleView, HomeView, ProductCard as ProductCardView } from '@cloud/contract';
import Countdown from '@/components/Countdown';
import ProductCard, { productUrl } from '@/components/ProductCard';
import SessionGate from '@/components/SessionGate';
import TabPage from '@/components/TabBar/tab-page';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import { serverNow } from '@/services/clock';
import { imageUrl } from '@/services/image-url';
import { preloaded, takeArrived } from '@/services/preload';
import { brandClock, brandDayClock } from '@/utils/brand-time';
import { formatYuan } from '@/utils/money';
import Banner from './banner';
import BannerCarousel from './banner-carousel';
import './index.css';

const categoryUrl = (id: string, name: string) => `/packages/shop/category/index?id=${id}&name=${encodeURIComponent(name)}`;

const openProduct = (p: { id: string }) => void Taro.navigateTo({ url: productUrl(p.id) });

/**
 * The next moment the page changes by itself: a flash sale starts or ends, the night market
 * closes. Moments already past are left out (a phone clock ahead of the server's would otherwise
 * ask again and again).
 */
function nextChange(home: HomeView, now: number): number | null {
  const times: number[] = [];
  for (const p of home.flashSales) {
    if (p.flashSale?.state === 'upcoming') times.push(Date.parse(p.flashSale.startsAt));
    if (p.flashSale?.state === 'live') times.push(Date.parse(p.flashSale.endsAt));
  }
  if (home.nightMarket) times.push(Date.parse(home.nightMarket.closesAt));
  const ahead = times.filter((t) => t > now);
  return ahead.length ? Math.min(...ahead) : null;
}

/** The market's name from its opening hour: 22:00 → 晚10点夜市. */
function nightMarketTitle(opensAt: string): string {
  const [h, m] = brandClock(opensAt).split(':').map(Number) as [number, number];
  return `晚${h > 12 ? h - 12 : h}点${m ? `${m}分` : ''}夜市`;
}

function FlashLine({ sale }: { sale: FlashSaleView }) {
  if (sale.state === 'live') {
    return (
      <View className='home-flash__line home-flash__line--live'>
        <Text className='home-flash__remaining'>剩余 {sale.remaining} 件</Text>
        <Countdown className='home-flash__countdown' to={sale.endsAt} prefix='距结束' />
      </View>
    );
  }
  if (sale.state === 'upcoming') {
    return (
      <View className='home-flash__line home-flash__line--upcoming'>
        <Text className='home-flash__start'>{brandDayClock(sale.startsAt)} 开抢</Text>
        <Text className='home-flash__preview'>秒杀价 {formatYuan(sale.priceFen)}</Text>
      </View>
    );
  }
  return <View className='home-flash__line home-flash__line--sold-out'>已抢光</View>;
}

function Section({ title, sub, className, children }: { title: string; sub?: string; className: string; children: ReactNode }) {
  return (
    <View className={`home-section ${className}`}>
      <View className='home-section__head'>
        <Text className='home-section__title'>{title}</Text>
        {sub && <Text className='home-section__sub'>{sub}</Text>}
      </View>
      {children}
    </View>
  );
}

export function HomeScreen() {
  // The first load takes the answer the app asked for at start (src/app.ts): at once when it is
  // already here (no render of 加载中… first), else when it arrives.
  const { data: home, error, reload } = useCall(() => preloaded('catalog.home', () => call('catalog', 'home', {})), [], {
    inHand: () => takeArrived<HomeView>('catalog.home'),
  });
  /** The sections below the first screen, rendered once the first screen is up. */
  const [belowFold, setBelowFold] = useState(false);

  // Back on the tab: stock and sales may have moved. (The first show is the mount, which loaded.)
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current && home) void reload();
    shownOnce.current = true;
  });

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  // The first screen (banners, new launches) renders alone; the rest follows a frame later, so
  // that the member sees the page before every card below the fold is built.
  useEffect(() => {
    if (!home || belowFold) return;
    const show = () => setBelowFold(true);
    if (typeof requestAnimationFrame === 'function') {
      const frame = requestAnimationFrame(() => setTimeout(show, 0));
      return () => cancelAnimationFrame(frame);
    }
    const timer = setTimeout(show, 0);
    return () => clearTimeout(timer);
  }, [home, belowFold]);

  // Ask the server again when a sale starts or ends or the market closes: it says what is on.
  useEffect(() => {
    if (!home) return;
    const now = serverNow();
    const at = nextChange(home, now);
    if (at === null) return;
    const timer = setTimeout(() => void reload(), Math.min(at - now + 1000, 86_400_000));
    return () => clearTimeout(timer);
  }, [home, reload]);

  if (!home) {
    return (
      <View className='app-page home-page'>
        <View className='home-page__msg' onClick={() => error && void reload()}>
          {error ? `${error}，点击重试` : '加载中…'}
        </View>
      </View>
    );
  }

  const { banners, newLaunches, flashSales, nightMarket, categories } = home;
  return (
    <View className='app-page home-page'>
      {home.memberDay && (
        <View className='home-page__member-day'>
          <Text className='home-page__member-day-tag'>会员日</Text>
          今天是会员日，会员专享优惠进行中
        </View>
      )}
      {banners.length > 0 &&
        (belowFold ? (
          <BannerCarousel banners={banners} />
        ) : (
          // Starting a swiper costs the first screen a few hundred ms on a slow phone: the first
          // banner shows as a plain image until the rest of the page is up.
          <View className='home-banners'>
            <Banner banner={banners[0]!} />
          </View>
        ))}

      {newLaunches.length > 0 && (
        <Section title='新款首发' sub='新品抢先看' className='home-new'>
          <View className='home-new__row'>
            {newLaunches.map((p) => (
              <ProductCard key={p.id} product={p} layout='row' onOpen={openProduct} />
            ))}
          </View>
        </Section>
      )}

      {belowFold && flashSales.length > 0 && (
        <Section title='爆款秒杀' sub='限时限量' className='home-flash'>
          <View className='home-grid'>
            {flashSales.map((p: ProductCardView) => (
              <ProductCard key={p.id} product={p} onOpen={openProduct}>
                {p.flashSale && <FlashLine sale={p.flashSale} />}
              </ProductCard>
            ))}
          </View>
        </Section>
      )}

      {belowFold && nightMarket && (
        <Section
          title={nightMarketTitle(nightMarket.opensAt)}
          sub={`今晚「${nightMarket.category.name}」专场 · 营业至 ${brandClock(nightMarket.closesAt)}`}
          className='home-night'
        >
          <View className='home-grid'>
            {nightMarket.products.map((p) => (
              <ProductCard key={p.id} product={p} onOpen={openProduct} />
            ))}
          </View>
          <View
            className='home-night__more'
            onClick={() => void Taro.navigateTo({ url: categoryUrl(nightMarket.category.id, nightMarket.category.name) })}
          >
            查看全部{nightMarket.category.name} ›
          </View>
        </Section>
      )}

      {belowFold && categories.length > 0 && (
        <Section title='全部分类' className='home-categories'>
          <View className='home-categories__grid'>
            {categories.map((c) => {
              const src = imageUrl(c.imageUrl);
              return (
                <View
                  key={c.id}
                  className='home-categories__item'
                  data-category={c.id}
                  onClick={() => void Taro.navigateTo({ url: categoryUrl(c.id, c.name) })}
                >
                  {src ? (
                    <Image className='home-categories__image' src={src} mode='aspectFill' lazyLoad />
                  ) : (
                    <View className='home-categories__image home-categories__image--text'>{c.name.slice(0, 1)}</View>
                  )}
                  <Text className='home-categories__name'>{c.name}</Text>
                </View>
              );
            })}
          </View>
        </Section>
      )}
    </View>
  );
}

export default function HomePage() {
  return (
    <TabPage path='pages/home/index'>
      <SessionGate>
        <HomeScreen />
      </SessionGate>
    </TabPage>
  );
}
