/**
 * How the KPI statements reach the database.
 * - A read (admin.kpis) sends its statements at once, over the pool's connections, each in a
 *   transaction of its own that takes no parallel workers and no JIT: a dashboard's statements
 *   read a day of rows each, and lose more to starting workers (and compiling) than they gain —
 *   worse, workers take the CPUs the members' own calls need while staff look at charts.
 * - The rollup runs inside the job's transaction, one connection: its statements go one after
 *   another (a `pg` client given a second query while busy queues it, and is to refuse it).
 */
import type { Db, Queryable, QueryResult } from '../../db/port';

export function readsWithoutParallelWorkers(db: Db): Queryable {
  return {
    query<R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      return db.transaction(async (tx) => {
        await tx.exec('set local max_parallel_workers_per_gather = 0; set local jit = off');
        return tx.query<R>(sql, params);
      });
    },
    exec: (sql) => db.exec(sql),
  };
}

/** A connection's statements one after another, whoever asks at once. */
export function oneAtATime(q: Queryable): Queryable {
  let last: Promise<unknown> = Promise.resolve();
  const next = <T>(work: () => Promise<T>): Promise<T> => {
    const run = last.then(work, work);
    last = run.catch(() => undefined);
    return run;
  };
  return {
    query: <R>(sql: string, params?: readonly unknown[]) => next(() => q.query<R>(sql, params)),
    exec: (sql) => next(() => q.exec(sql)),
  };
}
