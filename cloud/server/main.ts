/** `npm start`: opens the database, loads demo data on first start, serves API and H5. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../db/open';
import { DEMO_IDENTITIES, seedDemoData } from '../seed/demo-data';
import { adaptersFromEnv } from '../adapters';
import { buildServer } from './app';
import { ConfigError, readServerEnv } from './config';
import { sessionKeys } from './session';
import { wechatHttpAuth } from '../adapters/wechat/wechat-auth';
import { localSender } from '../adapters/messages/message-sender';
import { wechatSubscribeSender } from '../adapters/messages/wechat-subscribe-sender';
import { startScheduler } from './scheduler';

/**
 * A development secret (sessions, sandbox payment notices), made once at random and kept beside
 * the data, so that sign-ins survive restarts and nobody else knows it.
 */
function developmentSecret(dataDir: string, name: 'session-secret' | 'sandbox-pay-secret'): string {
  const file = path.resolve(dataDir, name);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(32).toString('hex');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

async function main() {
  const env = readServerEnv();
  const devMode = env.devMode;
  const started = Date.now();
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, poolMax: env.DB_POOL_MAX });
  const adapters = adaptersFromEnv(process.env, { devMode, sandboxSecret: devMode ? developmentSecret(env.DATA_DIR, 'sandbox-pay-secret') : null });
  const seeded = devMode && (await seedDemoData(db, new Date(), adapters));
  const app = await buildServer({
    db,
    adapters,
    devMode,
    sessions: sessionKeys(env.SESSION_SECRET ?? developmentSecret(env.DATA_DIR, 'session-secret')),
    wechat:
      env.WECHAT_APPID && env.WECHAT_SECRET
        ? wechatHttpAuth({ appid: env.WECHAT_APPID, secret: env.WECHAT_SECRET, apiBase: env.WECHAT_API_BASE })
        : null,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    trustProxy: env.TRUST_PROXY,
    h5Dir: env.H5_DIR,
    logLevel: env.LOG_LEVEL ?? (devMode ? 'warn' : 'info'),
  });
  const sender =
    env.WECHAT_APPID && env.WECHAT_SECRET && env.WECHAT_REMINDER_TEMPLATE_ID
      ? wechatSubscribeSender({
          appid: env.WECHAT_APPID,
          secret: env.WECHAT_SECRET,
          templateId: env.WECHAT_REMINDER_TEMPLATE_ID,
          tasksTemplateId: env.WECHAT_TASKS_TEMPLATE_ID,
          apiBase: env.WECHAT_API_BASE,
        })
      : localSender();
  const scheduler = env.SCHEDULER === 'on' ? startScheduler(db, { sender, payments: adapters.payments }) : null;
  const address = await app.listen({ port: env.PORT, host: env.HOST });
  const url = address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1');
  const store = env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${path.resolve(env.DATA_DIR)}`;
  const mode = devMode ? `development (NODE_ENV=${env.NODE_ENV})` : 'production';
  console.log(`\n私域会员 server ready in ${Date.now() - started} ms — ${mode}, database: ${store}${seeded ? ' (demo data loaded)' : ''}`);
  console.log(`  Open: ${url}/`);
  if (devMode) {
    console.log('  Demo identities (open one of these links):');
    for (const d of DEMO_IDENTITIES) console.log(`    ${d.label.padEnd(8)} ${url}/?as=${d.openid}&role=${d.role}`);
  }
  const stop = async () => {
    scheduler?.stop();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  // A setting the operator must fix is one line; anything else is a bug worth its stack.
  console.error(err instanceof ConfigError ? `Cannot start: ${err.message}` : err);
  process.exit(1);
});
