import { PermissionError } from '../errors/errors.js';
import type { Actor } from '../records/common.js';
import type { CollectionName } from '../records/record.js';
import type { Policy, PolicyRequest } from '../policy/policy.js';
import type { StoragePort } from '../storage/storage-port.js';
import type { CaseRecord } from '../case/case-schema.js';
import { casesOfClient } from '../case/cases-of-client.js';
import { NotFoundError } from '../errors/errors.js';
import { Writer, type AuditDetails } from './writer.js';
import type { QuestionnaireDefinition } from '../questionnaire/questionnaire-schema.js';
import type { ExpressionEngine } from '../questionnaire/expressions.js';
import { calendarDateIn } from './calendar.js';

/** Options that change workflow rules. */
export interface ManagerSettings {
  /** Require a supervisor's approval before a case closes / a care plan becomes active. */
  approvals: { caseClosure: boolean; planActivation: boolean };
  /** A sent referral not acknowledged (accepted or rejected) within this many days is overdue. */
  referralAcknowledgementDays: number;
  /** The host's questionnaire definitions by id (shipped instruments load on demand, see assessments). */
  questionnaires: ReadonlyMap<string, QuestionnaireDefinition>;
  /** Runs a questionnaire's SDC expressions (calculated answers, enableWhenExpression) on submit. */
  expressionEngine?: ExpressionEngine;
  /** The IANA time zone whose calendar decides "today" (due, overdue, review dates). */
  timeZone: string;
}

/** A record as read, with the fields disclosure needs. */
interface Identified {
  id: string;
  version?: number;
}

/** Where a read happened, for its audit event: the case or client it was scoped to, or the call. */
export interface ReadScope {
  /** The scope id used as the event's `recordId` when a list was read (a case id, a client id, or the call name). */
  scope?: string;
  caseId?: string | undefined;
  clientId?: string | undefined;
}

/** What every namespace of a CaseManager shares. Internal: not exported from the package. */
export class ManagerContext {
  constructor(
    readonly storage: StoragePort,
    readonly actor: Actor,
    readonly policy: Policy,
    private readonly clock: () => Date,
    private readonly ids: () => string,
    readonly settings: ManagerSettings,
  ) {}

  now(): string {
    return this.clock().toISOString();
  }

  /** Today's date in the manager's time zone: the one "today" core and the elements share. */
  today(): string {
    return calendarDateIn(this.clock(), this.settings.timeZone);
  }

  newId(): string {
    return this.ids();
  }

  /** Whether the policy allows the request for this actor (no audit, no throw: for filtering lists). */
  allows(request: Omit<PolicyRequest, 'actor'>): boolean {
    return this.policy({ ...request, actor: this.actor }) === true;
  }

  /**
   * Throws PermissionError unless the policy allows the request for this actor. The public call's
   * guard (see `guard.ts`) records the refusal in the audit log.
   */
  authorize(request: Omit<PolicyRequest, 'actor'>): void {
    if (!this.allows(request)) {
      const id = (request.record as { id?: string } | undefined)?.id;
      throw new PermissionError(this.actor.id, this.actor.role, request.action, request.collection, typeof id === 'string' ? id : undefined);
    }
  }

  /**
   * Whether this actor may read a client (or, with `collection: 'consents'`, a client's consent): the
   * policy must allow it, and a client who has cases is seen only through a case the actor may read —
   * so a policy that hides a case hides its client too, whatever it says about clients.
   */
  mayReadClientRecord(record: unknown, clientCases: readonly CaseRecord[], collection: 'clients' | 'consents' = 'clients'): boolean {
    if (!this.allows({ action: 'read', collection, record, clientCases })) return false;
    return clientCases.length === 0 || clientCases.some((c) => this.allows({ action: 'read', collection: 'cases', record: c, case: c }));
  }

  /** Throws PermissionError unless this actor may read the client (see `mayReadClientRecord`). */
  authorizeClientRead(record: Identified, clientCases: readonly CaseRecord[], collection: 'clients' | 'consents' = 'clients'): void {
    if (!this.mayReadClientRecord(record, clientCases, collection)) {
      throw new PermissionError(this.actor.id, this.actor.role, 'read', collection, record.id);
    }
  }

  casesOfClient(clientId: string): Promise<CaseRecord[]> {
    return casesOfClient(this.storage, clientId);
  }

  writer(): Writer {
    return new Writer(this);
  }

  /**
   * Records that this call showed `records` to the actor: one audit event naming each of them (HIPAA
   * §164.312(b)). A read that returned nothing discloses nothing and writes nothing.
   */
  async disclose(collection: CollectionName, records: readonly Identified[], where: ReadScope = {}): Promise<void> {
    if (!records.length) return;
    const writer = this.writer();
    this.queueDisclosure(writer, collection, records, where);
    await writer.commit();
  }

  /** The same, queued in a call's own batch (when a write also returns what it read, e.g. duplicate hints). */
  queueDisclosure(writer: Writer, collection: CollectionName, records: readonly Identified[], where: ReadScope = {}): void {
    if (!records.length) return;
    const details: AuditDetails & { action: 'read' } = { action: 'read', caseId: where.caseId, clientId: where.clientId };
    if (records.length === 1 && where.scope === undefined) writer.noteRead(collection, records[0]!, undefined, details);
    else writer.noteRead(collection, { id: where.scope ?? where.caseId ?? where.clientId ?? collection }, [...new Set(records.map((r) => r.id))], details);
  }

  async load<T>(collection: CollectionName, id: string): Promise<T> {
    const record = await this.storage.get(collection, id);
    if (!record) throw new NotFoundError(collection, id);
    return record as unknown as T;
  }

  async loadCase(id: string): Promise<CaseRecord> {
    return this.load<CaseRecord>('cases', id);
  }
}
