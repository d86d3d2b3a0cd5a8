/** A calendar date (`YYYY-MM-DD`) moved by whole days, in UTC so no time zone shifts the day. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The runtime's time zone (the browser's or the server's), or UTC when it cannot say. */
export function runtimeTimeZone(): string {
  try {
    return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Whether `timeZone` is an IANA time zone this runtime knows (`America/Los_Angeles`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The calendar date (`YYYY-MM-DD`) of an instant in a time zone: what a wall calendar there shows. At
 * 17:30 in Los Angeles on 1 December it is already 2 December in UTC; a contact due on the 1st is due
 * today there, not overdue.
 */
export function calendarDateIn(instant: Date, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']}`;
}

/** Whole days from calendar date `from` to `to` (negative when `to` comes first). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / 86_400_000);
}

/**
 * The first instant (ms) of the day after `date` in `timeZone`: everything before it is still `date`
 * there. Found by bisection over the ±14 h every offset lies in (offsets are whole minutes).
 */
export function startOfNextDayIn(date: string, timeZone: string): number {
  const utcMidnight = Date.parse(`${addDays(date, 1)}T00:00:00.000Z`);
  let lo = utcMidnight - 15 * 3_600_000; // still `date` (or earlier) everywhere
  let hi = utcMidnight + 15 * 3_600_000; // already after `date` everywhere
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (calendarDateIn(new Date(mid), timeZone) > date) hi = mid;
    else lo = mid;
  }
  return hi;
}
