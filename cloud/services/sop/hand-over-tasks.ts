/**
 * A member's guide changed: their open follow-ups go with them (the one owner of that move). The
 * old binding's welcome steps end with it — a new binding makes its own, keyed by the new guide —
 * and the others (a holiday, a birthday, a churn warning, a delivery…) move to the new guide, or
 * end when the member has no guide any more. Done and skipped tasks stay the old guide's record.
 */
import type { Queryable } from '../../db/port';

/** `bound` steps' occurrences start with the guide's id (generate-tasks.ts): that binding's welcome. */
const OF_OLD_BINDING = `occurrence like guide_id::text || ':%'`;

export async function handOverTasks(tx: Queryable, memberIds: string[], newGuideId: string | null): Promise<void> {
  if (memberIds.length === 0) return;
  await tx.query(
    `delete from sop_tasks
     where member_id = any($1::bigint[]) and status = 'open' and guide_id is distinct from $2::bigint
       and ($2::bigint is null or ${OF_OLD_BINDING})`,
    [memberIds, newGuideId],
  );
  if (newGuideId !== null) {
    await tx.query(`update sop_tasks set guide_id = $2 where member_id = any($1::bigint[]) and status = 'open' and guide_id <> $2`, [memberIds, newGuideId]);
  }
}

/** A guide is a guide no more and their members are let go: nobody follows their open tasks up. */
export async function endOpenTasksOf(tx: Queryable, guideId: string): Promise<void> {
  await tx.query(`delete from sop_tasks where guide_id = $1 and status = 'open'`, [guideId]);
}
