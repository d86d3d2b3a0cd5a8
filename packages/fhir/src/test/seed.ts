/** The seeded caseload, built once per test process (it takes about a second). */
import type { CaseloadExport } from '@casekit/core';
import { createSeedCaseload } from '@casekit/core/testing';

let seed: Promise<CaseloadExport> | undefined;

export function seededCaseload(): Promise<CaseloadExport> {
  seed ??= createSeedCaseload({ clients: 300, now: new Date('2026-11-24T12:00:00.000Z') });
  return seed;
}
