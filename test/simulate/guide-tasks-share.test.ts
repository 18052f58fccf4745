// @vitest-environment jsdom
/**
 * 今日任务 of the real weapp build (the guide subpackage), run by miniprogram-simulate against the
 * real server: 发送商品卡 (a share button carrying the task's product) sends the guide's own share
 * of the product — its path carries the guide's share id, attributed as any share.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openPage, waitFor, type WeappEnv } from './weapp-runtime';

// One page per file: the simulated WeChat runtime loads app.js once.
let env: (WeappEnv & { detach(): void }) | null = null;
afterAll(() => env?.detach());

const serverUrl = () => inject('simulateServerUrl');

async function api(fn: string, body: object, token: string) {
  const res = await fetch(`${serverUrl()}/api/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return (await res.json()).data;
}

describe('weapp build: 今日任务', () => {
  it('发送商品卡 shares the task’s product as the guide’s own card', async () => {
    const openid = `sim-guide-${Date.now().toString(36)}`;
    const login = await fetch(`${serverUrl()}/api/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid, role: 'guide' }),
    }).then((r) => r.json());
    const products = await api('catalog', { action: 'list' }, login.data.token);
    const product = products.items[0] as { id: string; name: string };

    env = await openPage('packages/guide/tasks/index', { serverUrl: serverUrl(), openid });
    await waitFor('the tasks', () => env!.requests.some((r) => r.url === '/api/fn/guide' && r.status === 200));
    const card = await env.page().instance.onShareAppMessage?.({
      from: 'button',
      target: { dataset: { productId: product.id, productName: product.name } },
    });
    // Before the share answers, the plain product page with its name; then my own share of it.
    expect(card).toMatchObject({ title: product.name, path: `/packages/shop/product/index?id=${product.id}` });
    const shared = (await card.promise) as { path: string; title: string };
    expect(shared.title).toBe(product.name);
    expect(shared.path).toMatch(new RegExp(`^/packages/shop/product/index\\?id=${product.id}&share=[0-9A-Za-z]{10}$`));
    const shares = await api('guide', { action: 'dashboard', days: 1 }, login.data.token);
    expect(shares.shares.map((s: { shareId: string }) => s.shareId)).toContain(shared.path.split('share=')[1]);
  });
});
