/**
 * The database port. Two adapters implement it: PGlite (embedded, the default) and `pg`
 * (a PostgreSQL server). Both return int8 columns as strings and `date` columns as
 * 'YYYY-MM-DD' strings, so the rest of the code never sees a driver difference.
 */
export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}

/** Type ids whose text form we keep as is (see the port's comment). */
export const TEXT_TYPES = { INT8: 20, DATE: 1082, NUMERIC: 1700 } as const;
