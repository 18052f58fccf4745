/**
 * The product page: my member price and what makes it (tier, member day) in the words of what
 * checkout charges, shipping, the flash price with its limit, the SKU picker (an option without stock cannot be chosen), 立即购买, and sharing:
 * share.create's link shown and copied in H5, and the poster drawn with share.code's image.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it, vi } from 'vitest';
import type { ProductDetail, ShareCreated } from '@cloud/contract';
import { ProductScreen } from '@/packages/shop/product';
import { actionOf, fail, fakeTransport } from './fake-transport';
import { detail, detailFlashSale, SKUS, sku, stubIntersectionObserver, useShopScreen } from './shop-fixtures';

const SHARE: ShareCreated = {
  shareId: 'Ab12Cd34',
  kind: 'product',
  path: '/packages/shop/product/index?id=1&share=Ab12Cd34',
  title: '羊毛混纺大衣',
  imageUrl: '/catalog-images/coat.svg',
};

useShopScreen();

function serve(product: ProductDetail, extra: (action: string, payload: Record<string, unknown>) => unknown = () => undefined) {
  return fakeTransport((c) => {
    const a = actionOf(c);
    if (a === 'catalog.detail') return product;
    if (a === 'share.create') return SHARE;
    const answer = extra(a, c.payload);
    if (answer === undefined) throw new Error(`unexpected ${a}`);
    return answer;
  });
}

const text = (selector: string) => document.querySelector(selector)?.textContent ?? '';
const option = (dim: 'color' | 'size', value: string) =>
  document.querySelector<HTMLElement>(`.sku-picker__dim--${dim} .sku-picker__option[data-value="${value}"]`)!;
const buyButton = () => document.querySelector<HTMLElement>('.product-page__buy')!;
const isDisabled = (el: HTMLElement) => el.hasAttribute('disabled') && el.getAttribute('disabled') !== 'false';

async function open(product: ProductDetail) {
  const calls = serve(product);
  render(<ProductScreen productId={product.id} />);
  await waitFor(() => expect(document.querySelector('.sku-picker')).toBeTruthy());
  return calls;
}

describe('product page pricing', () => {
  it('shows my member price against the list price, with my tier’s rate', async () => {
    await open(detail());
    expect(text('.product-page__card .price-tag')).toBe('会员价¥179.10起¥199');
    expect(text('.product-page__member')).toBe('金卡会员专享 9折');
    expect(text('.product-page__shipping')).toBe('金卡会员包邮');
    expect(text('.product-page__name')).toBe('羊毛混纺大衣');
  });

  const NORMAL = { tier: { key: 'normal' as const, name: '普通会员' }, memberPriceRate: 1, memberDay: false, memberDayRate: null, betterTier: { name: '银卡会员', memberPriceRate: 0.98 }, shipping: { feeFen: 1000, freeFromFen: 9900, tierShipsFree: false } };
  const listPriced = { memberPriceFen: 19900, skus: SKUS.map((s) => ({ ...s, memberPriceFen: s.priceFen })) };

  it('on member day adds the member-day rate; a member without a tier discount reads what they get, never 暂无会员折扣', async () => {
    await open(detail({ pricing: { ...detail().pricing, memberDay: true, memberDayRate: 0.95 } }));
    expect(text('.product-page__member')).toBe('金卡会员专享 9折 · 今天会员日再享 9.5折');
    cleanup();
    await open(detail({ ...listPriced, pricing: NORMAL }));
    expect(text('.product-page__member')).toBe('升级银卡会员可享 9.8折');
    expect(text('.product-page__shipping')).toBe('满 ¥99 包邮，不满运费 ¥10');
    expect(text('.product-page__card .price-tag')).toBe('¥199起');
    cleanup();
    await open(detail({ pricing: { ...NORMAL, memberDay: true, memberDayRate: 0.95 } }));
    expect(text('.product-page__member')).toBe('今天会员日 9.5折');
    expect(document.body.textContent).not.toContain('暂无会员折扣');
  });

  it('a live flash sale on member day promises the flash price and nothing on top: what checkout charges', async () => {
    await open(
      detail({
        flashSale: detailFlashSale(),
        skus: [sku({ id: '11', color: '黑色', size: 'M', stock: 30, memberPriceFen: 9900, flash: true })],
        pricing: { ...detail().pricing, memberDay: true, memberDayRate: 0.95 },
      }),
    );
    expect(text('.product-page__card .price-tag')).toBe('秒杀价¥99¥199');
    expect(text('.product-page__member')).toBe('秒杀价，不再叠加会员折扣和优惠券');
    expect(document.body.textContent).not.toContain('再享');
  });

  it('a member whose own price is below the flash price keeps it, and the page says so', async () => {
    await open(
      detail({
        flashSale: detailFlashSale({ priceFen: 17000 }),
        skus: [sku({ id: '11', color: '黑色', size: 'M', stock: 30, memberPriceFen: 16245, flash: false })],
        pricing: { ...detail().pricing, memberDay: true, memberDayRate: 0.95 },
      }),
    );
    expect(text('.product-page__card .price-tag')).toBe('会员价¥162.45¥199');
    expect(text('.product-page__member')).toBe('金卡会员专享 9折 · 今天会员日再享 9.5折');
  });

  it('a live flash sale shows its price, stock, countdown and caps the quantity at the per-member limit', async () => {
    await open(detail({ flashSale: detailFlashSale(), skus: [sku({ id: '11', color: '黑色', size: 'M', stock: 30, memberPriceFen: 9900, flash: true })] }));
    expect(text('.product-page__card .price-tag')).toBe('秒杀价¥99¥199');
    expect(document.querySelector('.product-page__badge--flash')).toBeTruthy();
    expect(text('.product-flash__facts')).toBe('秒杀 · 剩余 12/50 件 · 每人限购 2 件');
    expect(text('.product-flash__countdown')).toMatch(/^距结束 (01:00:00|59:59)$/);
    for (let i = 0; i < 4; i++) fireEvent.click(document.querySelector('.qty-stepper__plus')!);
    expect(text('.qty-stepper__value')).toBe('2');
  });

  it('an upcoming flash sale says when it starts and keeps the member price', async () => {
    await open(detail({ flashSale: detailFlashSale({ state: 'upcoming', startsAt: '2026-11-25T20:00:00+08:00', endsAt: '2026-11-25T22:00:00+08:00' }) }));
    expect(text('.product-page__card .price-tag')).toContain('会员价¥179.10');
    expect(text('.product-flash__facts')).toBe('秒杀预告 · 11月25日 20:00 开抢 · 秒杀价 ¥99');
    expect(document.querySelector('.product-page__badge--flash')).toBeNull();
  });
});

describe('flash-sale allowance', () => {
  it('bought up to the limit: the page says so, shows my member price and buys at it, past the flash limit', async () => {
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never);
    await open(
      detail({
        flashSale: detailFlashSale({ perMemberLimit: 1 }, 1),
        // The server prices it as checkout does: my member price, not the flash price.
        skus: [sku({ id: '11', color: '黑色', size: 'M', stock: 30, memberPriceFen: 17910, flash: false })],
      }),
    );
    expect(text('.product-flash__mine')).toBe('已抢购 1/1 件 · 秒杀限购已用完');
    expect(text('.product-page__card .price-tag')).toBe('会员价¥179.10¥199');
    expect(text('.product-page__member')).toBe('金卡会员专享 9折');
    expect(document.body.textContent).not.toContain('秒杀价');
    expect(document.querySelector('.product-page__badge--flash')).toBeNull();
    expect(document.querySelector('.product-page__qty-note')).toBeNull();
    expect(buyButton().textContent).toBe('按会员价购买');
    expect(isDisabled(buyButton())).toBe(false);
    for (let i = 0; i < 2; i++) fireEvent.click(document.querySelector('.qty-stepper__plus')!);
    expect(text('.qty-stepper__value')).toBe('3');
    fireEvent.click(buyButton());
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/shop/confirm/index?skuId=11&qty=3' });
  });

  it('a member without a member discount buys at the list price, and a sold-out product says why it cannot be bought', async () => {
    const used = detailFlashSale({ perMemberLimit: 1 }, 1);
    await open(detail({ flashSale: used, memberPriceFen: 19900, skus: [sku({ id: '11', color: '黑色', size: 'M', memberPriceFen: 19900 })] }));
    expect(buyButton().textContent).toBe('按原价购买');
    cleanup();
    await open(detail({ flashSale: used, soldOut: true, skus: [sku({ id: '11', color: '黑色', size: 'M', stock: 0 })] }));
    expect(text('.product-flash__mine')).toBe('已抢购 1/1 件 · 秒杀限购已用完');
    expect(buyButton().textContent).toBe('已售罄');
    expect(isDisabled(buyButton())).toBe(true);
  });

  it('partly used: the flash price still, the quantity capped at what is left of my allowance', async () => {
    await open(detail({ flashSale: detailFlashSale({ perMemberLimit: 2 }, 1), skus: [sku({ id: '11', color: '黑色', size: 'M', stock: 30, memberPriceFen: 9900, flash: true })] }));
    expect(text('.product-flash__mine')).toBe('已抢购 1/2 件');
    expect(text('.product-page__card .price-tag')).toBe('秒杀价¥99¥199');
    expect(text('.product-page__qty-note')).toBe('秒杀每人限购 2 件，还可抢购 1 件');
    fireEvent.click(document.querySelector('.qty-stepper__plus')!);
    expect(text('.qty-stepper__value')).toBe('1');
    expect(buyButton().textContent).toBe('立即购买');
  });

  it('shown again (back from checkout), the page asks again and shows the allowance used', async () => {
    let loads = 0;
    const before = detail({ flashSale: detailFlashSale({ perMemberLimit: 1 }), skus: [sku({ id: '11', color: '黑色', size: 'M', memberPriceFen: 9900, flash: true })] });
    const after = detail({ flashSale: detailFlashSale({ perMemberLimit: 1 }, 1), skus: [sku({ id: '11', color: '黑色', size: 'M' })] });
    fakeTransport((c) => (actionOf(c) !== 'catalog.detail' ? SHARE : ++loads === 1 ? before : after));
    const { rerender } = render(<ProductScreen productId='1' refreshKey={0} />);
    await waitFor(() => expect(buyButton().textContent).toBe('立即购买'));
    expect(document.querySelector('.product-flash__mine')).toBeNull();
    rerender(<ProductScreen productId='1' refreshKey={1} />);
    await waitFor(() => expect(text('.product-flash__mine')).toBe('已抢购 1/1 件 · 秒杀限购已用完'));
    expect(buyButton().textContent).toBe('按会员价购买');
    expect(loads).toBe(2);
  });

  it('a product taken down says so without 点击重试; a failed load offers it', async () => {
    fakeTransport((c) => (actionOf(c) === 'catalog.detail' ? fail(404, 'NOT_FOUND', '商品不存在或已下架') : SHARE));
    render(<ProductScreen productId='1' />);
    await waitFor(() => expect(text('.product-page__msg')).toBe('商品不存在或已下架'));
    cleanup();
    let loads = 0;
    fakeTransport((c) => (actionOf(c) !== 'catalog.detail' ? SHARE : ++loads === 1 ? fail(500, 'INTERNAL', '系统繁忙，请稍后再试') : detail()));
    render(<ProductScreen productId='1' />);
    await waitFor(() => expect(text('.product-page__msg')).toBe('系统繁忙，请稍后再试，点击重试'));
    fireEvent.click(document.querySelector('.product-page__msg')!);
    await waitFor(() => expect(text('.product-page__name')).toBe('羊毛混纺大衣'));
  });
});

describe('SKU picker', () => {
  it('out-of-stock options cannot be chosen; a full choice enables 立即购买 with the SKU and quantity', async () => {
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never);
    await open(detail());
    expect(text('.sku-picker__status')).toBe('请选择颜色和尺码');
    expect(buyButton().textContent).toBe('请选择规格');
    expect(isDisabled(buyButton())).toBe(true);

    // 白色 has no stock in any size.
    expect(option('color', '白色').className).toContain('sku-picker__option--disabled');
    fireEvent.click(option('color', '白色'));
    expect(option('color', '白色').className).not.toContain('sku-picker__option--selected');

    fireEvent.click(option('color', '黑色'));
    expect(option('color', '黑色').className).toContain('sku-picker__option--selected');
    // 黑色 L is sold out: L cannot be picked with 黑色.
    expect(option('size', 'L').className).toContain('sku-picker__option--disabled');
    fireEvent.click(option('size', 'L'));
    expect(buyButton().textContent).toBe('请选择规格');

    fireEvent.click(option('size', 'M'));
    expect(text('.sku-picker__status')).toBe('已选 黑色 / M · 库存 3 件');
    expect(buyButton().textContent).toBe('立即购买');
    expect(isDisabled(buyButton())).toBe(false);

    // The stepper stops at the SKU's stock.
    for (let i = 0; i < 5; i++) fireEvent.click(document.querySelector('.qty-stepper__plus')!);
    expect(text('.qty-stepper__value')).toBe('3');
    fireEvent.click(document.querySelector('.qty-stepper__minus')!);
    fireEvent.click(buyButton());
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/shop/confirm/index?skuId=11&qty=2' });
  });

  it('the chosen SKU’s own price replaces the lowest price', async () => {
    await open(
      detail({
        skus: [sku({ id: '11', color: '黑色', size: 'M' }), sku({ id: '15', color: '驼色', size: 'M', priceFen: 21900, memberPriceFen: 19710 })],
      }),
    );
    expect(text('.product-page__card .price-tag')).toBe('会员价¥179.10起¥199');
    fireEvent.click(option('color', '驼色'));
    expect(text('.product-page__card .price-tag')).toBe('会员价¥197.10¥219');
  });

  it('a sold-out product cannot be bought', async () => {
    await open(detail({ soldOut: true, skus: SKUS.map((s) => ({ ...s, stock: 0 })) }));
    expect(buyButton().textContent).toBe('已售罄');
    expect(isDisabled(buyButton())).toBe(true);
    expect([...document.querySelectorAll('.sku-picker__option')].every((o) => o.className.includes('--disabled'))).toBe(true);
  });
});

describe('sharing', () => {
  it('creates the share for the product and copies its H5 link, never printing it', async () => {
    const copy = vi.spyOn(Taro, 'setClipboardData').mockResolvedValue({ errMsg: 'setClipboardData:ok' } as never);
    const onShare = vi.fn();
    const calls = serve(detail());
    render(<ProductScreen productId='1' onShare={onShare} />);
    await waitFor(() => expect(document.querySelector('.product-page__copy-button')).toBeTruthy());
    expect(calls.find((c) => actionOf(c) === 'share.create')!.payload).toEqual({ action: 'create', productId: '1' });
    const link = `${window.location.origin}/#/packages/shop/product/index?id=1&share=Ab12Cd34`;
    expect(document.body.textContent).not.toContain(window.location.origin);
    expect(onShare).toHaveBeenCalledWith(SHARE);
    fireEvent.click(document.querySelector('.product-page__copy-button')!);
    expect(copy).toHaveBeenCalledWith({ data: link });
  });

  it('生成海报 draws the product name, price and the share code, and shows the poster', async () => {
    const drawn: string[] = [];
    const images: string[] = [];
    const ctx = {
      fillStyle: '',
      font: '',
      textAlign: '',
      textBaseline: '',
      scale: vi.fn(),
      fillRect: vi.fn(),
      fillText: (t: string) => drawn.push(t),
      measureText: (t: string) => ({ width: t.length * 30 }),
      drawImage: (img: { src: string }) => images.push(img.src),
    };
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(ctx as never);
    vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue('data:image/png;base64,UE9TVEVS');
    // jsdom loads no images: each one "loads" as soon as it gets a source.
    vi.stubGlobal(
      'Image',
      class {
        width = 300;
        height = 300;
        crossOrigin = '';
        onload: (() => void) | null = null;
        onerror: (() => void) | null = null;
        #src = '';
        get src() {
          return this.#src;
        }
        set src(v: string) {
          this.#src = v;
          queueMicrotask(() => this.onload?.());
        }
      },
    );
    const calls = serve(detail(), (a, p) => (a === 'share.code' ? { shareId: p.shareId, scene: p.shareId, imageDataUrl: 'data:image/gif;base64,R0lGODdh', kind: 'qr' } : undefined));
    render(<ProductScreen productId='1' />);
    await waitFor(() => expect(document.querySelector('.product-page__poster-button')).toBeTruthy());
    await act(async () => {
      fireEvent.click(document.querySelector('.product-page__poster-button')!);
    });
    await waitFor(() => expect(document.querySelector('.share-poster__image')).toBeTruthy());
    expect(calls.find((c) => actionOf(c) === 'share.code')!.payload).toEqual({ action: 'code', shareId: 'Ab12Cd34' });
    expect(document.querySelector('.share-poster__image img')!.getAttribute('src')).toBe('data:image/png;base64,UE9TVEVS');
    expect(drawn).toContain('¥199 起');
    expect(drawn.join('')).toContain('羊毛混纺大衣');
    expect(images).toEqual(['/catalog-images/coat.svg', 'data:image/gif;base64,R0lGODdh']);
    fireEvent.click(document.querySelector('.share-poster__button--close')!);
    expect(document.querySelector('.share-poster')).toBeNull();
    vi.unstubAllGlobals();
    stubIntersectionObserver();
  });
});
