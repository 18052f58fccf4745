/**
 * The admin forms show numbers in the units a person thinks in — yuan, not fen; a percentage
 * of the price, not a rate — and turn what is typed back into exactly what the server stores.
 * Text that is not a number is sent as typed, for the server to refuse at its field.
 */
/** yuan: stored in fen; percent: a rate (0.95) shown as 95; bp: basis points (2500) shown as 25 (%). */
export type Unit = 'int' | 'number' | 'yuan' | 'percent' | 'bp';

const NUMBER = /^-?\d+(\.\d+)?$/;

export function shown(value: unknown, unit: Unit): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'number') return String(value);
  if (unit === 'yuan' || unit === 'bp') return String(value / 100);
  if (unit === 'percent') return String(Math.round(value * 10_000) / 100);
  return String(value);
}

/** What the server stores for the typed text; an empty field is null where the setting may be unset. */
export function stored(text: string, unit: Unit, nullable: boolean): unknown {
  const t = text.trim();
  if (t === '') return nullable ? null : t;
  if (!NUMBER.test(t)) return t;
  const n = Number(t);
  if (unit === 'yuan' || unit === 'bp') {
    // 12.34 × 100 is 1233.9999…: a whole number of hundredths within float error is that number; a third decimal stays for the server to refuse.
    const hundredths = n * 100;
    return Math.abs(hundredths - Math.round(hundredths)) < 1e-6 ? Math.round(hundredths) : hundredths;
  }
  if (unit === 'percent') return Number((n / 100).toPrecision(12));
  return n;
}
