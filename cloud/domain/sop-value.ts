/**
 * What SOP is worth (the 运营 tab's SOP 成效): the window it is read over, and the rates and the
 * ranking of the guides. The counting itself is SQL in services/sop/sop-value.ts.
 */
import { addDays } from './business-day';

export const SOP_VALUE_DAYS = [7, 30, 90] as const;
export type SopValueDays = (typeof SOP_VALUE_DAYS)[number];
export const DEFAULT_SOP_VALUE_DAYS: SopValueDays = 30;

/** Days after the anchor a paid order counts for the order rate (a done task: its done time). */
export const ORDER_FOLLOW_DAYS = 7;
/** Days after the anchor an active day counts as a 流失预警 member coming back. */
export const COMEBACK_DAYS = 14;

/** The last `days` brand days, today included. */
export function sopValueWindow(today: string, days: SopValueDays): { since: string; until: string } {
  return { since: addDays(today, -(days - 1)), until: today };
}

/** part / whole, 0 when there is no whole (a guide without tasks, a layer without members). */
export const rate = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

export interface GuideCounts {
  guideId: string;
  tasks: number;
  done: number;
  onTime: number;
}

/** The guides best first: completion, then on time, then the more tasks, then the id (a stable order). */
export function rankGuides<T extends GuideCounts>(guides: T[]): Array<T & { completionRate: number; onTimeRate: number }> {
  return guides
    .map((g) => ({ ...g, completionRate: rate(g.done, g.tasks), onTimeRate: rate(g.onTime, g.done) }))
    .sort(
      (a, b) =>
        b.completionRate - a.completionRate ||
        b.onTimeRate - a.onTimeRate ||
        b.tasks - a.tasks ||
        (BigInt(a.guideId) < BigInt(b.guideId) ? -1 : BigInt(a.guideId) > BigInt(b.guideId) ? 1 : 0),
    );
}
