/** A category's products: catalog.list {categoryId}, then 加载更多 with the server's cursor. */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CategoryScreen } from '@/packages/shop/category';
import { setTransport } from '@/services/transports';
import { actionOf, fakeTransport } from './fake-transport';
import { card, stubIntersectionObserver } from './shop-fixtures';

beforeAll(stubIntersectionObserver);
afterEach(() => {
  cleanup();
  setTransport(null);
});

const names = () => [...document.querySelectorAll('.product-card__name')].map((n) => n.textContent);

describe('category page', () => {
  it('lists the category a page at a time, sold-out products marked', async () => {
    const calls = fakeTransport((c) => {
      if (actionOf(c) !== 'catalog.list') throw new Error(`unexpected ${actionOf(c)}`);
      return c.payload.cursor
        ? { items: [card({ id: '9', name: '厚底乐福鞋', soldOut: true })], nextCursor: null }
        : { items: [card({ id: '7', name: '复古德训鞋' }), card({ id: '8', name: '切尔西靴' })], nextCursor: '2' };
    });
    render(<CategoryScreen categoryId='3' />);
    await waitFor(() => expect(names()).toEqual(['复古德训鞋', '切尔西靴']));
    await act(async () => {
      fireEvent.click(document.querySelector('.category-page__more')!);
    });
    await waitFor(() => expect(names()).toEqual(['复古德训鞋', '切尔西靴', '厚底乐福鞋']));
    expect(calls.map((c) => c.payload)).toEqual([
      { action: 'list', categoryId: '3' },
      { action: 'list', categoryId: '3', cursor: '2' },
    ]);
    expect(document.querySelector('[data-product="9"] .product-card__sold-out')!.textContent).toBe('已售罄');
    expect(document.querySelector('.category-page__end')!.textContent).toBe('没有更多了');
  });
});
