/** A calendar date (`YYYY-MM-DD`) moved by whole days, in UTC so no time zone shifts the day. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
