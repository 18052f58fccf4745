import { describe, expect, it } from 'vitest';
import { card, flashSale } from '../../../test/components/shop-fixtures';
import { cardPrice } from '.';

describe('cardPrice', () => {
  it.each([
    ['a live flash sale I may still take', card({ priceFen: 39_900, memberPriceFen: 9900, flashSale: flashSale({ priceFen: 9900 }) }), { fen: 9900, wasFen: 39_900, label: '秒杀价' }],
    ['my limit used up: my member price', card({ priceFen: 39_900, memberPriceFen: 37_905, flashSale: flashSale({ priceFen: 9900, perMemberLimit: 1 }, 1) }), { fen: 37_905, wasFen: 39_900, label: '会员价' }],
    ['an upcoming sale: my member price', card({ priceFen: 39_900, memberPriceFen: 37_905, flashSale: flashSale({ state: 'upcoming' }) }), { fen: 37_905, wasFen: 39_900, label: '会员价' }],
    ['no discount at all', card({ priceFen: 39_900, memberPriceFen: 39_900, flashSale: null }), { fen: 39_900, wasFen: 39_900, label: null }],
  ])('%s', (_name, product, price) => {
    expect(cardPrice(product)).toEqual(price);
  });
});
