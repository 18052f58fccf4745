import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, QueryResult } from './port';
import { TEXT_TYPES } from './port';

const keepText = (value: string) => value;

/**
 * Embedded PostgreSQL (WASM). `dataDir` undefined = in memory. One connection: it serialises.
 * `template`: a data folder dumped earlier (`dumpPglite`) to start from instead of an empty
 * cluster — an in-memory start then takes a fraction of a second instead of seconds.
 */
export async function openPglite(dataDir?: string, template?: Blob): Promise<Db> {
  // Options go in one object: the (dataDir, options) form drops the options when dataDir is undefined.
  const pg = new PGlite({
    dataDir,
    loadDataDir: template,
    parsers: { [TEXT_TYPES.INT8]: keepText, [TEXT_TYPES.DATE]: keepText, [TEXT_TYPES.NUMERIC]: keepText },
  });
  await pg.waitReady;
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const result = await q.query<R>(sql, params as unknown[]);
      return { rows: result.rows, rowCount: Math.max(result.affectedRows ?? 0, result.rows.length) };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return Object.assign(
    {
      kind: 'pglite' as const,
      ...wrap(pg),
      transaction: <T>(work: (tx: Queryable) => Promise<T>) => pg.transaction((tx) => work(wrap(tx))),
      close: () => pg.close(),
    },
    { [DUMP]: () => pg.dumpDataDir('none') },
  );
}

const DUMP = Symbol('dump');

/** The data folder of an embedded database, to start others from (openPglite's `template`). */
export function dumpPglite(db: Db): Promise<Blob> {
  const dump = (db as Db & { [DUMP]?: () => Promise<Blob> })[DUMP];
  if (!dump) throw new Error('not an embedded (PGlite) database');
  return dump();
}
