/**
 * The WeChat cloud-function host: identity from cloud.getWXContext() (never from the event),
 * the database from DATABASE_URL (a PostgreSQL server), whose schema is migrated as a deploy
 * step (`npm run migrate`), never here. build:cloud bundles one of these per function.
 */
import cloud from 'wx-server-sdk';
import { ERRORS, type Envelope, type FunctionName } from '../contract';
import { schemaStatus } from '../db/migrate';
import type { Db } from '../db/port';
import { openPostgres } from '../db/postgres';
import { runDueJobs } from '../services/jobs/daily-jobs';
import type { JobReport } from '../services/jobs/job';
import { localSender, subscriptionTemplate, type MessageSender, type ReminderTemplates } from '../adapters/messages/message-sender';
import { adaptersFromEnv, type Adapters } from '../adapters';
import { invoke, type FunctionDef } from './runtime';

let pool: Db | null = null;
let schemaChecked = false;
let behindLogged = false;
let adapters: Adapters | null = null;

/** Once per cold start: the adapters keep caches (WeChat's access token) between calls. A cloud function is always production. */
const hostAdapters = () => (adapters ??= adaptersFromEnv(process.env, { devMode: false, sandboxSecret: null }));

const SCHEMA_BEHIND: Envelope<never> = { ok: false, error: { code: 'SCHEMA_BEHIND', message: ERRORS.SCHEMA_BEHIND.message } };

/**
 * The database, or null while its schema is behind this code. The schema version is checked
 * once per cold start; while it is behind, at every call, so that instances recover as soon as
 * `npm run migrate` has run. A database ahead of the code (migrated for the next release) is fine.
 */
async function database(): Promise<Db | null> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set for this cloud function');
  pool ??= openPostgres(url, { max: 2 });
  if (!schemaChecked) {
    const status = await schemaStatus(pool);
    if (status.missing.length) {
      if (!behindLogged) {
        console.error(`database schema is at version ${status.current}, this code needs ${status.needed}: run \`npm run migrate\``);
      }
      behindLogged = true;
      return null;
    }
    schemaChecked = true;
  }
  return pool;
}

export function wechatMain<F extends FunctionName>(name: F, def: FunctionDef<F>) {
  // The SDK's typings omit its own DYNAMIC_CURRENT_ENV symbol.
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  return async function main(event: unknown): Promise<Envelope<unknown>> {
    const { OPENID } = cloud.getWXContext();
    try {
      const db = await database();
      if (!db) return SCHEMA_BEHIND;
      return await invoke(name, def, {
        event,
        identity: OPENID ? { openid: String(OPENID) } : null,
        now: new Date(),
        db,
        adapters: hostAdapters(),
      });
    } catch (err) {
      console.error(`[fn ${name}] host failure`, err);
      return { ok: false, error: { code: 'INTERNAL', message: ERRORS.INTERNAL.message } };
    }
  };
}

/** Reminders through the cloud's own openapi (no access token to manage inside WeChat cloud). */
function cloudSender(templates: ReminderTemplates): MessageSender {
  return {
    async send(message) {
      const template = subscriptionTemplate(message, templates);
      await cloud.openapi.subscribeMessage.send({
        touser: message.openid,
        page: message.payload.page,
        templateId: template.id,
        data: template.data,
      });
    },
  };
}

/** WeChat's default time limit of a cloud function call, when the context does not say (it may be set up to 60 s). */
const DEFAULT_TIME_LIMIT_MS = 3_000;
/** Kept free at the end of a call for the per-tick work after the daily batches (unpaid orders, outbox) and the reply. */
const RESERVE_MS = 1_000;

export function wechatJobsMain() {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  return async function main(_event: unknown, context?: { time_limit_in_ms?: number }): Promise<Envelope<JobReport[]>> {
    const started = Date.now();
    const db = await database();
    if (!db) return SCHEMA_BEHIND;
    const templateId = process.env.WECHAT_REMINDER_TEMPLATE_ID;
    const limit = context?.time_limit_in_ms ?? DEFAULT_TIME_LIMIT_MS;
    const reports = await runDueJobs(
      db,
      {
        sender: templateId ? cloudSender({ templateId, tasksTemplateId: process.env.WECHAT_TASKS_TEMPLATE_ID }) : localSender(),
        payments: hostAdapters().payments,
      },
      new Date(),
      // Stops between batches before the call's time limit; the next timer call continues.
      { deadline: started + limit - RESERVE_MS },
    );
    return { ok: true, data: reports };
  };
}
