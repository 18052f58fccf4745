/**
 * Times from the server carry the brand's offset ('2026-11-25T22:00:00+08:00'): their wall
 * clock is read from the string itself, so a phone in another zone shows the brand's hours.
 */

/** '2026-11-25T22:00:00+08:00' → '22:00'. */
export function brandClock(iso: string): string {
  return iso.slice(11, 16);
}

/** '2026-11-25T22:00:00+08:00' → '11月25日 22:00'. */
export function brandDayClock(iso: string): string {
  return `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日 ${iso.slice(11, 16)}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Milliseconds left → '1天 02:03:04', '02:03:04' or, under an hour, '03:04'; never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (days > 0) return `${days}天 ${pad(h)}:${pad(m)}:${pad(s)}`;
  return h > 0 ? `${pad(h)}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}
