// Deterministic bench data: fixture cases spread over 25 case managers, and audit events (about one
// per case, a list read naming 20 cases now and then, and one busy case with a long history).
import { fixtureCases, pick, seededRandom } from '@casekit/core/testing';

export const CASE_MANAGERS = Array.from({ length: 25 }, (_, i) => `cm-${String(i + 1).padStart(2, '0')}`);
export const BOARD_ASSIGNEE = CASE_MANAGERS[6];
export const OPEN_STATUSES = ['referred', 'intake', 'waitlist', 'active', 'on-hold'];
const BUSY_EVENTS = 240;

export function benchCases(count) {
  const random = seededRandom(2026);
  // fixtureCases leaves about 10% unassigned; the rest move from its 4 managers to 25.
  return fixtureCases(count, 7).map((c) => {
    if (!c.assigneeId) return c;
    const assignee = pick(random, CASE_MANAGERS);
    return { ...c, assigneeId: assignee, assigneeName: assignee };
  });
}

/**
 * The same cases with a timestamp of their own each (fixtureCases draws creation days from ~200, so
 * equal timestamps are shared between records more than real data would allow): for the heap figure.
 */
export function benchCasesUniqueTimes(count) {
  return benchCases(count).map((c, i) => {
    const created = new Date(Date.parse(c.createdAt) + i).toISOString();
    const updatedAt = new Date(Date.parse(c.updatedAt) + i).toISOString();
    const at = (x) => ({ ...x, ...(x.at ? { at: created } : { identifiedAt: created }) });
    return { ...c, createdAt: created, openedAt: created, updatedAt, needs: c.needs.map(at), statusHistory: c.statusHistory.map(at) };
  });
}

/** The case whose audit history the bench reads (a busy one), and an ordinary one. */
export const busyCaseId = (count) => `case-${String(Math.floor(count / 2)).padStart(6, '0')}`;
export const quietCaseId = (count) => `case-${String(Math.floor(count / 3)).padStart(6, '0')}`;

export function benchAudit(cases) {
  const random = seededRandom(42);
  const events = [];
  const event = (at, recordId, extra = {}) => {
    const actor = pick(random, CASE_MANAGERS);
    events.push({
      id: `audit-${String(events.length).padStart(8, '0')}`,
      version: 1,
      createdAt: at,
      updatedAt: at,
      at,
      actor: { id: actor, name: actor, role: 'case-manager' },
      action: 'update',
      collection: 'cases',
      recordId,
      caseId: recordId,
      toVersion: 2,
      ...extra,
    });
  };
  for (const c of cases) {
    event(c.updatedAt, c.id);
    if (random() < 0.02) {
      const ids = Array.from({ length: 20 }, () => pick(random, cases).id);
      event(c.updatedAt, 'cases.query', { action: 'read', recordIds: ids, caseId: undefined });
    }
  }
  const busy = busyCaseId(cases.length);
  const start = Date.parse(cases[0].createdAt);
  for (let i = 0; i < BUSY_EVENTS; i++) event(new Date(start + i * 3_600_000).toISOString(), busy);
  for (const e of events) if (e.caseId === undefined) delete e.caseId;
  return events;
}
