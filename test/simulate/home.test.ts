// @vitest-environment jsdom
/**
 * 首页 of the real weapp build (dist/weapp), run by miniprogram-simulate against the real server
 * with the demo brand: the catalogue's sections, with images from the server's address.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openPage, textOf, waitFor, type WeappEnv } from './weapp-runtime';

// One page per file: the simulated WeChat runtime loads app.js once.
let env: (WeappEnv & { detach(): void }) | null = null;
afterAll(() => env?.detach());

const serverUrl = () => inject('simulateServerUrl');

describe('weapp build: 首页', () => {
  it('首页 shows banners, 新款首发, 爆款秒杀 and categories from the server, images from its address', async () => {
    env = await openPage('pages/home/index', { serverUrl: serverUrl(), openid: `sim-home-${Date.now().toString(36)}` });
    await waitFor('the sections below the fold', () => textOf(env!).includes('爆款秒杀'));
    const text = textOf(env!);
    expect(text).toContain('爆款秒杀');
    expect(text).toContain('羊毛混纺开衫');
    // The weapp has no origin: image paths from the server get the API base (the build's default).
    const data = JSON.stringify(env.page().instance.data);
    expect(data).toMatch(/"http:\/\/127\.0\.0\.1:3000\/catalog-images\/[\w-]+\.svg"/);
    expect(data).not.toMatch(/"\/catalog-images/);
    expect(env.requests.map((r) => `${r.method} ${r.url} ${r.status}`)).toContain('POST /api/fn/catalog 200');
  });
});
