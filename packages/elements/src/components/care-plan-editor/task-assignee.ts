import type { CaseRecord, Intervention } from '@casekit/core';
import type { DraftStore } from './draft-store.js';

/** Someone the host lets the user pick as a task's assignee (offered besides the case's team; "Someone else…" takes any name). */
export interface CarePlanAssignee {
  id: string;
  name: string;
}

/** The "Someone else…" choice of a task's "Who does it". */
export const OTHER_ASSIGNEE = 'other';

/** "Who does it" choices: the case's assignee, its care team, then the host's `assignees` (each person once). */
export function assigneeChoices(caseRecord: CaseRecord | undefined, hostAssignees: readonly CarePlanAssignee[]): CarePlanAssignee[] {
  const out = new Map<string, CarePlanAssignee>();
  const c = caseRecord;
  if (c?.assigneeId && c.assigneeName) out.set(c.assigneeId, { id: c.assigneeId, name: c.assigneeName });
  for (const m of c?.careTeam ?? []) if (!out.has(m.actorId)) out.set(m.actorId, { id: m.actorId, name: m.name });
  for (const a of hostAssignees) if (!out.has(a.id)) out.set(a.id, a);
  return [...out.values()];
}

type Assigned = Pick<Intervention, 'assigneeId' | 'assigneeName'>;

/**
 * The "who" choice a task starts from ('' | `id:<actor id>` | `other`): its assignee when offered,
 * else "Someone else…" with its name, else no one.
 */
export function initialWho(current: Assigned, choices: readonly CarePlanAssignee[]): string {
  if (current.assigneeId && choices.some((a) => a.id === current.assigneeId)) return `id:${current.assigneeId}`;
  return current.assigneeName ? OTHER_ASSIGNEE : '';
}

/**
 * Who a task form says does it: a chosen person (name and id), or a typed name ("Someone else…"; a
 * name that is one of the choices still gets its id). `current` is the task being edited.
 */
export function assigneeFromDraft(drafts: DraftStore, form: string, choices: readonly CarePlanAssignee[], current: Assigned = {}): { assigneeName?: string; assigneeId?: string } {
  const who = drafts.get(`${form}:who`, initialWho(current, choices));
  if (who.startsWith('id:')) {
    const person = choices.find((a) => a.id === who.slice(3));
    return person ? { assigneeName: person.name, assigneeId: person.id } : {};
  }
  if (who !== OTHER_ASSIGNEE) return {};
  const name = drafts.get(`${form}:assignee`, current.assigneeName ?? '').trim();
  if (!name) return {};
  const id = choices.find((a) => a.name === name)?.id ?? (name === current.assigneeName ? current.assigneeId : undefined);
  return { assigneeName: name, ...(id ? { assigneeId: id } : {}) };
}
