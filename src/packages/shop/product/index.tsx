import { Button, Image, Swiper, SwiperItem, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { ProductDetail, ShareCreated } from '@cloud/contract';
import Countdown from '@/components/Countdown';
import PriceTag from '@/components/PriceTag';
import SessionGate from '@/components/SessionGate';
import SharePoster from '@/components/SharePoster';
import SkuPicker, { chosenSku, initialChoice, type SkuChoice } from '@/components/SkuPicker';
import { useCall } from '@/hooks/use-call';
import { ApiError, call } from '@/services/api';
import { IS_H5, IS_WEAPP } from '@/services/config';
import { imageUrl } from '@/services/image-url';
import { isRetryable } from '@/services/request-id';
import { useSessionStore } from '@/stores/session';
import { brandDayClock } from '@/utils/brand-time';
import { flag } from '@/utils/flag';
import { formatDiscount } from '@/utils/format';
import { formatYuan } from '@/utils/money';
import './index.css';

const MAX_QTY = 99;

const confirmUrl = (skuId: string, qty: number) => `/packages/shop/confirm/index?skuId=${skuId}&qty=${qty}`;

/** The H5 link that opens a share: the hash router's path after the page's origin. */
function shareLink(path: string): string {
  return `${window.location.origin}/#${path.startsWith('/') ? path : `/${path}`}`;
}

type DetailFlashSale = NonNullable<ProductDetail['flashSale']>;

/** What I took of the sale's per-member limit, once I took some: used up, checkout charges my member price. */
export function allowanceNote(sale: DetailFlashSale): string | null {
  const { used, limit, left } = sale.mine;
  if (used === 0) return null;
  return left === 0 ? `已抢购 ${used}/${limit} 件 · 秒杀限购已用完` : `已抢购 ${used}/${limit} 件`;
}

function FlashBar({ sale, onChange }: { sale: DetailFlashSale; onChange(): void }) {
  if (sale.state === 'live') {
    const mine = allowanceNote(sale);
    return (
      <View className='product-flash product-flash--live'>
        <Text className='product-flash__facts'>
          秒杀 · 剩余 {sale.remaining}/{sale.total} 件 · 每人限购 {sale.perMemberLimit} 件
        </Text>
        <Countdown className='product-flash__countdown' to={sale.endsAt} prefix='距结束' onEnd={onChange} />
        {mine && <Text className={`product-flash__mine ${sale.mine.left === 0 ? 'product-flash__mine--used' : ''}`}>{mine}</Text>}
      </View>
    );
  }
  if (sale.state === 'upcoming') {
    return (
      <View className='product-flash product-flash--upcoming'>
        <Text className='product-flash__facts'>
          秒杀预告 · {brandDayClock(sale.startsAt)} 开抢 · 秒杀价 {formatYuan(sale.priceFen)}
        </Text>
        <Countdown className='product-flash__countdown' to={sale.startsAt} prefix='距开抢' endedText='秒杀开始了' onEnd={onChange} />
      </View>
    );
  }
  return <View className='product-flash product-flash--sold-out'>本场秒杀已抢光</View>;
}

/**
 * What checkout will charge, in words, from the server's numbers: a flash-sale price is final;
 * otherwise my tier's rate and today's member-day rate, each only when it applies.
 */
export function pricingNote(p: ProductDetail, flashPriced: boolean): string | null {
  if (flashPriced) return '秒杀价，不再叠加会员折扣和优惠券';
  const { tier, memberPriceRate, memberDay, memberDayRate, betterTier } = p.pricing;
  const dayRate = memberDay && memberDayRate !== null && memberDayRate < 1 ? memberDayRate : null;
  if (memberPriceRate < 1) {
    const mine = `${tier.name}专享 ${formatDiscount(memberPriceRate)}`;
    return dayRate === null ? mine : `${mine} · 今天会员日再享 ${formatDiscount(dayRate)}`;
  }
  if (dayRate !== null) return `今天会员日 ${formatDiscount(dayRate)}`;
  return betterTier ? `升级${betterTier.name}可享 ${formatDiscount(betterTier.memberPriceRate)}` : null;
}

/** 运费 for me: my tier ships free, or from an amount, or the flat fee. */
export function shippingNote(p: ProductDetail): string {
  const { tier, shipping } = p.pricing;
  if (shipping.tierShipsFree) return `${tier.name}包邮`;
  if (shipping.feeFen === 0) return '包邮';
  return shipping.freeFromFen !== null ? `满 ${formatYuan(shipping.freeFromFen)} 包邮，不满运费 ${formatYuan(shipping.feeFen)}` : `运费 ${formatYuan(shipping.feeFen)}`;
}

export interface ProductScreenProps {
  productId: string;
  /** The share of this page, once the server made it (for the weapp's share menu). */
  onShare?(share: ShareCreated): void;
  /** A change reloads the product (the page was shown again). */
  refreshKey?: number;
}

export function ProductScreen({ productId, onShare, refreshKey = 0 }: ProductScreenProps) {
  const generation = useSessionStore((s) => s.generation);
  const detail = useCall(
    () => (productId ? call('catalog', 'detail', { productId }) : Promise.reject(new ApiError('NOT_FOUND', '商品不存在'))),
    [productId],
  );
  const product = detail.data;
  const reload = detail.reload;
  // Shown again (back from checkout): what I bought counts against my flash-sale allowance now.
  useEffect(() => {
    if (refreshKey) void reload();
  }, [refreshKey, reload]);
  /** The member's pick; a product loaded afresh starts from its first SKU in stock and 1. */
  const [pick, setPick] = useState<{ productId: string; choice: SkuChoice; qty: number } | null>(null);
  const [share, setShare] = useState<ShareCreated | null>(null);
  const [posterOpen, setPosterOpen] = useState(false);
  const shareHandler = useRef(onShare);
  shareHandler.current = onShare;

  useEffect(() => {
    if (!productId) return;
    // The share exists before anyone shares: the weapp's menu needs its path at once.
    call('share', 'create', { productId })
      .then((created) => {
        setShare(created);
        shareHandler.current?.(created);
      })
      // Without a share the page still sells: only the share buttons stay hidden.
      .catch(() => setShare(null));
  }, [productId, generation]);

  // 点击重试 only where another try can help: a product taken down stays so.
  const retryable = isRetryable(detail.failure);
  if (!productId || !product) {
    return (
      <View className='app-page product-page'>
        {productId ? (
          <View className='product-page__msg' onClick={() => detail.error && retryable && void detail.reload()}>
            {detail.error ? (retryable ? `${detail.error}，点击重试` : detail.error) : '加载中…'}
          </View>
        ) : (
          <View className='product-page__msg'>商品不存在</View>
        )}
      </View>
    );
  }

  const { choice, qty } = pick?.productId === product.id ? pick : { choice: initialChoice(product.skus), qty: 1 };
  const setChoice = (next: SkuChoice) => setPick({ productId: product.id, choice: next, qty: 1 });
  const setQty = (next: number) => setPick({ productId: product.id, choice, qty: next });

  const sku = chosenSku(product.skus, choice);
  const flash = product.flashSale;
  const live = flash?.state === 'live';
  // My allowance used up: the sale goes on for others, I buy at my member price (the server priced the SKUs so).
  const allowanceUsed = live && flash.mine.left === 0;
  const listFen = sku?.priceFen ?? product.priceFen;
  const memberFen = sku?.memberPriceFen ?? product.memberPriceFen;
  const from = !sku && new Set(product.skus.map((s) => s.memberPriceFen)).size > 1;
  // The server says which price checkout charges: a member price below the flash price wins.
  const flashPriced = sku ? sku.flash : product.skus.length > 0 && product.skus.every((s) => s.flash);
  const note = pricingNote(product, flashPriced);
  const limit = Math.max(1, Math.min(sku?.stock ?? 1, MAX_QTY, flashPriced && live ? Math.min(flash.mine.left, flash.remaining) : MAX_QTY));
  // Stock may have dropped since the quantity was picked (a refresh): never more than the limit.
  const count = Math.min(qty, limit);
  const canBuy = !!sku && sku.stock > 0 && !product.soldOut;
  const images = product.images.length ? product.images : product.imageUrl ? [product.imageUrl] : [];
  const posterPrice = live
    ? `秒杀价 ${formatYuan(flash.priceFen)}`
    : `${formatYuan(product.priceFen)}${new Set(product.skus.map((s) => s.priceFen)).size > 1 ? ' 起' : ''}`;

  // Why it cannot be bought, or at which price it is: my allowance used, not the flash price.
  const buyText = product.soldOut
    ? '已售罄'
    : !sku
      ? '请选择规格'
      : sku.stock === 0
        ? '该规格已售罄'
        : !allowanceUsed
          ? '立即购买'
          : memberFen < listFen
            ? '按会员价购买'
            : '按原价购买';

  const buy = () => {
    if (!canBuy || !sku) return;
    void Taro.navigateTo({ url: confirmUrl(sku.id, count) });
  };

  return (
    <View className='app-page product-page' data-product={product.id}>
      {images.length > 0 ? (
        <Swiper className='product-page__gallery' indicatorDots={images.length > 1} circular={images.length > 2}>
          {images.map((src, i) => (
            <SwiperItem key={src}>
              <Image className='product-page__image' src={imageUrl(src) ?? ''} mode='aspectFill' lazyLoad={i > 0} />
            </SwiperItem>
          ))}
        </Swiper>
      ) : (
        <View className='product-page__gallery product-page__gallery--empty' />
      )}

      <View className='product-page__card'>
        {flashPriced ? (
          <PriceTag size='large' fen={memberFen} wasFen={listFen} label='秒杀价' />
        ) : (
          <PriceTag size='large' fen={memberFen} wasFen={listFen} label={memberFen < listFen ? '会员价' : null} from={from} />
        )}
        {note && <View className='product-page__member'>{note}</View>}
        <View className='product-page__shipping'>{shippingNote(product)}</View>
        {flash && <FlashBar sale={flash} onChange={() => void detail.reload()} />}
        <View className='product-page__title'>
          {product.isNew && <Text className='product-page__badge product-page__badge--new'>新款</Text>}
          {live && !allowanceUsed && <Text className='product-page__badge product-page__badge--flash'>秒杀</Text>}
          <Text className='product-page__name'>{product.name}</Text>
        </View>
        {product.subtitle && <View className='product-page__subtitle'>{product.subtitle}</View>}
        {product.isNew && product.launch && <View className='product-page__launch'>新款首发 · {brandDayClock(product.launch.startsAt)} 上市</View>}
      </View>

      <View className='product-page__card'>
        <SkuPicker
          skus={product.skus}
          choice={choice}
          onChange={setChoice}
        />
        <View className='product-page__qty'>
          <Text className='product-page__qty-label'>数量</Text>
          <View className='qty-stepper'>
            <View className={`qty-stepper__button qty-stepper__minus ${count <= 1 ? 'qty-stepper__button--off' : ''}`} onClick={() => count > 1 && setQty(count - 1)}>
              −
            </View>
            <Text className='qty-stepper__value'>{count}</Text>
            <View
              className={`qty-stepper__button qty-stepper__plus ${count >= limit ? 'qty-stepper__button--off' : ''}`}
              onClick={() => count < limit && setQty(count + 1)}
            >
              +
            </View>
          </View>
          {flashPriced && live && (
            <Text className='product-page__qty-note'>
              秒杀每人限购 {flash.perMemberLimit} 件{flash.mine.used > 0 ? `，还可抢购 ${flash.mine.left} 件` : ''}
            </Text>
          )}
        </View>
      </View>

      {share && (
        <View className='product-page__card product-page__share'>
          <View className='product-page__share-actions'>
            {IS_WEAPP && (
              <Button className='product-page__share-button' openType='share'>
                分享给好友
              </Button>
            )}
            <Button className='product-page__share-button product-page__poster-button' onClick={() => setPosterOpen(true)}>
              生成海报
            </Button>
            {IS_H5 && (
              <Button
                className='product-page__share-button product-page__copy-button'
                onClick={() => void Taro.setClipboardData({ data: shareLink(share.path) })}
              >
                复制链接
              </Button>
            )}
          </View>
        </View>
      )}

      {product.description && (
        <View className='product-page__card product-page__desc'>
          <View className='product-page__desc-title'>商品详情</View>
          <View>{product.description}</View>
        </View>
      )}

      <View className='product-page__bar'>
        <Button className='product-page__buy' disabled={flag(!canBuy)} onClick={buy}>
          {buyText}
        </Button>
      </View>

      {posterOpen && share && (
        <SharePoster shareId={share.shareId} name={product.name} imageUrl={product.imageUrl} priceText={posterPrice} onClose={() => setPosterOpen(false)} />
      )}
    </View>
  );
}

export default function ProductPage() {
  const { params } = useRouter();
  const productId = params.id ?? '';
  const share = useRef<ShareCreated | null>(null);
  const [shows, setShows] = useState(0);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) setShows((n) => n + 1);
    shown.current = true;
  });

  useEffect(() => {
    // withShareTicket: a card opened in a group tells the server which group (openGId).
    if (IS_WEAPP) void Taro.showShareMenu({ withShareTicket: true });
  }, []);

  useShareAppMessage(() => {
    const s = share.current;
    // Before share.create answered: the plain product page (WeChat titles it with the app's name).
    if (!s) return { path: `/packages/shop/product/index?id=${productId}` };
    return { title: s.title, path: s.path, ...(s.imageUrl ? { imageUrl: imageUrl(s.imageUrl) ?? undefined } : {}) };
  });

  return (
    <SessionGate>
      <ProductScreen
        productId={productId}
        refreshKey={shows}
        onShare={(s) => {
          share.current = s;
        }}
      />
    </SessionGate>
  );
}
