/**
 * Build-time settings the app reads as process.env.TARO_APP_*. Taro only injects those found
 * in .env files, so the ones given in the shell are passed on by config/index.ts — always
 * defined, '' when unset, so that the bundle never touches a missing `process`. The build's
 * source hash (config/scripts/ensure-build.ts) covers exactly these values.
 */
export const TARO_APP_KEYS = ['TARO_APP_API_BASE', 'TARO_APP_CLOUD_ENV', 'TARO_APP_REMINDER_TEMPLATE_ID', 'TARO_APP_TASKS_TEMPLATE_ID'] as const;

/** The values a build takes from `env`: unset and '' are the same build. */
export function appEnv(env: Record<string, string | undefined>): Record<(typeof TARO_APP_KEYS)[number], string> {
  return Object.fromEntries(TARO_APP_KEYS.map((key) => [key, env[key] ?? ''])) as Record<(typeof TARO_APP_KEYS)[number], string>;
}
