/**
 * A flash sale's per-member allowance, as the product page shows it and checkout charges it: used
 * by an order (unpaid too), given back when that order is cancelled or expires, and once used up
 * the member buys at their member price, the same on the product's card, its page, the quote and the
 * order.
 */
import { describe, expect, it } from 'vitest';
import type { OrderView } from '@cloud/contract';
import type { Actor, UseCaseContext } from '@cloud/services/context';
import { listProducts } from '@cloud/services/catalog/list-products';
import { productDetail } from '@cloud/services/catalog/product-detail';
import { Failure } from '@cloud/services/failure';
import { cancelExpiredOrders, cancelOrder } from '@cloud/services/orders/cancel-order';
import { createOrder, type OrderRequest } from '@cloud/services/orders/create-order';
import { quoteOrder } from '@cloud/services/orders/quote-order';
import { backends, useTestDatabase } from '../support/databases';
import { addressOf, at, ctxAt, memberJoinedAt } from '../support/fixtures';
import { testProduct } from '../support/products';

function ok<T>(value: T | Failure): T {
  if (value instanceof Failure) throw new Error(`${value.code}: ${value.message}`);
  return value;
}

// 金卡 pays 95% of the list price: ¥399 → ¥379.05.
const LIST_FEN = 39_900;
const GOLD_FEN = 37_905;
const FLASH_FEN = 9900;

describe.each(backends)('flash-sale allowance on %s', (backend) => {
  const t = useTestDatabase(backend);
  let n = 0;

  async function goldMember(openid: string): Promise<Actor> {
    const member = await memberJoinedAt(t.db, openid, '2026-11-01 08:00:00');
    await t.db.query("update members set tier = 'gold', tier_since = '2026-11-01' where id = $1", [member.memberId]);
    return { ...member, tier: 'gold' };
  }

  const flashProduct = (perMemberLimit: number) =>
    testProduct(t.db, {
      skus: [{ color: '黑色', size: 'M', priceFen: LIST_FEN, stock: 10 }],
      flash: { priceFen: FLASH_FEN, stock: 5, perMemberLimit, startsAt: at('2026-11-23 10:00:00'), endsAt: at('2026-11-23 12:00:00') },
    });

  const place = async (ctx: UseCaseContext, member: Actor, params: Omit<OrderRequest, 'addressId' | 'requestId'>) =>
    createOrder(ctx, member, { addressId: await addressOf(t.db, member), requestId: `allowance-${++n}`, ...params });

  /** What the product's card and page say of my allowance and price, and what checkout quotes for one. */
  async function pageAndQuote(ctx: UseCaseContext, member: Actor, productId: string, skuId: string) {
    const page = ok(await productDetail(ctx, member, { productId }));
    const quote = ok(await quoteOrder(ctx, member, { skuId, qty: 1, couponId: null }));
    const card = (await listProducts(ctx, member, { categoryId: page.category.id })).items.find((c) => c.id === productId)!;
    return {
      mine: page.flashSale!.mine,
      card: { memberPriceFen: card.memberPriceFen, mine: card.flashSale!.mine },
      page: { memberPriceFen: page.memberPriceFen, sku: { memberPriceFen: page.skus[0]!.memberPriceFen, flash: page.skus[0]!.flash } },
      quote: { unitPriceFen: quote.unitPriceFen, flashSale: quote.flashSale, flashAllowance: quote.flashAllowance },
    };
  }

  const atFlash = (mine: { used: number; left: number; limit: number }) => ({
    mine,
    card: { memberPriceFen: FLASH_FEN, mine },
    page: { memberPriceFen: FLASH_FEN, sku: { memberPriceFen: FLASH_FEN, flash: true } },
    quote: { unitPriceFen: FLASH_FEN, flashSale: true, flashAllowance: mine },
  });
  const atMemberPrice = (mine: { used: number; left: number; limit: number }) => ({
    mine,
    card: { memberPriceFen: GOLD_FEN, mine },
    page: { memberPriceFen: GOLD_FEN, sku: { memberPriceFen: GOLD_FEN, flash: false } },
    quote: { unitPriceFen: GOLD_FEN, flashSale: false, flashAllowance: mine },
  });

  it('once my allowance is used the page and checkout both charge my member price; a cancelled order gives it back', async () => {
    const { productId, skus, flashSaleId } = await flashProduct(1);
    const skuId = skus[0]!.id;
    const member = await goldMember('allowance-member');
    const other = await goldMember('allowance-other');
    const ctx = ctxAt(t.db, '2026-11-23 10:05:00');

    expect(await pageAndQuote(ctx, member, productId, skuId)).toEqual(atFlash({ limit: 1, used: 0, left: 1 }));
    const flashOrder = ok(await place(ctx, member, { skuId, qty: 1 }));
    expect(flashOrder).toMatchObject({ flashSale: true, totalFen: FLASH_FEN });

    // Unpaid, the order already holds my allowance: the page and the quote agree on the member price.
    expect(await pageAndQuote(ctx, member, productId, skuId)).toEqual(atMemberPrice({ limit: 1, used: 1, left: 0 }));
    expect(await pageAndQuote(ctx, other, productId, skuId)).toEqual(atFlash({ limit: 1, used: 0, left: 1 }));

    // Bought at the member price: charged what the quote said, the sale's stock and my count untouched.
    const quoted = ok(await quoteOrder(ctx, member, { skuId, qty: 2, couponId: null }));
    const memberOrder: OrderView = ok(await place(ctx, member, { skuId, qty: 2, expectedTotalFen: quoted.totalFen }));
    expect(memberOrder).toMatchObject({ flashSale: false, unitPriceFen: GOLD_FEN, totalFen: quoted.totalFen });
    const { rows: sale } = await t.db.query<{ taken: number }>('select taken from flash_sales where id = $1', [flashSaleId]);
    expect(sale[0]!.taken).toBe(1);

    ok(await cancelOrder(ctx, member, { orderId: flashOrder.id }));
    expect(await pageAndQuote(ctx, member, productId, skuId)).toEqual(atFlash({ limit: 1, used: 0, left: 1 }));
  });

  it('an unpaid order that expires gives the allowance back when the sweep cancels it, not before', async () => {
    const { productId, skus } = await flashProduct(1);
    const skuId = skus[0]!.id;
    const member = await goldMember('allowance-expiry');
    ok(await place(ctxAt(t.db, '2026-11-23 10:05:00'), member, { skuId, qty: 1 }));

    // Past its payment window but not yet swept: still held, as the reservation holds it.
    const late = ctxAt(t.db, '2026-11-23 10:25:00');
    expect(await pageAndQuote(late, member, productId, skuId)).toEqual(atMemberPrice({ limit: 1, used: 1, left: 0 }));
    expect(await cancelExpiredOrders(t.db, null, late.now)).toEqual({ cancelled: 1, failed: 0 });
    expect(await pageAndQuote(late, member, productId, skuId)).toEqual(atFlash({ limit: 1, used: 0, left: 1 }));
  });

  it('an allowance partly used: more than what is left is refused with what is left, what is left sells at the flash price', async () => {
    const { productId, skus } = await flashProduct(2);
    const skuId = skus[0]!.id;
    const member = await goldMember('allowance-partly');
    const ctx = ctxAt(t.db, '2026-11-23 10:05:00');
    ok(await place(ctx, member, { skuId, qty: 1 }));

    expect(await pageAndQuote(ctx, member, productId, skuId)).toEqual(atFlash({ limit: 2, used: 1, left: 1 }));
    const refused = await quoteOrder(ctx, member, { skuId, qty: 2 });
    expect(refused).toBeInstanceOf(Failure);
    expect(refused).toMatchObject({ code: 'FLASH_SALE_LIMIT', message: '秒杀商品每人限购 2 件，你还可抢购 1 件' });
    expect(await place(ctx, member, { skuId, qty: 2 })).toMatchObject({ code: 'FLASH_SALE_LIMIT' });
    expect(ok(await place(ctx, member, { skuId, qty: 1 }))).toMatchObject({ flashSale: true, totalFen: FLASH_FEN });
    expect(await pageAndQuote(ctx, member, productId, skuId)).toEqual(atMemberPrice({ limit: 2, used: 2, left: 0 }));
  });
});
