import type { CarePlan, CaseManager, CaseRecord, Client, GoalSuggestion, Referral } from '@casekit/core';

// What the care-plan editor reads to show a case's plans: the case (or, given a plan id, that plan
// and its case), every plan of the case, goal suggestions from its needs and its referrals (both
// optional: a failure shows none), and the client for the print copy — read once per manager and
// client, since every read of a client is audited. Which plan is shown, and keeping a stale one on
// screen, are the editor's.

/** One load of the editor's data. */
export interface LoadedPlans {
  caseRecord: CaseRecord;
  plans: CarePlan[];
  suggestions: GoalSuggestion[];
  referrals: Referral[];
  client: Client | undefined;
  /** The plan `plan-id` names (when given). */
  pinned: CarePlan | undefined;
}

/** Reads the case and its plans; remembers the client read. */
export class PlanLoader {
  private clientCache?: { manager: CaseManager; clientId: string; promise: Promise<Client | undefined> };

  /** Throws what reading the case (or the plan `planId` names) throws. */
  async load(manager: CaseManager, caseId: string | undefined, planId: string | undefined): Promise<LoadedPlans> {
    let pinned: CarePlan | undefined;
    if (planId) {
      pinned = await manager.plans.get(planId);
      caseId = pinned.caseId;
    }
    const caseRecord = await manager.cases.get(caseId!);
    const [plans, suggestions, referrals, client] = await Promise.all([
      manager.plans.forCase(caseRecord.id),
      manager.plans.suggestGoals(caseRecord.id).catch(() => [] as GoalSuggestion[]),
      manager.referrals.forCase(caseRecord.id).catch(() => [] as Referral[]),
      this.clientOf(manager, caseRecord.clientId),
    ]);
    return { caseRecord, plans, suggestions, referrals, client, pinned };
  }

  /** The client, read once per manager and client (every read of a client is audited). */
  private clientOf(manager: CaseManager, clientId: string): Promise<Client | undefined> {
    const cached = this.clientCache;
    if (cached && cached.manager === manager && cached.clientId === clientId) return cached.promise;
    const promise = manager.clients.get(clientId).catch(() => undefined);
    this.clientCache = { manager, clientId, promise };
    return promise;
  }
}
