import { OPEN_PLAN_STATUSES, type CarePlan, type CaseManager, type CaseRecord, type PolicyAction } from '@casekit/core';

/** What the permission checks read from the editor. */
export interface PlanPermissionSource {
  manager(): CaseManager | undefined;
  plan(): CarePlan | undefined;
  caseRecord(): CaseRecord | undefined;
  /** The host turned the consent override off (`no-consent-override`). */
  noConsentOverride(): boolean;
}

/**
 * What the policy lets this actor do with the plan on screen, asked with `manager.can` (without
 * acting, whatever the actor's role is called): the editor offers only that.
 */
export class PlanPermissions {
  constructor(private readonly source: PlanPermissionSource) {}

  private may(action: PolicyAction, collection: 'plans' | 'referrals', record: unknown): boolean {
    const manager = this.source.manager();
    const caseRecord = this.source.caseRecord();
    return !!manager && manager.can({ action, collection, record, ...(caseRecord ? { case: caseRecord } : {}) });
  }

  /** The policy lets this actor change the plan on screen. False: the plan is shown read-only (the print copy stays). */
  get canEdit(): boolean {
    const plan = this.source.plan();
    return !!plan && this.may('update', 'plans', plan);
  }

  /** The policy lets this actor change statuses (of the plan, its goals and tasks). */
  get canTransition(): boolean {
    return this.canEdit && this.may('transition', 'plans', this.source.plan());
  }

  /** The policy lets this actor create a plan on the case. */
  get canCreatePlan(): boolean {
    const c = this.source.caseRecord();
    return !!c && this.may('create', 'plans', { caseId: c.id, clientId: c.clientId, status: 'draft' });
  }

  /** The plan is open and this actor may change it: goals, tasks and progress can be added. */
  get editable(): boolean {
    const plan = this.source.plan();
    return !!plan && OPEN_PLAN_STATUSES.includes(plan.status) && this.canEdit;
  }

  /** The policy lets this actor refer the client from a goal of the open plan. */
  get canRefer(): boolean {
    const c = this.source.caseRecord();
    const plan = this.source.plan();
    return this.editable && !!c && !!plan && this.may('create', 'referrals', { caseId: c.id, clientId: c.clientId, clientName: c.clientName, planId: plan.id, status: 'draft' });
  }

  /** "Send without consent" is offered: not turned off by the host and allowed by the policy. */
  get offersOverride(): boolean {
    const c = this.source.caseRecord();
    if (this.source.noConsentOverride() || !c) return false;
    const plan = this.source.plan();
    return this.may('override-consent', 'referrals', { caseId: c.id, clientId: c.clientId, clientName: c.clientName, ...(plan ? { planId: plan.id } : {}) });
  }
}
