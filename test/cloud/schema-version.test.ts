/**
 * Migrations are a deploy step: `npm run migrate` brings a database up to date and says what it
 * did; the bundled cloud functions never migrate, they check the schema version once per cold
 * start and answer SCHEMA_BEHIND while the database is behind the code.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { migrate } from '@cloud/db/migrate';
import { migrations } from '@cloud/db/migrations';
import { openPostgres } from '@cloud/db/postgres';
import type { Db } from '@cloud/db/port';
import { buildCloudFunctions } from '../../config/scripts/build-cloud';
import { postgresUrl, urlWithSchema } from '../support/databases';

type Main = (event: unknown, context: unknown) => Promise<any>;

const root = path.resolve(__dirname, '../..');
const versions = migrations.map((m) => m.version);
const newest = versions[versions.length - 1]!;

/** `npm run migrate` with the given environment. */
async function migrateCommand(env: Record<string, string>) {
  const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'migrate'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', ...env },
  });
  return stdout.trim().split('\n');
}

describe('npm run migrate on the embedded database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-migrate-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('applies every migration, saying which, where and how long', async () => {
    const first = await migrateCommand({ DATA_DIR: dataDir });
    expect(first[0]).toBe(`Migrating PGlite ${path.join(dataDir, 'pglite')}`);
    expect(first.slice(1, -1).map((line) => line.replace(/\d+ ms$/, 'N ms'))).toEqual(migrations.map((m) => `  applied ${m.version} ${m.name} in N ms`));
    expect(first.at(-1)).toMatch(new RegExp(`^Schema at version ${newest} \\(was 0\\): ${migrations.length} applied in \\d+ ms \\(\\d+ ms with opening the database\\)$`));
  }, 120_000);
});

describe.skipIf(!postgresUrl)('bundled cloud functions and the schema version on PostgreSQL', () => {
  const outRoot = path.join(root, 'dist', `cloudfunctions-schema-test-${process.pid}`);
  const schema = `test_schema_${process.pid}`;
  const saved = { ...process.env };
  let admin: Db;
  let db: Db;

  /** A cold start: the bundle loaded afresh, as a new instance would. */
  function coldStart(name: string): Main {
    const file = path.join(outRoot, name, 'index.js');
    const load = createRequire(__filename);
    delete load.cache[load.resolve(file)];
    return load(file).main;
  }
  const status = (main: Main) => {
    process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID';
    process.env.WX_OPENID = 'o-schema-alice';
    process.env.WX_APPID = 'wx-test-appid';
    return main({ action: 'status' }, { function_name: 'checkin' });
  };
  const tableExists = async (table: string) =>
    (await db.query<{ present: boolean }>('select to_regclass($1) is not null as present', [table])).rows[0]!.present;

  beforeAll(async () => {
    await buildCloudFunctions(outRoot);
    admin = openPostgres(postgresUrl!, { max: 1 });
    await admin.query(`create schema ${schema}`);
    process.env.DATABASE_URL = urlWithSchema(schema);
    db = openPostgres(process.env.DATABASE_URL, { max: 2 });
  });
  afterAll(async () => {
    process.env = saved;
    await db?.close();
    await admin?.query(`drop schema if exists ${schema} cascade`);
    await admin?.close();
    fs.rmSync(outRoot, { recursive: true, force: true });
  });

  it('a cold start on an empty database does not migrate it: every call answers SCHEMA_BEHIND, logged once', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const checkin = coldStart('checkin');
      const behind = { ok: false, error: { code: 'SCHEMA_BEHIND', message: '系统升级中，请稍后再试' } };
      expect(await status(checkin)).toEqual(behind);
      expect(await status(checkin)).toEqual(behind);
      expect(await coldStart('jobs')({ Type: 'Timer' }, {})).toEqual(behind);
      expect(errors.mock.calls.filter(([line]) => String(line).startsWith('database schema'))).toEqual([
        [`database schema is at version 0, this code needs ${newest}: run \`npm run migrate\``],
        [`database schema is at version 0, this code needs ${newest}: run \`npm run migrate\``],
      ]);
      expect(await tableExists('schema_migrations')).toBe(false);
      expect(await tableExists('members')).toBe(false);
    } finally {
      errors.mockRestore();
    }
  });

  it('names the version a partly migrated database is at; after `npm run migrate` the same instance serves, and a second migrate has nothing to do', async () => {
    await migrate(db, migrations.slice(0, -1));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const checkin = coldStart('checkin');
    try {
      expect(await status(checkin)).toMatchObject({ ok: false, error: { code: 'SCHEMA_BEHIND' } });
      expect(errors).toHaveBeenCalledWith(`database schema is at version ${versions[versions.length - 2]}, this code needs ${newest}: run \`npm run migrate\``);
    } finally {
      errors.mockRestore();
    }
    const lines = await migrateCommand({ DATABASE_URL: process.env.DATABASE_URL! });
    expect(lines[0]).toBe(`Migrating PostgreSQL ${process.env.DATABASE_URL}`);
    expect(lines[1]).toMatch(new RegExp(`^  applied ${newest} ${migrations.at(-1)!.name} in \\d+ ms$`));
    expect(lines[2]).toMatch(new RegExp(`^Schema at version ${newest} \\(was ${versions[versions.length - 2]}\\): 1 applied in \\d+ ms \\(\\d+ ms with opening the database\\)$`));
    expect(await status(checkin)).toMatchObject({ ok: true, data: { checkedInToday: false } });
    const again = await migrateCommand({ DATABASE_URL: process.env.DATABASE_URL! });
    expect(again.slice(1)).toEqual([
      expect.stringMatching(new RegExp(`^Schema already at version ${newest}: nothing to apply, checked in \\d+ ms \\(\\d+ ms with opening the database\\)$`)),
    ]);
  });

  it('a database ahead of the code (migrated for the next release) is served', async () => {
    await db.query(`insert into schema_migrations (version, name) values ($1, 'from_the_next_release')`, [newest + 1]);
    expect(await status(coldStart('checkin'))).toMatchObject({ ok: true });
    const jobs = await coldStart('jobs')({ Type: 'Timer' }, { time_limit_in_ms: 20_000 });
    expect(jobs).toMatchObject({ ok: true });
  });
});
