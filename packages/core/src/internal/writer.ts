import type { z } from 'zod';
import { ConflictError } from '../errors/errors.js';
import { actorRef } from '../records/common.js';
import type { CollectionName, RecordMeta } from '../records/record.js';
import type { AuditAction, AuditEvent } from '../audit/audit-schema.js';
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

  create<S extends z.ZodType<RecordMeta>>(collection: CollectionName, schema: S, fields: object, audit: AuditDetails = {}): z.output<S> {
    const record = parse(schema, { ...fields, id: (fields as { id?: string }).id ?? this.context.newId(), version: 1, createdAt: this.at, updatedAt: this.at });
    this.operations.push({ type: 'put', collection, record: record as StoredRecord, expectedVersion: 0 });
    this.audit(collection, record, { action: 'create', ...audit }, undefined);
    return record;
  }

  /** Replaces a record created earlier in this same batch (still version 1), re-validating it. */
  replaceCreated<S extends z.ZodType<RecordMeta>>(collection: CollectionName, schema: S, next: RecordMeta): z.output<S> {
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
  update<S extends z.ZodType<RecordMeta>>(
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

  get timestamp(): string {
    return this.at;
  }

  get isEmpty(): boolean {
    return this.operations.length === 0;
  }

  async commit(): Promise<void> {
    if (this.operations.length) await this.context.storage.commit(this.operations);
  }

  private audit(collection: CollectionName, after: RecordMeta | undefined, details: AuditDetails, before: RecordMeta | undefined, id?: string): void {
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
      ...(details.caseId ? { caseId: details.caseId } : {}),
      ...(details.clientId ? { clientId: details.clientId } : {}),
      ...(before ? { fromVersion: before.version } : {}),
      ...(after ? { toVersion: after.version } : {}),
      ...(details.transition ? { transition: details.transition } : {}),
      ...(details.part ? { part: details.part } : {}),
      ...(before && after ? { changedFields: changedFields(before, after) } : {}),
      ...(details.reason ? { reason: details.reason } : {}),
    };
    this.operations.push({ type: 'put', collection: 'audit', record: event as unknown as StoredRecord, expectedVersion: 0 });
  }
}

const META = new Set(['id', 'version', 'createdAt', 'updatedAt']);
function changedFields(before: object, after: object): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((key) => !META.has(key))
    .filter((key) => JSON.stringify((before as Record<string, unknown>)[key]) !== JSON.stringify((after as Record<string, unknown>)[key]))
    .sort();
}
