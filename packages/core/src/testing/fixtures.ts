import type { CaseRecord, CaseStatus } from '../case/case-schema.js';
import { CASE_STATUSES, PRIORITIES, RISK_LEVELS } from '../case/case-schema.js';
import { NEED_DOMAINS } from '../records/common.js';
import { pick, seededRandom } from './random.js';

const GIVEN = ['María', 'José', 'Thanh', 'Aisha', 'Dmitri', 'Grace', 'Luis', 'Fatima', 'Kwame', 'Ana', 'Chen', 'Olga', 'Samuel', 'Noor', 'Jamal'];
const FAMILY = ['García', 'Nguyễn', 'Okafor', 'Hernández', 'Smith', 'Ivanova', 'Muñoz', 'Haddad', 'Kowalski', 'Johnson', 'Pérez', 'Li'];
const PROGRAMS = ['healthcare', 'social-work', 'insurance', 'behavioral-health'];
export const FIXTURE_CASE_MANAGERS = ['cm-alvarez', 'cm-baker', 'cm-chen', 'cm-dubois'];

/**
 * Realistic case records for storage tests (already shaped as stored records, version 1). Deterministic
 * for a given seed; statuses, programs, priorities, needs and due dates are mixed, some with accents.
 */
export function fixtureCases(count: number, seed = 7, base = Date.UTC(2026, 0, 5)): CaseRecord[] {
  const random = seededRandom(seed);
  const cases: CaseRecord[] = [];
  for (let i = 0; i < count; i++) {
    const created = new Date(base + Math.floor(random() * 200) * 86_400_000).toISOString();
    const updated = new Date(Date.parse(created) + Math.floor(random() * 50) * 3_600_000).toISOString();
    const status: CaseStatus = random() < 0.55 ? 'active' : pick(random, CASE_STATUSES);
    const assignee = random() < 0.9 ? pick(random, FIXTURE_CASE_MANAGERS) : undefined;
    const dueOffset = Math.floor(random() * 60) - 20;
    const due = random() < 0.85 ? new Date(base + (200 + dueOffset) * 86_400_000).toISOString().slice(0, 10) : undefined;
    const needCount = Math.floor(random() * 3);
    const needs = Array.from({ length: needCount }, () => ({
      domain: pick(random, NEED_DOMAINS),
      source: 'assessment' as const,
      identifiedAt: created,
      status: 'identified' as const,
    }));
    const given = pick(random, GIVEN);
    const family = pick(random, FAMILY);
    cases.push({
      id: `case-${String(i).padStart(6, '0')}`,
      version: 1,
      createdAt: created,
      updatedAt: updated,
      clientId: `client-${String(i).padStart(6, '0')}`,
      clientName: `${given} ${family}`,
      program: pick(random, PROGRAMS),
      priority: pick(random, PRIORITIES),
      riskLevel: pick(random, RISK_LEVELS),
      ...(assignee ? { assigneeId: assignee, assigneeName: assignee } : {}),
      careTeam: [],
      needs,
      ...(due ? { nextContactDue: due } : {}),
      tags: random() < 0.2 ? ['interpreter'] : [],
      status,
      statusHistory: [{ from: null, to: status, at: created, by: { id: 'seed', name: 'Seed', role: 'admin' } }],
      openedAt: created,
    });
  }
  return cases;
}
