import crypto from 'node:crypto';
import pg from 'pg';
import type { Db, Queryable, QueryResult } from './port';
import { TEXT_TYPES } from './port';

const keepText = (value: string) => value;

const statementNames = new Map<string, string>();

function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `s${crypto.createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
    statementNames.set(sql, name);
  }
  return name;
}

/** A PostgreSQL server through a `pg` pool. */
export function openPostgres(connectionString: string, options: { max?: number } = {}): Db {
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === TEXT_TYPES.DATE || oid === TEXT_TYPES.INT8 || oid === TEXT_TYPES.NUMERIC) return keepText;
      return pg.types.getTypeParser(oid, format);
    },
  };
  // Idle connections stay open (idleTimeoutMillis 0): closing them after a while meant a timer
  // armed and cleared around every query, for at most `max` connections saved.
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, idleTimeoutMillis: 0, types });
  // An idle client that loses its server must not crash the process.
  pool.on('error', (err) => console.error('[db] idle client error:', err.message));
  const wrap = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      // Parameterised statements are prepared once per connection under a name derived from
      // their text: the server then skips parsing and planning on the hot paths.
      const result = params.length
        ? await client.query({ name: statementName(sql), text: sql, values: params as unknown[] })
        : await client.query(sql);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const value = await work(wrap(client));
        await client.query('COMMIT');
        return value;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
