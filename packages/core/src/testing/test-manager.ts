import { createCaseManager, type CaseManager, type CaseManagerOptions } from '../case-manager.js';
import type { Actor } from '../records/common.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import type { StoragePort } from '../storage/storage-port.js';

/** People who act in casekit tests and examples. */
export const PERSONAS = {
  caseManager: { id: 'cm-alvarez', name: 'Marta Alvarez', role: 'case-manager' },
  otherCaseManager: { id: 'cm-baker', name: 'Devon Baker', role: 'case-manager' },
  supervisor: { id: 'sup-okafor', name: 'Ngozi Okafor', role: 'supervisor' },
  viewer: { id: 'qa-lind', name: 'Erik Lind', role: 'viewer' },
  foodBankStaff: { id: 'prov-ruiz', name: 'Lucía Ruiz', role: 'provider', organizationId: 'org-food-bank' },
} as const satisfies Record<string, Actor>;

/** A clock tests move by hand. */
export interface TestClock {
  now(): Date;
  set(iso: string): void;
  advance(ms: number): void;
  advanceDays(days: number): void;
}

export function testClock(start = '2026-11-24T15:00:00.000Z'): TestClock {
  let current = Date.parse(start);
  return {
    now: () => new Date(current),
    set: (iso) => {
      current = Date.parse(iso);
    },
    advance: (ms) => {
      current += ms;
    },
    advanceDays: (days) => {
      current += days * 86_400_000;
    },
  };
}

/** Predictable ids (`id-1`, `id-2`, ...) so tests can name records. */
export function sequentialIds(prefix = 'id'): () => string {
  let next = 0;
  return () => `${prefix}-${++next}`;
}

export interface TestSetup {
  storage: StoragePort;
  clock: TestClock;
  /** The manager acting as `actor` (default: the case manager persona). */
  manager: CaseManager;
  /** The same storage and clock, acting as someone else. */
  as(actor: Actor): CaseManager;
}

export function createTestSetup(options: Partial<CaseManagerOptions> = {}): TestSetup {
  const storage = options.storage ?? createMemoryStorage();
  const clock = testClock();
  const manager = createCaseManager({ storage, actor: PERSONAS.caseManager, clock: clock.now, ids: sequentialIds(), ...options });
  return { storage, clock, manager, as: (actor) => manager.withActor(actor) };
}

/** Audit events by kind: changes to records, reads (disclosures) and refused attempts. */
export interface AuditTally {
  changes: number;
  reads: number;
  refused: number;
}

/**
 * Counts the audit log by kind, so a test can say "this failed call changed nothing" (no new
 * `changes`) while a refusal still leaves its one `refused` event, and reads their `reads`.
 */
export async function auditTally(storage: StoragePort): Promise<AuditTally> {
  const tally: AuditTally = { changes: 0, reads: 0, refused: 0 };
  let cursor: string | undefined;
  do {
    const page = await storage.find('audit', { index: 'id', limit: 1000, ...(cursor ? { cursor } : {}) });
    for (const event of page.items) {
      if (event['outcome'] === 'refused') tally.refused++;
      else if (event['action'] === 'read') tally.reads++;
      else tally.changes++;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return tally;
}
