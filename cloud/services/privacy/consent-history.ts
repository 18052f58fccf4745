/**
 * The history of the member's privacy consent (PIPL): each consent given and withdrawn, with
 * the version of the guide and the time. The one writer of consent_events.
 */
import type { Queryable } from '../../db/port';

export async function recordConsent(
  tx: Queryable,
  event: { memberId: string; kind: 'given' | 'withdrawn'; version: string; at: Date },
): Promise<void> {
  await tx.query('insert into consent_events (member_id, kind, version, at) values ($1, $2, $3, $4)', [
    event.memberId,
    event.kind,
    event.version,
    event.at,
  ]);
}
