// @vitest-environment jsdom
/**
 * The product page of the real weapp build (a subpackage), run by miniprogram-simulate against
 * the real server: it shows the product and shares a card whose path carries my share id.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openPage, textOf, waitFor, type WeappEnv } from './weapp-runtime';

// One page per file: the simulated WeChat runtime loads app.js once.
let env: (WeappEnv & { detach(): void }) | null = null;
afterAll(() => env?.detach());

const serverUrl = () => inject('simulateServerUrl');

describe('weapp build: product page', () => {
  it('the product page shows the price and shares a card whose path carries the share id', async () => {
    const token = await fetch(`${serverUrl()}/api/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'sim-shop-admin', role: 'admin' }),
    }).then((r) => r.json());
    const products = await fetch(`${serverUrl()}/api/fn/catalog`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.data.token}` },
      body: JSON.stringify({ action: 'list' }),
    }).then((r) => r.json());
    const product = products.data.items[0] as { id: string; name: string };

    env = await openPage('packages/shop/product/index', { serverUrl: serverUrl(), openid: `sim-sharer-${Date.now().toString(36)}` }, { id: product.id });
    await waitFor('the product', () => textOf(env!).includes(product.name));
    await waitFor('the share', () => env!.requests.some((r) => r.url === '/api/fn/share' && r.status === 200));
    const card = await env.page().instance.onShareAppMessage?.({ from: 'button' });
    const shared = (await (card?.promise ?? card)) as { path: string; title: string };
    expect(shared.title).toBe(product.name);
    expect(shared.path).toMatch(new RegExp(`^/packages/shop/product/index\\?id=${product.id}&share=[0-9A-Za-z]{10}$`));
  });
});
