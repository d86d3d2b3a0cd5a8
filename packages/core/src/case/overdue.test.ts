import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCaseManager } from '../case-manager.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { ValidationError } from '../errors/errors.js';
import { fixtureCases } from '../testing/fixtures.js';
import type { CaseRecord } from './case-schema.js';

const supervisor = { id: 'sup-1', name: 'Sam Supervisor', role: 'supervisor' as const };
const ZONES = { 'America/Los_Angeles': 'UTC−8', UTC: 'UTC', 'Pacific/Tongatapu': 'UTC+13' } as const;

async function world(timeZone: string, at: string) {
  const storage = createMemoryStorage();
  const [a, b, c] = fixtureCases(3, 11);
  const cases: CaseRecord[] = [
    { ...a!, id: 'due-dec-1', status: 'active', nextContactDue: '2026-12-01' },
    { ...b!, id: 'due-dec-2', status: 'on-hold', nextContactDue: '2026-12-02' },
    { ...c!, id: 'closed-long-ago', status: 'closed', nextContactDue: '2026-10-01' },
  ];
  await storage.load([{ collection: 'cases', records: cases }]);
  const manager = createCaseManager({ storage, actor: supervisor, timeZone, clock: () => new Date(at) });
  const overdue = async () => (await manager.cases.query({ overdue: true, status: ['active', 'on-hold', 'closed'] })).items.map((x) => x.id).sort();
  return { manager, cases, overdue };
}

describe('one "today" in every time zone', () => {
  // 01:30 UTC on 2 December is 17:30 on 1 December in Los Angeles and 14:30 on 2 December in Tonga.
  const cases: [string, string, string[]][] = [
    ['America/Los_Angeles', '2026-12-01', []],
    ['UTC', '2026-12-02', ['due-dec-1']],
    ['Pacific/Tongatapu', '2026-12-02', ['due-dec-1']],
  ];
  for (const [zone, today, overdue] of cases) {
    it(`at 01:30 UTC on 2 December, ${zone} (${ZONES[zone as keyof typeof ZONES]}) says today is ${today}, and overdue means due before it`, async () => {
      const w = await world(zone, '2026-12-02T01:30:00Z');
      assert.equal(w.manager.today(), today);
      assert.equal(w.manager.timeZone, zone);
      assert.deepEqual(await w.overdue(), overdue);
      assert.deepEqual(w.cases.filter((c) => w.manager.cases.isOverdue(c)).map((c) => c.id), overdue);
    });
  }

  it('just after midnight in Tonga it is already tomorrow there, still yesterday in UTC and Los Angeles', async () => {
    const at = '2026-12-01T11:30:00Z';
    assert.equal((await world('Pacific/Tongatapu', at)).manager.today(), '2026-12-02');
    assert.equal((await world('UTC', at)).manager.today(), '2026-12-01');
    assert.equal((await world('America/Los_Angeles', at)).manager.today(), '2026-12-01');
    assert.deepEqual(await (await world('Pacific/Tongatapu', at)).overdue(), ['due-dec-1']);
    assert.deepEqual(await (await world('America/Los_Angeles', at)).overdue(), []);
  });

  it('a closed case is never overdue, whatever its last due date, even when the query asks for closed cases', async () => {
    const w = await world('UTC', '2026-12-02T01:30:00Z');
    const closed = w.cases.find((c) => c.id === 'closed-long-ago')!;
    assert.equal(w.manager.cases.isOverdue(closed), false);
    assert.ok(!(await w.overdue()).includes('closed-long-ago'));
  });

  it('defaults to the runtime time zone and refuses one that does not exist', async () => {
    const storage = createMemoryStorage();
    assert.equal(createCaseManager({ storage, actor: supervisor }).timeZone, new Intl.DateTimeFormat().resolvedOptions().timeZone);
    assert.throws(
      () => createCaseManager({ storage, actor: supervisor, timeZone: 'Mars/Olympus_Mons' }),
      (error: unknown) => error instanceof ValidationError && error.issues.some((issue) => issue.path.join('.') === 'timeZone'),
    );
  });
});
