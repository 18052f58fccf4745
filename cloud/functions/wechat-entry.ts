/**
 * The WeChat cloud-function host: identity from cloud.getWXContext() (never from the event),
 * the database from DATABASE_URL (a PostgreSQL server), the schema brought up to date once
 * per cold start. build:cloud bundles one of these per function.
 */
import cloud from 'wx-server-sdk';
import { ERRORS, type Envelope, type FunctionName } from '../contract';
import { migrate } from '../db/migrate';
import type { Db } from '../db/port';
import { openPostgres } from '../db/postgres';
import { runDueJobs, type JobReport } from '../services/jobs/daily-jobs';
import { localSender, type MessageSender } from '../adapters/messages/message-sender';
import { adaptersFromEnv, type Adapters } from '../adapters';
import { invoke, type FunctionDef } from './runtime';

let ready: Promise<Db> | null = null;
let adapters: Adapters | null = null;

/** Once per cold start: the adapters keep caches (WeChat's access token) between calls. A cloud function is always production. */
const hostAdapters = () => (adapters ??= adaptersFromEnv(process.env, { devMode: false, sandboxSecret: null }));

function database(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set for this cloud function');
  ready ??= (async () => {
    const db = openPostgres(url, { max: 2 });
    await migrate(db);
    return db;
  })().catch((err) => {
    ready = null;
    throw err;
  });
  return ready;
}

export function wechatMain<F extends FunctionName>(name: F, def: FunctionDef<F>) {
  // The SDK's typings omit its own DYNAMIC_CURRENT_ENV symbol.
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  return async function main(event: unknown): Promise<Envelope<unknown>> {
    const { OPENID } = cloud.getWXContext();
    try {
      return await invoke(name, def, {
        event,
        identity: OPENID ? { openid: String(OPENID) } : null,
        now: new Date(),
        db: await database(),
        adapters: hostAdapters(),
      });
    } catch (err) {
      console.error(`[fn ${name}] host failure`, err);
      return { ok: false, error: { code: 'INTERNAL', message: ERRORS.INTERNAL.message } };
    }
  };
}

/** Reminders through the cloud's own openapi (no access token to manage inside WeChat cloud). */
function cloudSender(templateId: string): MessageSender {
  return {
    async send(message) {
      await cloud.openapi.subscribeMessage.send({
        touser: message.openid,
        page: message.payload.page,
        templateId,
        data: { thing1: { value: '今天还没签到哦' }, thing2: { value: '连续签到有惊喜，别断签' } },
      });
    },
  };
}

export function wechatJobsMain() {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  return async function main(): Promise<JobReport[]> {
    const templateId = process.env.WECHAT_REMINDER_TEMPLATE_ID;
    return runDueJobs(await database(), {
      sender: templateId ? cloudSender(templateId) : localSender(),
      payments: hostAdapters().payments,
    });
  };
}
