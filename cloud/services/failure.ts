/**
 * Expected failures are values, not exceptions: a use case returns `fail(code)` and the entry
 * answers with that code's status and Chinese message (contract/errors.ts).
 */
import { ERRORS, type ErrorCode, type FieldProblem } from '../contract';
import type { Db, Queryable } from '../db/port';

export class Failure {
  constructor(
    readonly code: ErrorCode,
    readonly message: string = ERRORS[code].message,
    /** The fields at fault, when a form should show each message at its field. */
    readonly fields?: FieldProblem[],
  ) {}
}

export const fail = (code: ErrorCode, message?: string, fields?: FieldProblem[]) => new Failure(code, message, fields);

class RollbackFor extends Error {
  constructor(readonly failure: Failure) {
    super(failure.code);
  }
}

/**
 * A transaction whose work may end in a Failure: the failure rolls back everything the work
 * wrote before it (never a partial write), and is returned as a value.
 */
export async function transactionOrFailure<T>(
  db: Db,
  work: (tx: Queryable) => Promise<T | Failure>,
): Promise<T | Failure> {
  try {
    return await db.transaction(async (tx) => {
      const result = await work(tx);
      if (result instanceof Failure) throw new RollbackFor(result);
      return result;
    });
  } catch (err) {
    if (err instanceof RollbackFor) return err.failure;
    throw err;
  }
}
