/** A brand day ('YYYY-MM-DD') moved by whole days: calendar arithmetic, whatever the device's zone. */
export function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
