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

/**
 * What a typed time stands for: ISO in the offset of the value it replaces (or the device's);
 * null when emptied and the time may be unset; otherwise the text as typed, for the server to refuse.
 */
export function typedTime(text: string, previous: string | null, nullable: boolean): string | null {
  const t = text.trim();
  if (t === '' && nullable) return null;
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})$/.exec(t);
  if (!m) return text;
  const offset = previous?.slice(19) || deviceOffset(new Date(`${m[1]}T${m[2]}:00`));
  return `${m[1]}T${m[2]}:00${offset}`;
}
