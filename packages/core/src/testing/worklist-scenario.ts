import type { CaseManager, CaseManagerOptions } from '../case-manager.js';
import type { CaseRecord } from '../case/case-schema.js';
import type { CarePlan } from '../care-plan/plan-schema.js';
import type { Client } from '../client/client-schema.js';
import type { Consent } from '../consent/consent-schema.js';
import type { Organization } from '../directory/directory-schema.js';
import type { Actor } from '../records/common.js';
import type { Referral } from '../referral/referral-schema.js';
import { createTestSetup, PERSONAS, type TestSetup } from './test-manager.js';

/** What `createWorklistScenario` built, by name. */
export interface WorklistScenario extends TestSetup {
  /** Marta Alvarez's manager (a case manager). */
  caseManager: CaseManager;
  supervisor: CaseManager;
  /** Lucía Ruiz, staff of the food bank, which receives referrals. */
  provider: CaseManager;
  providerActor: Actor;
  foodBank: Organization;
  clients: { rosa: Client; thanh: Client; amina: Client; omar: Client };
  cases: {
    /** Rosa (interpreter needed): urgent, high risk, contact 4 days overdue. */
    rosa: CaseRecord;
    /** Thanh: contact due today. */
    thanh: CaseRecord;
    /** Amina: contact due next week; closure requested (waits for a supervisor). */
    amina: CaseRecord;
    /** Omar: Devon Baker's case, contact 2 days overdue. */
    omar: CaseRecord;
  };
  /** Rosa's active plan: review 4 days ago, a task due 2 days ago, a done task and a later one. */
  plan: CarePlan;
  /** Thanh's draft plan, activation requested (waits for a supervisor). */
  pendingPlan: CarePlan;
  referrals: {
    /** Thanh → food bank, sent 14 days ago on Thanh's consent, never answered (acknowledgement 11 days overdue). */
    unanswered: Referral;
    /** Rosa → food bank, sent yesterday: new for the food bank, not overdue. */
    fresh: Referral;
    /** Rosa → food bank, sent 54 days ago and accepted, not completed (completion 24 days overdue at 30 days). */
    lingering: Referral;
  };
  consents: {
    /** Rosa's, ends in 7 days. */
    rosaExpiring: Consent;
    /** Thanh's, ended 4 days ago while the unanswered referral relies on it. */
    thanhExpired: Consent;
  };
}

const DAY = 86_400_000;

/**
 * A small agency on 24 November 2026 at 15:00 UTC with one of everything a worklist lists (see
 * `WorklistScenario`), built through the public API so every record is valid and audited. Closure and
 * plan-activation approvals are on. For worklist tests and for elements built on `manager.worklist`.
 */
export async function createWorklistScenario(options: Partial<CaseManagerOptions> = {}): Promise<WorklistScenario> {
  const test = createTestSetup({ approvals: { caseClosure: true, planActivation: true }, ...options });
  const { clock } = test;
  const now = clock.now().getTime();
  const at = (days: number) => clock.set(new Date(now + days * DAY).toISOString());
  const admin = test.as({ id: 'admin-lee', name: 'Jordan Lee', role: 'admin' });
  const supervisor = test.as(PERSONAS.supervisor);
  const caseManager = test.manager;
  const baker = test.as(PERSONAS.otherCaseManager);

  at(-60);
  const foodBank = await admin.directory.createOrganization({ name: 'Eastside Community Food Bank', contact: { phone: '+1 555 0110' } });
  const pantry = await admin.directory.createService({ organizationId: foodBank.id, name: 'Weekly grocery pantry', categories: ['food'], languages: ['en', 'es'], contact: { phone: '+1 555 0110' } });
  const providerActor: Actor = { id: 'prov-ruiz', name: 'Lucía Ruiz', role: 'provider', organizationId: foodBank.id };

  const rosa = (await caseManager.clients.create({ name: { given: ['Rosa'], family: 'Hernández' }, birthDate: '1984-03-12', language: 'es', interpreterNeeded: true })).client;
  const thanh = (await caseManager.clients.create({ name: { given: ['Thanh'], family: 'Nguyễn' }, birthDate: '1971-08-02' })).client;
  const amina = (await caseManager.clients.create({ name: { given: ['Amina'], family: 'Haddad' }, birthDate: '1990-01-20' })).client;
  const omar = (await baker.clients.create({ name: { given: ['Omar'], family: 'Farah' }, birthDate: '1966-05-05' })).client;

  let rosaCase = await caseManager.cases.create({ clientId: rosa.id, program: 'social-work', status: 'active', priority: 'urgent', riskLevel: 'high', title: 'Housing and food' });
  let thanhCase = await caseManager.cases.create({ clientId: thanh.id, program: 'healthcare', status: 'active', priority: 'medium' });
  let aminaCase = await caseManager.cases.create({ clientId: amina.id, program: 'social-work', status: 'active', priority: 'low' });
  let omarCase = await baker.cases.create({ clientId: omar.id, program: 'insurance', status: 'active', priority: 'high' });

  // Consents: Rosa's runs out in 7 days; Thanh's ended 4 days ago (recorded with an end date).
  const rosaExpiring = await caseManager.consents.record({ clientId: rosa.id, scope: 'share-with-provider', purpose: 'Share needs with community providers', source: 'written', period: { end: new Date(now + 7 * DAY).toISOString() } });
  const thanhExpired = await caseManager.consents.record({ clientId: thanh.id, scope: 'share-with-provider', purpose: 'Share needs with community providers', source: 'verbal', period: { end: new Date(now - 4 * DAY).toISOString() } });

  at(-54);
  let lingering = await caseManager.referrals.create({ caseId: rosaCase.id, reason: 'Groceries for the family while benefits are pending', service: { serviceId: pantry.id }, send: true });
  at(-53);
  lingering = await caseManager.referrals.transition(lingering, 'accepted', { recordedFor: 'performer' });
  at(-14);
  const unanswered = await caseManager.referrals.create({ caseId: thanhCase.id, reason: 'Diabetes-friendly food parcels', service: { serviceId: pantry.id }, send: true, urgency: 'urgent' });
  at(-1);
  const fresh = await caseManager.referrals.create({ caseId: rosaCase.id, reason: 'Baby formula and diapers', service: { serviceId: pantry.id }, send: true });

  at(-10);
  let plan = await caseManager.plans.create(rosaCase.id, {
    title: 'Stabilise housing and food',
    reviewDate: '2026-11-20',
    goals: [
      {
        needDomain: 'housing',
        description: 'Move into a lease of my own before winter',
        lifecycleStatus: 'active',
        interventions: [
          { kind: 'task', description: 'Call the housing authority about the voucher list', dueDate: '2026-11-22' },
          { kind: 'task', description: 'Collect pay stubs', dueDate: '2026-11-18', status: 'in-progress' },
          { kind: 'task', description: 'Visit the new flat', dueDate: '2026-12-10' },
          { kind: 'intervention', description: 'Rapid rehousing programme', dueDate: '2026-11-15' },
        ],
      },
    ],
  });
  plan = await caseManager.plans.transitionIntervention(plan, plan.goals[0]!.id, plan.goals[0]!.interventions[1]!.id, 'completed');
  plan = await supervisor.plans.transition(plan, 'active');
  let pendingPlan = await caseManager.plans.create(thanhCase.id, { title: 'Diabetes self-management' });
  pendingPlan = await caseManager.plans.transition(pendingPlan, 'active');

  at(-2);
  rosaCase = await caseManager.cases.update(rosaCase, { nextContactDue: '2026-11-20' });
  thanhCase = await caseManager.cases.update(thanhCase, { nextContactDue: '2026-11-24' });
  aminaCase = await caseManager.cases.update(aminaCase, { nextContactDue: '2026-12-01' });
  aminaCase = await caseManager.cases.transition(aminaCase, 'closed', { closureReason: 'goals-met' });
  omarCase = await baker.cases.update(omarCase, { nextContactDue: '2026-11-22' });
  at(0);

  return {
    ...test,
    caseManager,
    supervisor,
    provider: test.as(providerActor),
    providerActor,
    foodBank,
    clients: { rosa, thanh, amina, omar },
    cases: { rosa: rosaCase, thanh: thanhCase, amina: aminaCase, omar: omarCase },
    plan,
    pendingPlan,
    referrals: { unanswered, fresh, lingering },
    consents: { rosaExpiring, thanhExpired },
  };
}
