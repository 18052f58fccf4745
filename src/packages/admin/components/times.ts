/** Times on the admin forms: typed as '2026-12-01 20:00', sent as ISO with the offset they were read in. */

/** '2026-12-01T20:00:00+08:00' as '2026-12-01 20:00'. */
export const shownTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

/** The device's own UTC offset, '+08:00', for a time that had none (a new campaign's). */
export function deviceOffset(at: Date): string {
  const minutes = -at.getTimezoneOffset();
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** `at` as ISO in the device's time zone. */
export function localIso(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:00${deviceOffset(at)}`;
}

/** The UTC offset an ISO time carries ('+08:00'), or null for text that is not one. */
export const offsetOf = (value: string | null | undefined): string | null =>
  value && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$/.test(value) ? (value.endsWith('Z') ? '+00:00' : value.slice(-6)) : null;

/**
 * What a typed time stands for: ISO in `offset` (the one the value was read in, kept while it is
 * retyped; the device's for a time that had none); null when emptied and the time may be unset;
 * otherwise the text as typed, for the server to refuse.
 */
export function typedTime(text: string, offset: string | null, nullable: boolean): string | null {
  const t = text.trim();
  if (t === '' && nullable) return null;
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})$/.exec(t);
  if (!m) return text;
  return `${m[1]}T${m[2]}:00${offset ?? deviceOffset(new Date(`${m[1]}T${m[2]}:00`))}`;
}
