import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calendarDateIn, startOfNextDayIn } from './calendar.js';

describe('startOfNextDayIn (public: elements turn a period of calendar days into instants with it)', () => {
  it('is the first instant of the next day on that zone’s calendar, across daylight-saving changes', () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    assert.equal(iso(startOfNextDayIn('2026-11-24', 'UTC')), '2026-11-25T00:00:00.000Z');
    assert.equal(iso(startOfNextDayIn('2026-11-24', 'America/Los_Angeles')), '2026-11-25T08:00:00.000Z');
    assert.equal(iso(startOfNextDayIn('2026-03-08', 'America/Los_Angeles')), '2026-03-09T07:00:00.000Z', 'the day clocks sprang forward has 23 hours');
    assert.equal(iso(startOfNextDayIn('2026-11-24', 'Asia/Tokyo')), '2026-11-24T15:00:00.000Z');
    const start = startOfNextDayIn('2026-11-24', 'America/Los_Angeles');
    assert.deepEqual([calendarDateIn(new Date(start - 1), 'America/Los_Angeles'), calendarDateIn(new Date(start), 'America/Los_Angeles')], ['2026-11-24', '2026-11-25']);
  });
});
