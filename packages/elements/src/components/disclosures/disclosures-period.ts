import { startOfNextDayIn } from '@casekit/core';
import { addDays } from '../../internal/dates.js';

/** How far back the account goes by default: HIPAA §164.528 gives a right to the last six years. */
export const DEFAULT_DISCLOSURE_YEARS = 6;

/** A period of calendar days, both included (`YYYY-MM-DD`). */
export interface DayPeriod {
  from: string;
  to: string;
}

export const isDay = (value: string | undefined): value is string => !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

/**
 * The period shown: `from`/`to` as given, else through `today` and from the same day six years
 * earlier (29 February falls back to 1 March). A `to` without `from` counts six years back from it.
 */
export function disclosurePeriod(from: string | undefined, to: string | undefined, today: string): DayPeriod {
  const end = isDay(to) ? to : today;
  return { from: isDay(from) ? from : yearsBefore(end, DEFAULT_DISCLOSURE_YEARS), to: end };
}

function yearsBefore(day: string, years: number): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
}

/** The period as core's `[from, to)` instants on the manager's calendar: from the start of `from` to the end of `to`. */
export function periodInstants(period: DayPeriod, timeZone: string): { from: string; to: string } {
  return {
    from: new Date(startOfNextDayIn(addDays(period.from, -1), timeZone)).toISOString(),
    to: new Date(startOfNextDayIn(period.to, timeZone)).toISOString(),
  };
}
