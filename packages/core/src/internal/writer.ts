import type * as z from 'zod/mini';
import { ConflictError } from '../errors/errors.js';
import { actorRef } from '../records/common.js';
import type { CollectionName, RecordMeta } from '../records/record.js';
import { AuditEventSchema, type AuditAction, type AuditEvent } from '../audit/audit-schema.js';
import type { StoredRecord, WriteOperation } from '../storage/storage-port.js';
import type { ManagerContext } from './context.js';
import { parse } from './parse.js';

export interface AuditDetails {
  action?: AuditAction;
  caseId?: string | undefined;
  clientId?: string | undefined;
  transition?: { from: string; to: string };
  /** Sub-record acted on, e.g. `goals/g-1/interventions/i-2`. */
  part?: string | undefined;
  reason?: string | undefined;
}

/** A reference to the version a change is based on: any record will do. */
export interface VersionRef {
  id: string;
  version: number;
}

/**
 * Collects the writes of one public call — each record change together with its audit event — and
 * commits them as one atomic batch. Every record is validated against its schema before it is
 * queued, so an invalid record is never stored and a failed call writes nothing.
 */
export class Writer {
  private readonly operations: WriteOperation[] = [];
  private readonly at: string;

  constructor(private readonly context: ManagerContext) {
    this.at = context.now();
  }

  create<S extends z.core.$ZodType<RecordMeta>>(collection: CollectionName, schema: S, fields: object, audit: AuditDetails = {}): z.output<S> {
    const record = parse(schema, { ...fields, id: (fields as { id?: string }).id ?? this.context.newId(), version: 1, createdAt: this.at, updatedAt: this.at });
    this.operations.push({ type: 'put', collection, record: record as StoredRecord, expectedVersion: 0 });
    this.audit(collection, record, { action: 'create', ...audit }, undefined);
    return record;
  }

  /** Replaces a record created earlier in this same batch (still version 1), re-validating it. */
  replaceCreated<S extends z.core.$ZodType<RecordMeta>>(collection: CollectionName, schema: S, next: RecordMeta): z.output<S> {
    const index = this.operations.findIndex((op) => op.type === 'put' && op.collection === collection && op.record.id === next.id && op.expectedVersion === 0);
    if (index < 0) throw new Error(`casekit internal: ${collection}/${next.id} was not created in this batch`);
    const record = parse(schema, next);
    this.operations[index] = { type: 'put', collection, record: record as StoredRecord, expectedVersion: 0 };
    return record;
  }

  /**
   * Queues `next` as the successor of `before`. `basedOn` is the version the caller saw: when it is not
   * the version just loaded, someone else changed the record in between and the call is a conflict.
   */
  update<S extends z.core.$ZodType<RecordMeta>>(
    collection: CollectionName,
    schema: S,
    before: RecordMeta,
    next: object,
    audit: AuditDetails = {},
    basedOn: number = before.version,
  ): z.output<S> {
    if (basedOn !== before.version) throw new ConflictError(collection, before.id, basedOn, before.version);
    const record = parse(schema, { ...next, id: before.id, version: before.version + 1, createdAt: before.createdAt, updatedAt: this.at });
    this.operations.push({ type: 'put', collection, record: record as StoredRecord, expectedVersion: before.version });
    this.audit(collection, record, { action: 'update', ...audit }, before);
    return record;
  }

  delete(collection: CollectionName, before: RecordMeta, audit: AuditDetails = {}, basedOn: number = before.version): void {
    if (basedOn !== before.version) throw new ConflictError(collection, before.id, basedOn, before.version);
    this.operations.push({ type: 'delete', collection, id: before.id, expectedVersion: before.version });
    this.audit(collection, undefined, { action: 'delete', ...audit }, before, before.id);
  }

  /** Records an event about a record without changing it (reads, overrides, approvals, exports). */
  note(collection: CollectionName, record: RecordMeta, audit: AuditDetails & { action: AuditAction }): void {
    this.audit(collection, record, audit, undefined);
  }

  /** Records a read: of one record (`recordId`), or of a list (`recordIds`, with `recordId` its scope). */
  noteRead(collection: CollectionName, read: { id: string; version?: number } , recordIds: string[] | undefined, audit: AuditDetails & { action: AuditAction }): void {
    this.audit(collection, undefined, audit, undefined, read.id, { ...(recordIds ? { recordIds } : {}), ...(read.version !== undefined ? { toVersion: read.version } : {}) });
  }

  /** Records an attempt the policy refused (the only write a failed call makes). */
  noteRefusal(collection: CollectionName, recordId: string, action: AuditAction): void {
    this.audit(collection, undefined, { action }, undefined, recordId, { outcome: 'refused' });
  }

  /** Hands the queued audit events to a caller that stores them in its own unit (import's `load`). */
  takeAuditEvents(): StoredRecord[] {
    const events = this.operations.filter((op) => op.type === 'put' && op.collection === 'audit').map((op) => (op as { record: StoredRecord }).record);
    this.operations.splice(0, this.operations.length, ...this.operations.filter((op) => op.collection !== 'audit'));
    return events;
  }

  get timestamp(): string {
    return this.at;
  }

  get isEmpty(): boolean {
    return this.operations.length === 0;
  }

  async commit(): Promise<void> {
    if (this.operations.length) await this.context.storage.commit(this.operations);
  }

  private audit(
    collection: CollectionName,
    after: RecordMeta | undefined,
    details: AuditDetails,
    before: RecordMeta | undefined,
    id?: string,
    extra: Pick<AuditEvent, 'recordIds' | 'outcome' | 'toVersion'> = {},
  ): void {
    const event: AuditEvent = {
      id: this.context.newId(),
      version: 1,
      createdAt: this.at,
      updatedAt: this.at,
      at: this.at,
      actor: actorRef(this.context.actor),
      action: details.action ?? 'update',
      collection,
      recordId: id ?? after?.id ?? before!.id,
      ...extra,
      ...(details.caseId ? { caseId: details.caseId } : {}),
      ...(details.clientId ? { clientId: details.clientId } : {}),
      ...(before ? { fromVersion: before.version } : {}),
      ...(after ? { toVersion: after.version } : {}),
      ...(details.transition ? { transition: details.transition } : {}),
      ...(details.part ? { part: details.part } : {}),
      ...(before && after ? { changedFields: changedFields(before, after) } : {}),
      ...(details.reason ? { reason: fit(details.reason, AUDIT_REASON_MAX) } : {}),
    };
    // Audit events are validated like every record, so nothing is stored that an import would refuse.
    const valid = parse(AuditEventSchema, event, ['audit']);
    this.operations.push({ type: 'put', collection: 'audit', record: valid as unknown as StoredRecord, expectedVersion: 0 });
  }
}

const AUDIT_REASON_MAX = 2000;
/** An audit reason quotes the caller's reason inside its own words; the full text stays in the record's history. */
function fit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const META = new Set(['id', 'version', 'createdAt', 'updatedAt']);
export function changedFields(before: object, after: object): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((key) => !META.has(key))
    .filter((key) => JSON.stringify((before as Record<string, unknown>)[key]) !== JSON.stringify((after as Record<string, unknown>)[key]))
    .sort();
}
