import net from 'node:net';
import { z } from 'zod';

/**
 * Development features (dev-login, the x-dev-now clock, demo data, the payment sandbox) exist
 * only when NODE_ENV is exactly one of these; any other value, or none, is production. A typo
 * (`Production`, `staging`) must fail closed, never hand out admin sign-ins.
 */
const DEVELOPMENT_ENVS = ['development', 'test'];

export function isDevelopment(nodeEnv: string | undefined): boolean {
  return nodeEnv !== undefined && DEVELOPMENT_ENVS.includes(nodeEnv);
}

/**
 * TRUST_PROXY: which hops may say who the client is (X-Forwarded-For). Unset: none, the socket's
 * address counts. A number: that many proxies in front (a load balancer = 1). Otherwise a
 * comma-separated list of proxy addresses or CIDR ranges.
 */
const trustProxy = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx): false | number | string[] => {
    if (!v) return false;
    if (/^\d+$/.test(v)) return Number(v);
    const list = v.split(',').map((s) => s.trim()).filter(Boolean);
    if (!list.every(isAddressOrRange)) {
      ctx.addIssue({ code: 'custom', message: 'a hop count or a comma-separated list of addresses / CIDR ranges' });
      return z.NEVER;
    }
    return list;
  });

/** An IPv4 or IPv6 address, optionally with a CIDR prefix that fits it (10.0.0.0/8, ::1/128). */
function isAddressOrRange(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  const family = net.isIP(address ?? '');
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Why the server cannot start, in one line for the operator (no stack trace). */
export class ConfigError extends Error {}

/** The Node server's settings, all from the environment. */
const schema = z.object({
  NODE_ENV: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('.data'),
  // A few connections per core: more only queue inside PostgreSQL (8 measured best on 2 cores).
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(8),
  SESSION_SECRET: z.string().min(32).optional(),
  WECHAT_APPID: z.string().optional(),
  WECHAT_SECRET: z.string().optional(),
  WECHAT_REMINDER_TEMPLATE_ID: z.string().optional(),
  /** The subscription-message template of a guide's 「今日任务」 reminder. */
  WECHAT_TASKS_TEMPLATE_ID: z.string().optional(),
  /** 'off' keeps this instance from running scheduled jobs (another instance or the timer function does). */
  SCHEDULER: z.enum(['on', 'off']).default('on'),
  WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  H5_DIR: z.string().default('dist/h5'),
  TRUST_PROXY: trustProxy,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

export type ServerEnv = z.infer<typeof schema> & { devMode: boolean };

export function readServerEnv(env: Record<string, string | undefined> = process.env): ServerEnv {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`Bad server environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const devMode = isDevelopment(parsed.data.NODE_ENV);
  if (!devMode && !parsed.data.SESSION_SECRET) {
    throw new ConfigError(
      `SESSION_SECRET (≥ 32 characters) is required in production (NODE_ENV=${parsed.data.NODE_ENV ?? 'unset'}; development features need NODE_ENV=development)`,
    );
  }
  return { ...parsed.data, devMode };
}
