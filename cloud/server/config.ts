import { z } from 'zod';

/** The Node server's settings, all from the environment. */
const schema = z.object({
  NODE_ENV: z.string().default('development'),
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
  /** 'off' keeps this instance from running scheduled jobs (another instance or the timer function does). */
  SCHEDULER: z.enum(['on', 'off']).default('on'),
  WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  H5_DIR: z.string().default('dist/h5'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

export type ServerEnv = z.infer<typeof schema>;

export function readServerEnv(env: Record<string, string | undefined> = process.env): ServerEnv {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Bad server environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const value = parsed.data;
  if (value.NODE_ENV === 'production' && !value.SESSION_SECRET) {
    throw new Error('SESSION_SECRET (≥ 32 characters) is required when NODE_ENV=production');
  }
  return value;
}
