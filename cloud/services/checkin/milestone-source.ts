/**
 * The ledger source id of a streak milestone bonus: one per milestone per run of consecutive
 * days, named by the run's first day, so neither a repeat nor a make-up can pay it twice.
 */
export function milestoneSourceId(memberId: string, days: number, runStart: string): string {
  return `${memberId}:${days}:${runStart}`;
}
