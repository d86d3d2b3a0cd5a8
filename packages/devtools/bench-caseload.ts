// The caseload every browser bench measures: the core fixture (15 given and 12 family names from
// several languages, with diacritics; 4 programs; 13 need domains) with its cases re-dealt across 25
// case managers, as the realistic agency has. Unassigned cases stay unassigned.
import type { CaseRecord, Client } from '@casekit/core';
import { fixtureCases } from '@casekit/core/testing';

export const CASE_MANAGERS = 25;

export function benchCaseload(n: number): CaseRecord[] {
  return fixtureCases(n, 7).map((c, i) => {
    // As core writes a case: with the copy of its client's interpreter need (see `benchClients`).
    const stamped = { ...c, clientInterpreterNeeded: c.tags.includes('interpreter') };
    if (!c.assigneeId) return stamped;
    const k = (i % CASE_MANAGERS) + 1;
    return { ...stamped, assigneeId: `cm-${String(k).padStart(2, '0')}`, assigneeName: `Case Manager ${k}` };
  });
}

/** One client per case, named as the case says. */
export function benchClients(cases: readonly CaseRecord[]): Client[] {
  return cases.map((c) => {
    const [given, ...family] = c.clientName.split(' ');
    return {
      id: c.clientId,
      version: 1,
      createdAt: c.createdAt,
      updatedAt: c.createdAt,
      name: { given: [given!], family: family.join(' ') },
      birthDate: `19${String(50 + (Number(c.id.slice(-4)) % 50)).padStart(2, '0')}-0${1 + (Number(c.id.slice(-2)) % 9)}-1${Number(c.id.slice(-1))}`,
      contact: {},
      interpreterNeeded: c.tags.includes('interpreter'),
      identifiers: [],
      active: true,
    };
  });
}
