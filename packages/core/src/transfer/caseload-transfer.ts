import * as z from 'zod';
import { ValidationError, type ValidationIssue } from '../errors/errors.js';
import type { ManagerContext } from '../internal/context.js';
import { actorRef, ActorRefSchema, Instant } from '../records/common.js';
import { COLLECTIONS, type CollectionName } from '../records/record.js';
import type { StoredRecord } from '../storage/storage-port.js';
import { RECORD_SCHEMAS } from './record-schemas.js';

export const CASELOAD_FORMAT = 'casekit.caseload';
export const CASELOAD_FORMAT_VERSION = 1;

/** A whole caseload as JSON: every record of every collection, exactly as stored (versions included). */
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
  collections: z.partialRecord(z.enum(COLLECTIONS), z.array(z.looseObject({ id: z.string(), version: z.number() }))),
});

export interface ImportProgress {
  collection: CollectionName;
  /** Records written so far, over all collections. */
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Records per storage call; smaller chunks keep a page responsive. Default 500. */
  chunkSize?: number;
  onProgress?: (progress: ImportProgress) => void;
}

const PAGE = 1000;

export async function exportCaseload(context: ManagerContext): Promise<CaseloadExport> {
  context.authorize({ action: 'export', collection: 'cases' });
  const writer = context.writer();
  // The export itself is a read of every client record: record it before the snapshot, so it is in it.
  writer.note('cases', { id: 'caseload', version: 1, createdAt: writer.timestamp, updatedAt: writer.timestamp }, { action: 'export' });
  await writer.commit();
  const collections: Partial<Record<CollectionName, StoredRecord[]>> = {};
  for (const collection of COLLECTIONS) {
    const records: StoredRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await context.storage.find(collection, { index: 'id', limit: PAGE, ...(cursor ? { cursor } : {}) });
      records.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    collections[collection] = records;
  }
  return { format: CASELOAD_FORMAT, formatVersion: CASELOAD_FORMAT_VERSION, exportedAt: context.now(), exportedBy: actorRef(context.actor), collections };
}

/**
 * Loads an export into storage. Every record is validated against its collection's schema first; if
 * any is invalid, nothing is written. Records are stored exactly as exported (ids and versions kept),
 * replacing records with the same id, in chunks with progress reports.
 */
export async function importCaseload(context: ManagerContext, input: unknown, options: ImportOptions = {}): Promise<{ imported: Record<string, number> }> {
  context.authorize({ action: 'import', collection: 'cases' });
  const envelope = EnvelopeSchema.safeParse(input);
  if (!envelope.success) throw ValidationError.fromZod(envelope.error);
  const collections = envelope.data.collections as Partial<Record<CollectionName, StoredRecord[]>>;
  const issues: ValidationIssue[] = [];
  for (const [collection, records] of Object.entries(collections) as [CollectionName, StoredRecord[]][]) {
    records.forEach((record, index) => {
      const result = RECORD_SCHEMAS[collection].safeParse(record);
      if (!result.success) issues.push(...ValidationError.fromZod(result.error, ['collections', collection, index]).issues);
    });
  }
  if (issues.length) throw new ValidationError(issues.slice(0, 100), `The caseload file has ${issues.length} invalid field(s); nothing was imported`);

  const chunkSize = options.chunkSize ?? 500;
  const total = Object.values(collections).reduce((sum, records) => sum + (records?.length ?? 0), 0);
  const imported: Record<string, number> = {};
  let done = 0;
  for (const [collection, records] of Object.entries(collections) as [CollectionName, StoredRecord[]][]) {
    for (let start = 0; start < records.length; start += chunkSize) {
      const chunk = records.slice(start, start + chunkSize);
      await context.storage.bulkLoad(collection, chunk);
      done += chunk.length;
      options.onProgress?.({ collection, done, total });
    }
    imported[collection] = records.length;
  }
  const writer = context.writer();
  writer.note('cases', { id: 'caseload', version: 1, createdAt: writer.timestamp, updatedAt: writer.timestamp }, { action: 'import', reason: `${total} records from an export of ${envelope.data.exportedAt}` });
  await writer.commit();
  return { imported };
}
