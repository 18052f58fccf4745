/**
 * In-memory PGlite databases for the suites, started from a migrated template instead of an
 * empty cluster: initdb and the migrations take seconds per database, a template a fraction of
 * one. The template is a dumped data folder in the system's temp folder, named by the hash of the
 * migrations, made once (the suites' global setup) and reused while the migrations stay the same.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@cloud/db/open';
import { migrations } from '@cloud/db/migrations';
import { migrate } from '@cloud/db/migrate';
import { dumpPglite, openPglite } from '@cloud/db/pglite';
import type { Db } from '@cloud/db/port';

const templatePath = () => {
  const hash = crypto.createHash('sha256').update(JSON.stringify(migrations)).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `siyu-pglite-template-${hash}.tar`);
};

/** Makes the template unless it exists (vitest globalSetup). */
export async function ensurePgliteTemplate(): Promise<void> {
  const file = templatePath();
  if (fs.existsSync(file)) return;
  const db = await openDatabase({ dataDir: 'memory' });
  const dump = Buffer.from(await (await dumpPglite(db)).arrayBuffer());
  await db.close();
  // Written beside and renamed: a parallel run never reads half a file.
  const partial = `${file}.${process.pid}`;
  fs.writeFileSync(partial, dump);
  fs.renameSync(partial, file);
}

/** A fresh in-memory database with every migration applied. */
export async function openTestPglite(): Promise<Db> {
  const file = templatePath();
  if (!fs.existsSync(file)) return openDatabase({ dataDir: 'memory' });
  const db = await openPglite(undefined, new Blob([fs.readFileSync(file)]));
  await migrate(db);
  return db;
}

export default ensurePgliteTemplate;
