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

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(options: OpenDbOptions): Promise<Db> {
  let db: Db;
  if (options.databaseUrl) {
    db = openPostgres(options.databaseUrl, { max: options.poolMax });
  } else {
    // Loaded only when used, so that cloud-function bundles (always PostgreSQL) leave PGlite out.
    const { openPglite } = await import('./pglite');
    const dir = options.dataDir === 'memory' ? undefined : path.resolve(options.dataDir ?? '.data', 'pglite');
    if (dir) fs.mkdirSync(dir, { recursive: true });
    db = await openPglite(dir);
  }
  await migrate(db);
  return db;
}
