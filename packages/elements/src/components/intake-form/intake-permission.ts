import type { ReactiveControllerHost } from 'lit';
import { hasErrorCode, type CaseManager } from '@casekit/core';
import type { IntakeFormMode } from './intake-types.js';

/**
 * Whether the policy would refuse what submitting here does, asked before the user starts
 * (`manager.can`, without acting), so someone who may not is shown the form read-only instead of
 * filling it in to be refused. Intake: `create` on clients (with `client-id`: `create` on cases, for a
 * case of the actor's); assessment: `create` on assessments of the case (loaded with `cases.get`; not
 * being allowed to read it counts as refused).
 */
export class SubmitPermission {
  private refusedNow = false;
  private generation = 0;
  /** The assessment-mode check in flight (it reads the case), for `loadComplete`. */
  pending?: Promise<void>;

  constructor(private readonly host: ReactiveControllerHost) {}

  get refused(): boolean {
    return this.refusedNow;
  }

  private set refused(value: boolean) {
    if (value === this.refusedNow) return;
    this.refusedNow = value;
    this.host.requestUpdate();
  }

  check(manager: CaseManager | undefined, mode: IntakeFormMode, ids: { clientId?: string | undefined; caseId?: string | undefined }): void {
    const generation = ++this.generation;
    this.pending = undefined;
    if (!manager || mode === 'answers') {
      this.refused = false;
      return;
    }
    if (mode === 'intake') {
      const { actor } = manager;
      this.refused = ids.clientId
        ? !manager.can({ action: 'create', collection: 'cases', record: { clientId: ids.clientId, assigneeId: actor.id, assigneeName: actor.name, careTeam: [] } })
        : !manager.can({ action: 'create', collection: 'clients' });
      return;
    }
    const caseId = ids.caseId!;
    const check = (async () => {
      let refused: boolean;
      try {
        const caseRecord = await manager.cases.get(caseId);
        refused = !manager.can({ action: 'create', collection: 'assessments', record: { caseId, clientId: caseRecord.clientId }, case: caseRecord });
      } catch (error) {
        // Other failures (no such case, storage) are left for submit to report where they happen.
        refused = hasErrorCode(error, 'permission');
      }
      if (generation !== this.generation) return;
      this.refused = refused;
      this.pending = undefined;
    })();
    this.pending = check;
  }
}
