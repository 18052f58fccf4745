/** Starts the real Node server for tests: fresh in-memory PGlite, demo data, the H5 build if present. */
import crypto from 'node:crypto';
import path from 'node:path';
import { buildServer } from '@cloud/server/app';
import { sessionKeys } from '@cloud/server/session';
import { wechatHttpAuth } from '@cloud/adapters/wechat/wechat-auth';
import { openTestPglite } from './pglite-template';
import { seedDemoData } from '@cloud/seed/demo-data';
import type { Db } from '@cloud/db/port';
import { adapters } from './fixtures';

export interface TestServer {
  url: string;
  db: Db;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Base URL of a local stand-in for WeChat's API; WeChat sign-in is off without it. */
  wechatApiBase?: string;
  /** An already open database (e.g. PostgreSQL); default a fresh in-memory PGlite. */
  db?: Db;
  devMode?: boolean;
  rateLimitPerMinute?: number;
  trustProxy?: false | number | string[];
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const db = options.db ?? (await openTestPglite());
  if (!options.db) await seedDemoData(db, new Date(), adapters);
  const app = await buildServer({
    db,
    adapters,
    sessions: sessionKeys(crypto.randomBytes(32).toString('hex')),
    wechat: options.wechatApiBase
      ? wechatHttpAuth({ appid: 'wx-test-appid', secret: 'test-secret', apiBase: options.wechatApiBase })
      : null,
    devMode: options.devMode ?? true,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 10_000,
    trustProxy: options.trustProxy,
    h5Dir: path.resolve(__dirname, '../../dist/h5'),
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    db,
    async close() {
      await app.close();
      if (!options.db) await db.close();
    },
  };
}
