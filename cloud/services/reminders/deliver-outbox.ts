import type { Db } from '../../db/port';
import type { MessageSender, OutboxMessage } from '../../adapters/messages/message-sender';

const BATCH = 100;
const MAX_ATTEMPTS = 5;

/**
 * Sends what waits in the outbox. Rows are claimed with skip locked, so several instances can
 * deliver side by side without sending a message twice; a failure is retried a few times.
 */
export async function deliverOutbox(db: Db, sender: MessageSender): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (;;) {
    const claimed = await db.transaction(async (tx) => {
      const { rows } = await tx.query<OutboxMessage>(
        `select o.id, m.openid, o.kind, o.payload from outbox o join members m on m.id = o.member_id
         where o.sent_at is null and o.attempts < $1
         order by o.id limit $2 for update of o skip locked`,
        [MAX_ATTEMPTS, BATCH],
      );
      for (const message of rows) {
        try {
          await sender.send(message);
          await tx.query('update outbox set sent_at = now(), attempts = attempts + 1 where id = $1', [message.id]);
          sent++;
        } catch (err) {
          await tx.query('update outbox set attempts = attempts + 1, last_error = $2 where id = $1', [
            message.id,
            String((err as Error).message).slice(0, 500),
          ]);
          failed++;
        }
      }
      return rows.length;
    });
    if (claimed < BATCH) return { sent, failed };
  }
}
