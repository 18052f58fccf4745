/**
 * Before the simulate suites: build the weapp when missing or stale (never skip; the build
 * `npm run size` made is reused), then start a stand-in for WeChat's login API and the real
 * Node server signing in through it.
 */
import type { TestProject } from 'vitest/node';
import { ensureBuild } from '../../config/scripts/ensure-build';
import { startTestServer } from '../support/server';
import { startFakeWeChatLogin } from '../support/fake-wechat';

declare module 'vitest' {
  export interface ProvidedContext {
    simulateServerUrl: string;
  }
}

export default async function setup(project: TestProject) {
  ensureBuild('weapp');
  const wechat = await startFakeWeChatLogin();
  const server = await startTestServer({ wechatApiBase: wechat.url });
  project.provide('simulateServerUrl', server.url);
  return async () => {
    await server.close();
    await wechat.close();
  };
}
