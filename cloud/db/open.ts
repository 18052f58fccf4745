import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './port';
import { openPostgres } from './postgres';
import { migrate } from './migrate';

export interface OpenDbOptions {
  /** postgres://… — a PostgreSQL server; absent = embedded PGlite. */
  databaseUrl?: string;
  /** Folder for the embedded database files (PGlite); `memory` keeps it in memory. */
  dataDir?: string;
  /** Connections in the PostgreSQL pool. */
  poolMax?: number;
}

function pgliteDir(options: OpenDbOptions): string | undefined {
  return options.dataDir === 'memory' ? undefined : path.resolve(options.dataDir ?? '.data', 'pglite');
}

/** Which database the options point at, for people to read (a server's password left out). */
export function describeDatabase(options: OpenDbOptions): string {
  if (options.databaseUrl) {
    const url = new URL(options.databaseUrl);
    if (url.password) url.password = '***';
    return `PostgreSQL ${url.toString()}`;
  }
  return `PGlite ${pgliteDir(options) ?? 'in memory'}`;
}

/** Opens the configured database as it is. */
export async function connectDatabase(options: OpenDbOptions): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, { max: options.poolMax });
  // Loaded only when used, so that cloud-function bundles (always PostgreSQL) leave PGlite out.
  const { openPglite } = await import('./pglite');
  const dir = pgliteDir(options);
  if (dir) fs.mkdirSync(dir, { recursive: true });
  return openPglite(dir);
}

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(options: OpenDbOptions): Promise<Db> {
  const db = await connectDatabase(options);
  await migrate(db);
  return db;
}
