import type { Db } from './port';
import { migrations as allMigrations, type Migration } from './migrations';

export interface AppliedMigration {
  version: number;
  name: string;
  ms: number;
}

/**
 * Applies the migrations not yet applied, in one transaction. An advisory lock makes
 * concurrent starters (several servers, `npm run migrate` beside a starting server) wait for
 * one another.
 */
export async function migrate(db: Db, migrations: Migration[] = allMigrations): Promise<AppliedMigration[]> {
  return db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(hashtext('siyu.migrations'))`);
    await tx.query(`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`);
    const { rows } = await tx.query<{ version: number }>('select version from schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    const applied: AppliedMigration[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      const started = Date.now();
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      applied.push({ version: m.version, name: m.name, ms: Date.now() - started });
    }
    return applied;
  });
}

export interface SchemaStatus {
  /** The highest version up to which every migration of this code is applied (0: none). */
  current: number;
  /** The highest version this code has. */
  needed: number;
  /** Versions of this code the database lacks; empty when it is up to date (or ahead). */
  missing: number[];
}

/** Where the database's schema stands against this code, without changing anything. */
export async function schemaStatus(db: Db, migrations: Migration[] = allMigrations): Promise<SchemaStatus> {
  const table = await db.query<{ present: boolean }>(`select to_regclass('schema_migrations') is not null as present`);
  const { rows } = table.rows[0]!.present
    ? await db.query<{ version: number }>('select version from schema_migrations')
    : { rows: [] };
  const applied = new Set(rows.map((r) => r.version));
  const versions = migrations.map((m) => m.version).sort((a, b) => a - b);
  const missing = versions.filter((v) => !applied.has(v));
  const current = missing.length ? versions.filter((v) => v < missing[0]!).pop() ?? 0 : versions[versions.length - 1] ?? 0;
  return { current, needed: versions[versions.length - 1] ?? 0, missing };
}
