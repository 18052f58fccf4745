/**
 * The brand's settings in the database (one row), with the defaults written on first use.
 * Reads are cached per database for a few seconds: settings change rarely and every call needs
 * them. A save clears this instance's cache; other instances see it within the TTL.
 */
import type { Queryable } from '../../db/port';
import { brandSettingsSchema, DEFAULT_BRAND_SETTINGS, type BrandSettings } from '../../domain/brand-settings';

const TTL_MS = 5_000;
const cache = new WeakMap<Queryable, { value: BrandSettings; at: number }>();

/** Stored values over the defaults, section by section, so settings saved before a new key existed still load. */
function withDefaults(stored: Record<string, unknown>): unknown {
  const merged: Record<string, unknown> = { ...DEFAULT_BRAND_SETTINGS };
  for (const [key, value] of Object.entries(stored)) {
    const base = merged[key];
    merged[key] =
      base && typeof base === 'object' && !Array.isArray(base) && value && typeof value === 'object'
        ? { ...base, ...value }
        : value;
  }
  return merged;
}

export async function loadBrandSettings(db: Queryable): Promise<BrandSettings> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  let { rows } = await db.query<{ settings: Record<string, unknown> }>('select settings from brand_settings where id = 1');
  if (!rows[0]) {
    ({ rows } = await db.query<{ settings: Record<string, unknown> }>(
      `insert into brand_settings (id, settings) values (1, $1)
       on conflict (id) do update set id = 1 returning settings`,
      [JSON.stringify(DEFAULT_BRAND_SETTINGS)],
    ));
  }
  const value = brandSettingsSchema.parse(withDefaults(rows[0]!.settings));
  cache.set(db, { value, at: Date.now() });
  return value;
}

/** Stores settings the caller has validated, for an actor the caller has checked may. */
export async function saveBrandSettings(db: Queryable, value: BrandSettings, actorId: string | null): Promise<BrandSettings> {
  await db.query(
    `insert into brand_settings (id, settings, updated_at, updated_by) values (1, $1, now(), $2)
     on conflict (id) do update set settings = excluded.settings, updated_at = now(), updated_by = excluded.updated_by`,
    [JSON.stringify(value), actorId],
  );
  rememberBrandSettings(db, value);
  return value;
}

/** Settings just saved, as `db`'s cached value (a save in a transaction caches them for the database once committed). */
export function rememberBrandSettings(db: Queryable, value: BrandSettings): void {
  cache.set(db, { value, at: Date.now() });
}
