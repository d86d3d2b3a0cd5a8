import * as z from 'zod/mini';
import { CasekitError, ValidationError, type ValidationIssue } from '../errors/errors.js';
import type { ManagerContext } from '../internal/context.js';
import { parse, parseOptions, safeParse } from '../internal/parse.js';
import { actorRef, ActorRefSchema, Instant } from '../records/common.js';
import { COLLECTIONS, type CollectionName } from '../records/record.js';
import type { CaseRecord } from '../case/case-schema.js';
import type { LoadChunk, StoredRecord } from '../storage/storage-port.js';
import { APPEND_ONLY_COLLECTIONS } from '../storage/storage-port.js';
import { mayReadRecord } from '../access/record-visibility.js';
import type { CaseLookup } from '../access/audit-visibility.js';
import { RECORD_SCHEMAS } from './record-schemas.js';
import { readAll } from '../storage/read-all.js';
import { REFERENCES } from './references.js';
import { withoutPrototypeKeys } from './sanitize.js';

export const CASELOAD_FORMAT = 'casekit.caseload';
export const CASELOAD_FORMAT_VERSION = 1;

/** A whole caseload as JSON: every record of every collection the exporting actor may read, as stored (versions included). */
export interface CaseloadExport {
  format: typeof CASELOAD_FORMAT;
  formatVersion: typeof CASELOAD_FORMAT_VERSION;
  exportedAt: string;
  exportedBy: { id: string; name: string; role: string };
  collections: Partial<Record<CollectionName, StoredRecord[]>>;
}

const EnvelopeSchema = z.object({
  format: z.literal(CASELOAD_FORMAT),
  formatVersion: z.literal(CASELOAD_FORMAT_VERSION),
  exportedAt: Instant,
  exportedBy: ActorRefSchema,
  collections: z.partialRecord(z.enum(COLLECTIONS), z.array(z.unknown())),
});

export interface ImportProgress {
  collection: CollectionName;
  /** Records written so far, over all collections. */
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Records per chunk (1 to 10,000); progress is reported after each. Default 500. */
  chunkSize?: number;
  /** Called after each chunk. If it throws, the import stops and nothing is kept. */
  onProgress?: (progress: ImportProgress) => void;
}

const ImportOptionsSchema = z.strictObject({
  chunkSize: z._default(z.number().check(z.int(), z.gte(1), z.lte(10_000)), 500),
  onProgress: z.optional(z.custom<(progress: ImportProgress) => void>((value) => typeof value === 'function', 'onProgress must be a function')),
});

/** Ids looked up in storage per call while checking references. */
const LOOKUP = 1000;
/** At most this many problems are reported (a broken file can have millions). */
const MAX_ISSUES = 100;

function lookupOf(context: ManagerContext, snapshot: ReadonlyMap<CollectionName, StoredRecord[]>): CaseLookup {
  const byId = new Map<string, CaseRecord>();
  const byClient = new Map<string, CaseRecord[]>();
  for (const record of snapshot.get('cases')! as unknown as CaseRecord[]) {
    byId.set(record.id, record);
    byClient.set(record.clientId, [...(byClient.get(record.clientId) ?? []), record]);
  }
  const records = new Map<string, StoredRecord>();
  for (const [collection, items] of snapshot) if (collection !== 'audit') for (const record of items) records.set(`${collection}/${record.id}`, record);
  const lookup: CaseLookup = {
    caseOf: (id) => byId.get(id),
    casesOfClient: (id) => byClient.get(id) ?? [],
    mayReadListed: (collection, id) => {
      const record = records.get(`${collection}/${id}`);
      return !!record && mayReadRecord(context, collection as CollectionName, record, lookup);
    },
  };
  return lookup;
}

/**
 * Every record the actor may read, of every collection. Records the policy hides from this actor
 * (another caseload, a restricted program) are left out, as every other read path leaves them out.
 */
export async function exportCaseload(context: ManagerContext): Promise<CaseloadExport> {
  context.authorize({ action: 'export', collection: 'cases' });
  const snapshot = new Map<CollectionName, StoredRecord[]>();
  for (const collection of COLLECTIONS) snapshot.set(collection, await readAll(context.storage, collection));
  const lookup = lookupOf(context, snapshot);
  const collections: Partial<Record<CollectionName, StoredRecord[]>> = {};
  const counts: string[] = [];
  for (const collection of COLLECTIONS) {
    const readable = snapshot.get(collection)!.filter((record) => mayReadRecord(context, collection, record, lookup));
    collections[collection] = readable;
    if (readable.length) counts.push(`${readable.length} ${collection}`);
  }
  const exportedAt = context.now();
  const writer = context.writer();
  // One event for the whole export (a read of every record in it), written before the file is handed over.
  writer.note('cases', { id: 'caseload', version: 1, createdAt: writer.timestamp, updatedAt: writer.timestamp }, { action: 'export', reason: `exported ${counts.join(', ') || 'no records'}` });
  await writer.commit();
  return { format: CASELOAD_FORMAT, formatVersion: CASELOAD_FORMAT_VERSION, exportedAt, exportedBy: actorRef(context.actor), collections };
}

/** Records of the file, parsed by their schemas (so what is stored is normalised: trimmed, defaults filled, unknown keys dropped). */
function parseRecords(collections: Partial<Record<CollectionName, unknown[]>>, issues: ValidationIssue[]): Map<CollectionName, StoredRecord[]> {
  const parsed = new Map<CollectionName, StoredRecord[]>();
  for (const collection of COLLECTIONS) {
    const records = collections[collection];
    if (!records) continue;
    const out: StoredRecord[] = [];
    const ids = new Map<string, number>();
    records.forEach((raw, index) => {
      const result = safeParse(RECORD_SCHEMAS[collection], withoutPrototypeKeys(raw));
      if (!result.success) {
        if (issues.length < MAX_ISSUES) issues.push(...ValidationError.fromZod(result.error, ['collections', collection, index]).issues);
        return;
      }
      const record = result.data as StoredRecord;
      const first = ids.get(record.id);
      if (first !== undefined) issues.push({ path: ['collections', collection, index, 'id'], code: 'duplicate-id', message: `${collection}/${record.id} appears twice in the file (also at index ${first})` });
      else ids.set(record.id, index);
      out.push(record);
    });
    parsed.set(collection, out);
  }
  return parsed;
}

/** Ids of `collection` that exist in storage, of those asked about. */
async function storedIds(context: ManagerContext, collection: CollectionName, ids: Iterable<string>): Promise<Set<string>> {
  const wanted = [...new Set(ids)];
  const found = new Set<string>();
  for (let start = 0; start < wanted.length; start += LOOKUP) {
    const slice = wanted.slice(start, start + LOOKUP);
    (await context.storage.getMany(collection, slice)).forEach((record, i) => record && found.add(slice[i]!));
  }
  return found;
}

/** Every reference resolves to a record in the file or already in storage. */
async function checkReferences(context: ManagerContext, parsed: Map<CollectionName, StoredRecord[]>, issues: ValidationIssue[]): Promise<void> {
  const inFile = new Map<CollectionName, Set<string>>([...parsed].map(([collection, records]) => [collection, new Set(records.map((r) => r.id))]));
  const missing: { collection: CollectionName; index: number; field: string; to: CollectionName; id: string }[] = [];
  for (const reference of REFERENCES) {
    (parsed.get(reference.from) ?? []).forEach((record, index) => {
      const id = reference.value(record);
      if (typeof id === 'string' && !inFile.get(reference.to)?.has(id)) missing.push({ collection: reference.from, index, field: reference.field, to: reference.to, id });
    });
  }
  const byTarget = new Map<CollectionName, string[]>();
  for (const m of missing) byTarget.set(m.to, [...(byTarget.get(m.to) ?? []), m.id]);
  const stored = new Map<CollectionName, Set<string>>();
  for (const [to, ids] of byTarget) stored.set(to, await storedIds(context, to, ids));
  for (const m of missing) {
    if (stored.get(m.to)!.has(m.id) || issues.length >= MAX_ISSUES) continue;
    issues.push({ path: ['collections', m.collection, m.index, ...m.field.split('.')], code: 'dangling-reference', message: `${m.to}/${m.id} is neither in the file nor stored` });
  }
}

/**
 * Audit events are only ever added: an event already stored is skipped when the file has it unchanged,
 * and the file is refused when it would change one. Returns the events to add.
 */
async function newAuditEvents(context: ManagerContext, events: readonly StoredRecord[], issues: ValidationIssue[]): Promise<StoredRecord[]> {
  const fresh: StoredRecord[] = [];
  for (let start = 0; start < events.length; start += LOOKUP) {
    const slice = events.slice(start, start + LOOKUP);
    const stored = await context.storage.getMany('audit', slice.map((e) => e.id));
    slice.forEach((event, i) => {
      const existing = stored[i];
      if (!existing) fresh.push(event);
      else if (canonical(existing) !== canonical(event) && issues.length < MAX_ISSUES) {
        issues.push({ path: ['collections', 'audit', start + i], code: 'audit-immutable', message: `audit/${event.id} is already stored with different content: the audit log cannot be changed` });
      }
    });
  }
  return fresh;
}

/** JSON with keys sorted, so two equal records compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * Loads an export, all or nothing. Everything is checked before anything is written: the envelope,
 * every record against its schema, ids unique within the file, references resolvable in the file or
 * in storage, and audit events only added. Then the parsed records are stored as one `load` unit
 * (records replace same-id records; ids and versions kept) whose last chunk is the import's own audit
 * event. A storage failure or a throwing `onProgress` keeps nothing.
 */
export async function importCaseload(context: ManagerContext, input: unknown, optionsInput?: ImportOptions): Promise<{ imported: Record<string, number> }> {
  const options = parseOptions(ImportOptionsSchema, optionsInput);
  context.authorize({ action: 'import', collection: 'cases' });
  const envelope = parse(EnvelopeSchema, input);
  const issues: ValidationIssue[] = [];
  const parsed = parseRecords(envelope.collections as Partial<Record<CollectionName, unknown[]>>, issues);
  if (!issues.length) await checkReferences(context, parsed, issues);
  for (const collection of APPEND_ONLY_COLLECTIONS) {
    if (!issues.length && parsed.has(collection)) parsed.set(collection, await newAuditEvents(context, parsed.get(collection)!, issues));
  }
  if (issues.length) throw new ValidationError(issues.slice(0, MAX_ISSUES), `The caseload file has ${issues.length >= MAX_ISSUES ? `${MAX_ISSUES} or more` : issues.length} problem(s); nothing was imported`);

  const chunks: LoadChunk[] = [];
  const imported: Record<string, number> = {};
  for (const [collection, records] of parsed) {
    imported[collection] = records.length;
    for (let start = 0; start < records.length; start += options.chunkSize) chunks.push({ collection, records: records.slice(start, start + options.chunkSize) });
  }
  const total = Object.values(imported).reduce((sum, n) => sum + n, 0);
  const writer = context.writer();
  writer.note('cases', { id: 'caseload', version: 1, createdAt: writer.timestamp, updatedAt: writer.timestamp }, { action: 'import', reason: `${total} records from an export of ${envelope.exportedAt}` });
  chunks.push({ collection: 'audit', records: writer.takeAuditEvents() });

  let done = 0;
  let hostError: { error: unknown } | undefined;
  try {
    await context.storage.load(chunks, {
      onChunk: ({ collection, records }) => {
        done += records;
        if (!options.onProgress || done > total) return;
        try {
          options.onProgress({ collection, done, total });
        } catch (error) {
          hostError = { error };
          throw error;
        }
      },
    });
  } catch (error) {
    if (hostError && error === hostError.error) throw new CasekitError('internal', 'The import was stopped because onProgress threw; nothing was imported', { cause: error });
    throw error;
  }
  return { imported };
}
