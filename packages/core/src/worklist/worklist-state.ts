import { ConflictError } from '../errors/errors.js';
import { draftStorageId } from '../draft/drafts-api.js';
import { DraftSchema, type Draft } from '../draft/draft-schema.js';
import type { ManagerContext } from '../internal/context.js';
import type { AuditDetails } from '../internal/writer.js';
import { addDays } from '../internal/calendar.js';

/**
 * What an actor did with rows of their worklist. Kept in one draft of theirs (`kind: 'casekit:worklist'`):
 * drafts are private to their owner under every policy, so nobody reads another's triage; each change
 * is a versioned, audited draft write naming the row, the record and the reason. (With
 * `@casekit/storage-fhir`, drafts stay in the local replica: a snooze is this device's.)
 */
export interface WorklistStateEntry {
  state: 'snoozed' | 'done';
  /** Snoozed rows come back on this day. */
  until?: string;
  reason?: string;
  /** Done rows stay hidden while their record keeps this version: any change to the record brings the row back. */
  version?: number;
  /** The day it was set, to let old entries go. */
  on: string;
}

export interface WorklistState {
  entries: Record<string, WorklistStateEntry>;
}

/** The draft key and kind: namespaced, so a host's own draft named "worklist" never meets it. */
const KEY = 'casekit:worklist';
/** Done entries older than this are dropped on the next write (their records have long moved on or gone). */
const KEEP_DONE_DAYS = 180;
const MAX_ENTRIES = 5000;

type StoredDraft = Draft & { id: string; version: number };

export async function readWorklistState(context: ManagerContext): Promise<WorklistState> {
  const draft = await context.storage.get<StoredDraft>('drafts', draftStorageId(context.actor.id, KEY));
  if (!draft || !context.allows({ action: 'read', collection: 'drafts', record: draft })) return { entries: {} };
  return asState(draft.data);
}

function asState(data: unknown): WorklistState {
  const entries = (data as { entries?: unknown } | null)?.entries;
  return { entries: entries && typeof entries === 'object' ? (entries as Record<string, WorklistStateEntry>) : {} };
}

/** Whether an entry hides a row today (a snooze until a later day, or done at the record's current version). */
export function hides(entry: WorklistStateEntry | undefined, today: string, recordVersion: number): entry is WorklistStateEntry {
  if (!entry) return false;
  if (entry.state === 'snoozed') return entry.until !== undefined && entry.until > today;
  return entry.version === recordVersion;
}

/**
 * Sets one row's entry (read, change, write with the version read; another tab's write in between is
 * retried on the fresh state, since entries of different rows never clash).
 */
export async function writeWorklistEntry(context: ManagerContext, itemId: string, entry: WorklistStateEntry, audit: AuditDetails): Promise<void> {
  const id = draftStorageId(context.actor.id, KEY);
  for (let attempt = 0; ; attempt++) {
    const existing = await context.storage.get<StoredDraft>('drafts', id);
    const fields = { id, ownerId: context.actor.id, kind: KEY, data: { entries: prune({ ...asState(existing?.data).entries, [itemId]: entry }, entry.on) } };
    context.authorize({ action: existing ? 'update' : 'create', collection: 'drafts', record: existing ?? fields });
    const writer = context.writer();
    if (existing) writer.update('drafts', DraftSchema, existing, { ...existing, ...fields }, audit);
    else writer.create('drafts', DraftSchema, fields, audit);
    try {
      await writer.commit();
      return;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= 3) throw error;
    }
  }
}

function prune(entries: Record<string, WorklistStateEntry>, today: string): Record<string, unknown> {
  const oldest = addDays(today, -KEEP_DONE_DAYS);
  const kept = Object.entries(entries).filter(([, e]) => (e.state === 'snoozed' ? (e.until ?? '') > today : e.on >= oldest));
  return Object.fromEntries(kept.slice(-MAX_ENTRIES).map(([key, e]) => [key, JSON.parse(JSON.stringify(e)) as unknown]));
}
