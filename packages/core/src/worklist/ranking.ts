import { ValidationError } from '../errors/errors.js';
import { DEFAULT_WORKLIST_RANKING, type WorklistItem, type WorklistRanking, type WorklistRankingInput, type WorklistReason } from './worklist-schema.js';

/** The defaults, overlaid with the manager's ranking, overlaid with the call's. */
export function resolveRanking(...layers: (WorklistRankingInput | undefined)[]): WorklistRanking {
  const out: WorklistRanking = structuredClone(DEFAULT_WORKLIST_RANKING) as WorklistRanking;
  for (const layer of layers) {
    if (!layer) continue;
    for (const group of ['reasons', 'priority', 'risk', 'referralUrgency'] as const) {
      for (const [key, value] of Object.entries(layer[group] ?? {})) if (value !== undefined) (out[group] as Record<string, number>)[key] = value;
    }
    for (const key of ['perDayOverdue', 'maxOverdueDays', 'interpreterNeeded'] as const) if (layer[key] !== undefined) out[key] = layer[key];
  }
  return out;
}

/** The reason for days past due, or none when not overdue or its weight is 0. */
export function daysOverdueReason(days: number, ranking: WorklistRanking): WorklistReason[] {
  const counted = Math.min(days, ranking.maxOverdueDays);
  const weight = counted * ranking.perDayOverdue;
  return days > 0 && weight !== 0 ? [{ code: 'days-overdue', weight, days, ...(counted < days ? { countedDays: counted } : {}) }] : [];
}

/** A modifier reason, left out when its weight is 0 (it would not explain anything). */
export function modifier(reason: WorklistReason): WorklistReason[] {
  return reason.weight !== 0 ? [reason] : [];
}

export const scoreOf = (reasons: readonly WorklistReason[]) => reasons.reduce((sum, r) => sum + r.weight, 0);

/** Rank order: score (highest first), then due date (earliest first, undated last), then id. */
export function compareItems(a: Pick<WorklistItem, 'score' | 'dueDate' | 'id'>, b: Pick<WorklistItem, 'score' | 'dueDate' | 'id'>): number {
  if (a.score !== b.score) return b.score - a.score;
  const da = a.dueDate ?? '9999-12-31';
  const db = b.dueDate ?? '9999-12-31';
  if (da !== db) return da < db ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

interface CursorPosition {
  score: number;
  dueDate?: string;
  id: string;
  /** The options the list was made with: a cursor continues only the list it came from. */
  list: string;
}

export function encodeWorklistCursor(position: CursorPosition): string {
  return JSON.stringify([position.list, position.score, position.dueDate ?? null, position.id]);
}

/** The position after which the next page starts; a cursor from another list or garbage is a ValidationError at `cursor`. */
export function decodeWorklistCursor(cursor: string, list: string): Pick<WorklistItem, 'score' | 'dueDate' | 'id'> {
  let position: Partial<CursorPosition> | undefined;
  try {
    const [listOf, score, dueDate, id] = JSON.parse(cursor) as unknown[];
    position = { list: listOf as string, score: score as number, id: id as string, ...(dueDate !== null ? { dueDate: dueDate as string } : {}) };
  } catch {
    position = undefined;
  }
  if (!position || typeof position.score !== 'number' || typeof position.id !== 'string' || (position.dueDate !== undefined && typeof position.dueDate !== 'string')) {
    throw new ValidationError([{ path: ['options', 'cursor'], code: 'invalid-cursor', message: 'This cursor is not one a worklist page returned' }]);
  }
  if (position.list !== list) {
    throw new ValidationError([{ path: ['options', 'cursor'], code: 'invalid-cursor', message: 'This cursor belongs to a worklist with other options (date, kinds, ranking or assignee)' }]);
  }
  return { score: position.score, id: position.id, ...(position.dueDate !== undefined ? { dueDate: position.dueDate } : {}) };
}
