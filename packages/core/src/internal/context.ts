import { PermissionError } from '../errors/errors.js';
import type { Actor } from '../records/common.js';
import type { CollectionName } from '../records/record.js';
import type { Policy, PolicyRequest } from '../policy/policy.js';
import type { StoragePort } from '../storage/storage-port.js';
import type { CaseRecord } from '../case/case-schema.js';
import { NotFoundError } from '../errors/errors.js';
import { Writer } from './writer.js';
import type { QuestionnaireDefinition } from '../questionnaire/questionnaire-schema.js';

/** Options that change workflow rules. */
export interface ManagerSettings {
  /** Require a supervisor's approval before a case closes / a care plan becomes active. */
  approvals: { caseClosure: boolean; planActivation: boolean };
  /** A sent referral not acknowledged (accepted or rejected) within this many days is overdue. */
  referralAcknowledgementDays: number;
  /** Questionnaire definitions by id: the shipped instruments plus the host's. */
  questionnaires: ReadonlyMap<string, QuestionnaireDefinition>;
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

  today(): string {
    return this.now().slice(0, 10);
  }

  newId(): string {
    return this.ids();
  }

  /** Throws PermissionError unless the policy allows the request for this actor. */
  authorize(request: Omit<PolicyRequest, 'actor'>): void {
    if (!this.policy({ ...request, actor: this.actor })) {
      const id = (request.record as { id?: string } | undefined)?.id;
      throw new PermissionError(this.actor.id, this.actor.role, request.action, request.collection, id);
    }
  }

  writer(): Writer {
    return new Writer(this);
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
