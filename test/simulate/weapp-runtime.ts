/**
 * Runs the Taro **weapp build** (dist/weapp) inside miniprogram-simulate: App/getApp/
 * getCurrentPages/Page stand-ins, and the `wx` APIs the app uses, behaving as WeChat's do
 * (callbacks, errMsg, storage, wx.request over the network to the real server).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { mintCode } from '../support/fake-wechat';

const require = createRequire(import.meta.url);
export const DIST = path.resolve(__dirname, '../../dist/weapp');
/** The server base the weapp build calls by default (src/services/config.ts). */
const BUILD_API_BASE = 'http://127.0.0.1:3000';

type Callbacks<T> = { success?(res: T): void; fail?(err: { errMsg: string }): void; complete?(res: unknown): void };

function answer<T>(opts: Callbacks<T> | undefined, res: T) {
  setTimeout(() => {
    opts?.success?.(res);
    opts?.complete?.(res);
  }, 0);
}

function failWith(opts: Callbacks<unknown> | undefined, errMsg: string) {
  setTimeout(() => {
    opts?.fail?.({ errMsg });
    opts?.complete?.({ errMsg });
  }, 0);
}

export interface WeappEnv {
  storage: Map<string, unknown>;
  toasts: string[];
  requests: { method: string; url: string; status: number }[];
  page(): PageInstance;
}

interface PageInstance {
  dom: HTMLElement;
  /** The page's own instance: its lifecycle methods (onShareAppMessage …). */
  instance: Record<string, any>;
}

export interface WxOptions {
  /** The real server the requests go to (stands in for the build's API base). */
  serverUrl: string;
  /** The WeChat user wx.login signs in as. */
  openid: string;
}

export function createWx(options: WxOptions, env: Pick<WeappEnv, 'storage' | 'toasts' | 'requests'>) {
  const systemInfo = {
    brand: 'devtools',
    model: 'iPhone 13',
    pixelRatio: 3,
    screenWidth: 390,
    screenHeight: 844,
    windowWidth: 390,
    windowHeight: 750,
    statusBarHeight: 47,
    language: 'zh_CN',
    version: '8.0.50',
    system: 'iOS 17.0',
    platform: 'devtools',
    SDKVersion: '3.3.4',
  };
  return {
    getSystemInfoSync: () => ({ ...systemInfo }),
    getSystemInfo: (o: Callbacks<typeof systemInfo>) => answer(o, { ...systemInfo }),
    getWindowInfo: () => ({ ...systemInfo }),
    getDeviceInfo: () => ({ ...systemInfo }),
    getAppBaseInfo: () => ({ ...systemInfo }),
    getLaunchOptionsSync: () => ({ path: 'pages/checkin/index', query: {}, scene: 1001 }),
    getEnterOptionsSync: () => ({ path: 'pages/checkin/index', query: {}, scene: 1001 }),
    canIUse: () => true,
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    login(o: Callbacks<{ code: string; errMsg: string }>) {
      answer(o, { code: mintCode(options.openid), errMsg: 'login:ok' });
    },
    checkSession: (o: Callbacks<{ errMsg: string }>) => answer(o, { errMsg: 'checkSession:ok' }),
    getStorageSync: (key: string) => (env.storage.has(key) ? env.storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void env.storage.set(key, value),
    removeStorageSync: (key: string) => void env.storage.delete(key),
    clearStorageSync: () => env.storage.clear(),
    getStorage(o: Callbacks<{ data: unknown; errMsg: string }> & { key: string }) {
      if (env.storage.has(o.key)) answer(o, { data: env.storage.get(o.key), errMsg: 'getStorage:ok' });
      else failWith(o, 'getStorage:fail data not found');
    },
    setStorage(o: Callbacks<{ errMsg: string }> & { key: string; data: unknown }) {
      env.storage.set(o.key, o.data);
      answer(o, { errMsg: 'setStorage:ok' });
    },
    showToast(o: Callbacks<{ errMsg: string }> & { title: string }) {
      env.toasts.push(o.title);
      answer(o, { errMsg: 'showToast:ok' });
    },
    hideToast: (o?: Callbacks<{ errMsg: string }>) => answer(o, { errMsg: 'hideToast:ok' }),
    showLoading: (o?: Callbacks<{ errMsg: string }>) => answer(o, { errMsg: 'showLoading:ok' }),
    hideLoading: (o?: Callbacks<{ errMsg: string }>) => answer(o, { errMsg: 'hideLoading:ok' }),
    setNavigationBarTitle: (o?: Callbacks<{ errMsg: string }>) => answer(o, { errMsg: 'setNavigationBarTitle:ok' }),
    /** Like WeChat's: resolves for every HTTP status; `fail` only when there is no answer. */
    request(
      o: Callbacks<{ data: unknown; statusCode: number; header: Record<string, string>; errMsg: string }> & {
        url: string;
        method?: string;
        data?: unknown;
        header?: Record<string, string>;
        dataType?: string;
      },
    ) {
      const method = (o.method ?? 'GET').toUpperCase();
      let url = o.url.startsWith(BUILD_API_BASE) ? options.serverUrl + o.url.slice(BUILD_API_BASE.length) : o.url;
      let body: string | undefined;
      if (method === 'GET' && o.data && typeof o.data === 'object') {
        const qs = new URLSearchParams(o.data as Record<string, string>).toString();
        if (qs) url += (url.includes('?') ? '&' : '?') + qs;
      } else if (o.data !== undefined) {
        body = typeof o.data === 'string' ? o.data : JSON.stringify(o.data);
      }
      const headers: Record<string, string> = { 'content-type': 'application/json', ...o.header };
      fetch(url, { method, headers, body })
        .then(async (r) => {
          const text = await r.text();
          let data: unknown = text;
          if (o.dataType !== 'text') {
            try {
              data = JSON.parse(text);
            } catch {
              // WeChat keeps the string when it is not JSON
            }
          }
          env.requests.push({ method, url: url.replace(options.serverUrl, ''), status: r.status });
          const res = { data, statusCode: r.status, header: Object.fromEntries(r.headers), errMsg: 'request:ok' };
          o.success?.(res);
          o.complete?.(res);
        })
        .catch((err: Error) => {
          o.fail?.({ errMsg: `request:fail ${err.message}` });
          o.complete?.({ errMsg: `request:fail ${err.message}` });
        });
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
    },
  };
}

interface PageConfig {
  data?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Loads dist/weapp/app.js (the Taro app) and one page of it as a simulated component whose
 * `attached` runs the page's onLoad/onShow/onReady, as WeChat does when it opens a page.
 */
export async function openPage(
  route: string,
  options: WxOptions,
  query: Record<string, string> = {},
): Promise<WeappEnv & { detach(): void }> {
  const simulate = require('miniprogram-simulate') as typeof import('miniprogram-simulate');
  const env = { storage: new Map<string, unknown>(), toasts: [] as string[], requests: [] as WeappEnv['requests'] };
  const g = globalThis as Record<string, unknown>;
  g.wx = Object.assign((g.wx as object) ?? {}, createWx(options, env));

  let app: Record<string, any> | null = null;
  const pages: any[] = [];
  g.App = (config: Record<string, any>) => {
    app = config;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => pages;
  g.Page = (config: PageConfig) => {
    const methods: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(config)) if (typeof value === 'function') methods[key] = value;
    (g.Component as (c: unknown) => void)({
      data: config.data ?? {},
      methods,
      lifetimes: {
        attached(this: any) {
          this.route = route;
          this.__route__ = route;
          pages.push(this);
          this.onLoad?.(query);
          this.onShow?.();
        },
        ready(this: any) {
          this.onReady?.();
        },
        detached(this: any) {
          this.onUnload?.();
        },
      },
    });
  };

  for (const key of Object.keys(require.cache)) if (key.startsWith(DIST)) delete require.cache[key];
  require(path.join(DIST, 'app.js'));
  if (!app) throw new Error('dist/weapp/app.js did not call App()');
  const launched = app as Record<string, any>;
  launched.onLaunch?.call(launched, { path: route, query, scene: 1001 });
  launched.onShow?.call(launched, { path: route, query, scene: 1001 });

  const id = simulate.load(path.join(DIST, route), { compiler: 'official', rootPath: DIST });
  const comp = simulate.render(id);
  const parent = document.createElement('parent-wrapper');
  document.body.appendChild(parent);
  comp.attach(parent);
  return {
    ...env,
    page: () => comp as unknown as PageInstance,
    detach: () => comp.detach(),
  };
}

/** The page's visible text. */
export function textOf(env: WeappEnv): string {
  return env.page().dom.textContent?.replace(/\s+/g, ' ') ?? '';
}

/** Taps a node the way WeChat's runtime would see it: touchstart then touchend. */
export function tap(el: Element) {
  const touch = { identifier: 0, pageX: 10, pageY: 10, clientX: 10, clientY: 10, target: el };
  for (const type of ['touchstart', 'touchend'] as const) {
    const evt = new Event(type, { bubbles: true, cancelable: true });
    Object.assign(evt, {
      touches: type === 'touchstart' ? [touch] : [],
      changedTouches: [touch],
    });
    el.dispatchEvent(evt);
  }
}

export async function waitFor<T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
