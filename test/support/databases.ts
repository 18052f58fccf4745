/**
 * The databases the integration and API suites run on: always the embedded PGlite, and a real
 * PostgreSQL server when DATABASE_URL is set (its own schema per test file, dropped after).
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { openDatabase } from '@cloud/db/open';
import type { Db } from '@cloud/db/port';
import { openPostgres } from '@cloud/db/postgres';
import { openTestPglite } from './pglite-template';

export type Backend = 'pglite' | 'postgres';

export const postgresUrl = process.env.DATABASE_URL;

if (!postgresUrl) {
  console.warn(
    '\n*** PostgreSQL suite SKIPPED: DATABASE_URL is not set. ***\n' +
      '*** Run it with DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run test:pg ***\n',
  );
}

/**
 * The backends to run a suite on, for describe.each: PGlite, and PostgreSQL with DATABASE_URL.
 * `npm run test:pg` runs PostgreSQL alone (TEST_BACKENDS=postgres, set by its vitest mode): the
 * PGlite half has just run in `npm test`.
 */
export const backends: Backend[] = !postgresUrl ? ['pglite'] : process.env.TEST_BACKENDS === 'postgres' ? ['postgres'] : ['pglite', 'postgres'];

export interface TestDatabase {
  db: Db;
  /** A connection string that reaches the same schema (PostgreSQL only). */
  url?: string;
  drop(): Promise<void>;
}

/** A URL for the server in DATABASE_URL whose sessions use `schema`. */
export function urlWithSchema(schema: string): string {
  const url = new URL(postgresUrl!);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

export async function openTestDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const db = await openTestPglite();
    return { db, drop: () => db.close() };
  }
  const schema = `test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = openPostgres(postgresUrl!, { max: 1 });
  await admin.query(`create schema ${schema}`);
  const url = urlWithSchema(schema);
  const db = await openDatabase({ databaseUrl: url });
  return {
    db,
    url,
    async drop() {
      await db.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.close();
    },
  };
}

/** Empties every table but the migration record, between tests. */
export async function resetData(db: Db): Promise<void> {
  const { rows } = await db.query<{ name: string }>(
    `select quote_ident(tablename) as name from pg_tables
     where schemaname = current_schema() and tablename <> 'schema_migrations'`,
  );
  if (rows.length) await db.exec(`truncate ${rows.map((r) => r.name).join(', ')} restart identity cascade`);
}

/** Opens the backend's database for the enclosing describe block and empties it before each test. */
export function useTestDatabase(backend: Backend): { readonly db: Db; readonly url: string | undefined } {
  let t: TestDatabase | undefined;
  beforeAll(async () => {
    t = await openTestDatabase(backend);
  });
  afterAll(() => t?.drop());
  beforeEach(() => resetData(t!.db));
  return {
    get db() {
      return t!.db;
    },
    get url() {
      return t!.url;
    },
  };
}
