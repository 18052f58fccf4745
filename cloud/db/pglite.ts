import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, QueryResult } from './port';
import { TEXT_TYPES } from './port';

const keepText = (value: string) => value;

/** Embedded PostgreSQL (WASM). `dataDir` undefined = in memory. One connection: it serialises. */
export async function openPglite(dataDir?: string): Promise<Db> {
  // Options go in one object: the (dataDir, options) form drops the options when dataDir is undefined.
  const pg = new PGlite({
    dataDir,
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
  return {
    kind: 'pglite',
    ...wrap(pg),
    transaction: (work) => pg.transaction((tx) => work(wrap(tx))),
    close: () => pg.close(),
  };
}
