/** The 留存 table's cells: a cohort's share active in a week after joining, shaded by the share. */

/** 0.356 → '36%'; a week not over yet has no cell text. */
export function cohortShareText(share: number | null): string {
  return share === null ? '' : `${Math.round(share * 100)}%`;
}

/**
 * The cell's background: the brand's orange, as strong as the share (a faint tint for any share
 * above nothing, full at 100 %); none for a week not over yet.
 */
export function cohortShade(share: number | null): string | undefined {
  if (share === null) return undefined;
  const alpha = share <= 0 ? 0 : Math.min(1, 0.08 + share * 0.92);
  return `rgba(232, 83, 43, ${alpha.toFixed(2)})`;
}

/** Dark cells carry white text. */
export const cohortTextIsLight = (share: number | null) => share !== null && share >= 0.5;
