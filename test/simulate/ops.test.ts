// @vitest-environment jsdom
/**
 * The 运营 tab page of the real weapp build (dist/weapp), run by miniprogram-simulate with
 * WeChat's official WXML compiler, signed in through wx.login as the demo admin: the workbench
 * shows the layers (after 立即计算 when no run has happened yet) and the entries to the admin
 * subpackage; WeChat's custom tab bar, loaded beside it, shows the fourth tab 运营, marked.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DIST, openPage, tap, textOf, waitFor, type WeappEnv } from './weapp-runtime';

const require = createRequire(import.meta.url);
let env: WeappEnv & { detach(): void };

describe('weapp build: 运营 tab', () => {
  beforeAll(async () => {
    env = await openPage('pages/ops/index', { serverUrl: inject('simulateServerUrl'), openid: 'demo-admin' });
  });
  afterAll(() => env?.detach());

  it('signs the admin in and shows the workbench: the layers (computed on 立即计算 before the first run) and the entries', async () => {
    await waitFor('the workbench', () => textOf(env).includes('会员分层') && (textOf(env).includes('立即计算') || textOf(env).includes('计算 · 共')));
    expect(env.requests.map((r) => `${r.method} ${r.url} ${r.status}`)).toContain('POST /api/auth/login 200');
    expect(env.storage.get('session.role')).toBe('admin');
    if (textOf(env).includes('立即计算')) {
      tap(env.page().dom.querySelector('[class*="empty-state__action"]')!);
      await waitFor('the layers after the run', () => textOf(env).includes('计算 · 共'), 30_000);
    }
    const layers = [...env.page().dom.querySelectorAll('[class*="ops-page__layer-name"]')].map((n) => n.textContent?.trim());
    expect(layers).toEqual(['新客', '高价值', '潜力', '沉睡', '流失预警', '一般']);
    const text = textOf(env);
    expect(text).toContain('查找会员 · 调整积分 · 发券 · 打标签');
    expect(text).toContain('规则分群 · 实时预览 · 给分群发券');
    expect(env.requests.filter((r) => r.url === '/api/fn/admin').every((r) => r.status === 200)).toBe(true);
  });

  it('WeChat’s custom tab bar shows the admin four tabs, 运营 marked', async () => {
    const simulate = require('miniprogram-simulate') as typeof import('miniprogram-simulate');
    // Taro's component definition carries `behaviors` as an object, where j-component reads an array.
    const g = globalThis as { Component?: (def: Record<string, unknown>) => unknown };
    const register = g.Component!;
    g.Component = (def) => register(Array.isArray(def.behaviors) ? def : { ...def, behaviors: [] });
    let id: string;
    try {
      id = simulate.load(path.join(DIST, 'custom-tab-bar/index'), { compiler: 'official', rootPath: DIST });
    } finally {
      g.Component = register;
    }
    const bar = simulate.render(id);
    const parent = document.createElement('tab-bar-wrapper');
    document.body.appendChild(parent);
    bar.attach(parent);
    try {
      const dom = (bar as unknown as { dom: HTMLElement }).dom;
      await waitFor('the tabs', () => dom.querySelectorAll('[class*="tab-bar__item"]').length === 4);
      const items = [...dom.querySelectorAll('[class*="tab-bar__item"]')];
      expect(items.map((i) => i.textContent?.replace(/\s+/g, ''))).toEqual(['首页', '签到', '我的', '运营']);
      expect(items.filter((i) => (i.getAttribute('class') ?? '').includes('tab-bar__item--active')).map((i) => i.textContent?.replace(/\s+/g, ''))).toEqual(['运营']);
    } finally {
      bar.detach();
    }
  });
});
