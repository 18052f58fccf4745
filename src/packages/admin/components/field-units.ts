/**
 * The admin forms show numbers in the units a person thinks in — yuan, not fen; a percentage
 * of the price, not a rate — and turn what is typed back into exactly what the server stores.
 * Text that is not a number is sent as typed, for the server to refuse at its field.
 */
export type Unit = 'int' | 'number' | 'yuan' | 'percent';

const NUMBER = /^-?\d+(\.\d+)?$/;

export function shown(value: unknown, unit: Unit): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'number') return String(value);
  if (unit === 'yuan') return String(value / 100);
  if (unit === 'percent') return String(Math.round(value * 10_000) / 100);
  return String(value);
}

/** What the server stores for the typed text; an empty field is null where the setting may be unset. */
export function stored(text: string, unit: Unit, nullable: boolean): unknown {
  const t = text.trim();
  if (t === '') return nullable ? null : t;
  if (!NUMBER.test(t)) return t;
  const n = Number(t);
  if (unit === 'yuan') {
    // 12.34 × 100 is 1233.9999…: a whole number of fen within float error is that number; a third decimal stays for the server to refuse.
    const fen = n * 100;
    return Math.abs(fen - Math.round(fen)) < 1e-6 ? Math.round(fen) : fen;
  }
  if (unit === 'percent') return Number((n / 100).toPrecision(12));
  return n;
}
