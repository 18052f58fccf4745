import { describe, expect, it } from 'vitest';
import type { Db, Queryable } from '@cloud/db/port';
import { functions } from '@cloud/functions';
import { invoke } from '@cloud/functions/runtime';
import type { FunctionName } from '@cloud/contract';
import { backends, useTestDatabase } from '../support/databases';
import { adapters, at, memberJoinedAt } from '../support/fixtures';

/** The database, with every statement it is sent written down (a transaction's too). */
function recording(db: Db): { db: Db; statements: string[] } {
  const statements: string[] = [];
  const record = (q: Queryable): Queryable => ({
    query: (sql, params) => {
      statements.push(sql);
      return q.query(sql, params);
    },
    exec: (sql) => q.exec(sql),
  });
  return { db: { ...db, ...record(db), transaction: (work) => db.transaction((tx) => work(record(tx))) }, statements };
}

describe.each(backends)('what the function runtime reads on %s', (backend) => {
  const t = useTestDatabase(backend);

  async function call(db: Db, fn: FunctionName, event: object, beijing: string) {
    const envelope = await invoke(fn, functions[fn] as never, { event, identity: { openid: 'erin' }, now: at(beijing), db, adapters });
    expect(envelope.ok).toBe(true);
  }

  it('a call other than checkin.do resolves the member without reading their check-ins', async () => {
    await memberJoinedAt(t.db, 'erin', '2026-11-01 08:00:00');
    const { db, statements } = recording(t.db);
    await call(db, 'checkin', { action: 'do' }, '2026-11-22 09:00:00');
    statements.length = 0;
    await call(db, 'member', { action: 'profile' }, '2026-11-23 09:00:00');
    await call(db, 'points', { action: 'balance' }, '2026-11-23 09:00:00');
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.filter((sql) => /\bcheckins\b/.test(sql))).toEqual([]);
  });

  it('checkin.do after yesterday’s check-in is two statements: the member with their latest check-in, then the write', async () => {
    await memberJoinedAt(t.db, 'erin', '2026-11-01 08:00:00');
    const { db, statements } = recording(t.db);
    await call(db, 'checkin', { action: 'do' }, '2026-11-22 09:00:00');
    statements.length = 0;
    await call(db, 'checkin', { action: 'do' }, '2026-11-23 09:00:00');
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/from members\b[\s\S]*\bcheckins\b/);
    expect(statements[1]).toMatch(/insert into checkins/);
  });
});
