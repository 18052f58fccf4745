/**
 * Before the simulate suites: build the weapp when missing or stale (never skip), then start
 * a stand-in for WeChat's login API and the real Node server signing in through it.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startTestServer } from '../support/server';
import { startFakeWeChatLogin } from '../support/fake-wechat';

declare module 'vitest' {
  export interface ProvidedContext {
    simulateServerUrl: string;
  }
}

const ROOT = path.resolve(__dirname, '../..');

export function ensureBuilt(type: 'weapp' | 'h5') {
  const result = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['config/scripts/ensure-build.ts', type], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`ensure-build ${type} failed (exit ${result.status})`);
}

export default async function setup(project: TestProject) {
  ensureBuilt('weapp');
  const wechat = await startFakeWeChatLogin();
  const server = await startTestServer({ wechatApiBase: wechat.url });
  project.provide('simulateServerUrl', server.url);
  return async () => {
    await server.close();
    await wechat.close();
  };
}
