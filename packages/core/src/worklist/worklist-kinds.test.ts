import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWorklistScenario } from '../testing/worklist-scenario.js';
import type { WorklistItem, WorklistPage } from './worklist-schema.js';

const ids = (page: WorklistPage) => page.items.map((item) => item.id);
const byId = (page: WorklistPage, id: string): WorklistItem => {
  const item = page.items.find((i) => i.id === id);
  assert.ok(item, `${id} is on the list (${ids(page).join(', ')})`);
  return item;
};
const codes = (item: WorklistItem) => item.reasons.map((r) => r.code);

describe('worklist: what a case manager has to do today', () => {
  it('lists overdue and due-today contacts of open cases only, with days overdue', async () => {
    const s = await createWorklistScenario();
    const page = await s.caseManager.worklist({ kinds: ['contact-due'] });
    assert.deepEqual(ids(page).sort(), [`contact-due:${s.cases.rosa.id}`, `contact-due:${s.cases.thanh.id}`].sort());
    const rosa = byId(page, `contact-due:${s.cases.rosa.id}`);
    assert.deepEqual([rosa.dueDate, rosa.daysOverdue, rosa.caseId, rosa.clientId], ['2026-11-20', 4, s.cases.rosa.id, s.clients.rosa.id]);
    assert.deepEqual(rosa.reasons.find((r) => r.code === 'contact-overdue')?.days, 4);
    assert.deepEqual(rosa.recordRef, { collection: 'cases', id: s.cases.rosa.id, version: s.cases.rosa.version });
    const thanh = byId(page, `contact-due:${s.cases.thanh.id}`);
    assert.deepEqual([thanh.daysOverdue, codes(thanh)[0]], [0, 'contact-due-today']);
    // The same definition of overdue as cases.isOverdue.
    assert.equal(s.caseManager.cases.isOverdue(s.cases.rosa), true);
    assert.equal(s.caseManager.cases.isOverdue(s.cases.thanh), false);
  });

  it('lists a closed case no more', async () => {
    const s = await createWorklistScenario();
    await s.supervisor.cases.transition(s.cases.rosa, 'closed', { closureReason: 'goals-met' });
    assert.deepEqual(ids(await s.caseManager.worklist({ kinds: ['contact-due'] })), [`contact-due:${s.cases.thanh.id}`]);
  });

  it('lists referrals past their acknowledgement and completion deadlines', async () => {
    const s = await createWorklistScenario();
    const page = await s.caseManager.worklist({ kinds: ['referral-overdue'] });
    assert.deepEqual(ids(page).sort(), [`referral-overdue:${s.referrals.unanswered.id}`, `referral-overdue:${s.referrals.lingering.id}`].sort());
    const unanswered = byId(page, `referral-overdue:${s.referrals.unanswered.id}`);
    assert.deepEqual([unanswered.dueDate, unanswered.daysOverdue, codes(unanswered)[0]], ['2026-11-13', 11, 'referral-acknowledgement-overdue']);
    assert.ok(s.caseManager.referrals.isOverdue(s.referrals.unanswered), 'the referrals API agrees');
    assert.equal(unanswered.subject.organizationName, 'Eastside Community Food Bank');
    assert.ok(unanswered.reasons.some((r) => r.code === 'referral-urgency' && r['urgency'] === 'urgent'));
    const lingering = byId(page, `referral-overdue:${s.referrals.lingering.id}`);
    assert.deepEqual([lingering.dueDate, lingering.daysOverdue, codes(lingering)[0]], ['2026-10-31', 24, 'referral-completion-overdue']);
    // A longer completion window takes it off.
    assert.deepEqual(ids(await s.caseManager.worklist({ kinds: ['referral-overdue'], referralCompletionDays: 60 })), [`referral-overdue:${s.referrals.unanswered.id}`]);
  });

  it('lists plan reviews due and open care-plan tasks due, not done tasks, later tasks or interventions', async () => {
    const s = await createWorklistScenario();
    const page = await s.caseManager.worklist({ kinds: ['plan-review-due', 'task-due'] });
    const goal = s.plan.goals[0]!;
    const task = goal.interventions[0]!;
    assert.deepEqual(ids(page).sort(), [`plan-review-due:${s.plan.id}`, `task-due:${s.plan.id}/${goal.id}/${task.id}`].sort());
    const review = byId(page, `plan-review-due:${s.plan.id}`);
    assert.deepEqual([review.dueDate, review.daysOverdue, review.subject.planTitle], ['2026-11-20', 4, 'Stabilise housing and food']);
    const due = byId(page, `task-due:${s.plan.id}/${goal.id}/${task.id}`);
    assert.deepEqual([due.dueDate, due.daysOverdue, due.subject.taskDescription], ['2026-11-22', 2, 'Call the housing authority about the voucher list']);
    assert.deepEqual(due.recordRef, { collection: 'plans', id: s.plan.id, version: s.plan.version, part: `goals/${goal.id}/interventions/${task.id}` });
    // A task no longer open leaves.
    await s.caseManager.plans.transitionIntervention(s.plan, goal.id, task.id, 'cancelled', { reason: 'The voucher list closed' });
    assert.deepEqual(ids(await s.caseManager.worklist({ kinds: ['task-due'] })), []);
  });

  it('lists consents expiring within 14 days, and expired ones an open referral relies on', async () => {
    const s = await createWorklistScenario();
    const page = await s.caseManager.worklist({ kinds: ['consent-expiring'] });
    assert.deepEqual(ids(page).sort(), [`consent-expiring:${s.consents.rosaExpiring.id}`, `consent-expiring:${s.consents.thanhExpired.id}`].sort());
    const expiring = byId(page, `consent-expiring:${s.consents.rosaExpiring.id}`);
    assert.deepEqual([expiring.reasons[0]?.code, expiring.reasons[0]?.['daysLeft'], expiring.daysOverdue], ['consent-expiring', 7, 0]);
    const expired = byId(page, `consent-expiring:${s.consents.thanhExpired.id}`);
    assert.deepEqual([expired.reasons[0]?.code, expired.reasons[0]?.['referrals'], expired.daysOverdue], ['consent-expired-relied-on', 1, 4]);
    // A shorter window leaves the expiring one out; once nothing relies on the expired one, it goes too.
    assert.deepEqual(ids(await s.caseManager.worklist({ kinds: ['consent-expiring'], consentExpiryDays: 3 })), [`consent-expiring:${s.consents.thanhExpired.id}`]);
    await s.caseManager.referrals.transition(s.referrals.unanswered, 'cancelled', { reason: 'Client found help elsewhere' });
    assert.deepEqual(ids(await s.caseManager.worklist({ kinds: ['consent-expiring'], consentExpiryDays: 3 })), []);
  });

  it('lists approvals for a supervisor only, and they leave once decided', async () => {
    const s = await createWorklistScenario();
    const approvals = { kinds: ['closure-approval', 'activation-approval'] as const };
    assert.deepEqual(ids(await s.caseManager.worklist({ kinds: [...approvals.kinds] })), [], 'a case manager cannot approve');
    const page = await s.supervisor.worklist({ kinds: [...approvals.kinds] });
    assert.deepEqual(ids(page).sort(), [`closure-approval:${s.cases.amina.id}`, `activation-approval:${s.pendingPlan.id}`].sort());
    const closure = byId(page, `closure-approval:${s.cases.amina.id}`);
    assert.deepEqual([closure.reasons[0]?.code, closure.reasons[0]?.['requestedBy'], closure.dueDate], ['closure-awaiting-approval', 'cm-alvarez', undefined]);
    await s.supervisor.cases.approveClosure(s.cases.amina);
    await s.supervisor.plans.approveActivation(s.pendingPlan);
    assert.deepEqual(ids(await s.supervisor.worklist({ kinds: [...approvals.kinds] })), []);
  });

  it("lists new referrals to a provider's organisation (and its accepted ones past completion), without the case or the client's name", async () => {
    const s = await createWorklistScenario();
    const page = await s.provider.worklist();
    assert.deepEqual(ids(page).sort(), [`new-referral:${s.referrals.fresh.id}`, `new-referral:${s.referrals.unanswered.id}`, `referral-overdue:${s.referrals.lingering.id}`].sort());
    assert.equal(byId(page, `referral-overdue:${s.referrals.lingering.id}`).caseId, undefined);
    const unanswered = byId(page, `new-referral:${s.referrals.unanswered.id}`);
    assert.deepEqual(codes(unanswered).slice(0, 2), ['new-referral', 'referral-acknowledgement-overdue']);
    assert.equal(unanswered.daysOverdue, 11);
    assert.equal(unanswered.caseId, undefined);
    assert.equal(unanswered.subject.clientName, undefined, 'a provider may not read the client');
    assert.equal(byId(page, `new-referral:${s.referrals.fresh.id}`).daysOverdue, 0);
    // Accepting it answers it.
    await s.provider.referrals.transition(s.referrals.fresh, 'accepted');
    assert.deepEqual(ids(await s.provider.worklist({ kinds: ['new-referral'] })), [`new-referral:${s.referrals.unanswered.id}`]);
    // Another organisation's staff see none of it.
    const other = s.as({ id: 'prov-kim', name: 'Ji-woo Kim', role: 'provider', organizationId: 'org-elsewhere' });
    const none = await other.worklist();
    assert.deepEqual([none.items.length, none.counts.total], [0, 0]);
  });

  it("lists a case transfer waiting for the receiver's acceptance on the receiver's worklist, until accepted", async () => {
    const s = await createWorklistScenario();
    const baker = s.caseManager.withActor({ id: 'cm-baker', name: 'Devon Baker', role: 'case-manager' });
    const asked = await s.caseManager.cases.transfer(s.cases.amina, { id: 'cm-baker', name: 'Devon Baker' }, { reason: 'Moving to the east-side team', requireAcceptance: true });
    const page = await baker.worklist({ kinds: ['transfer-request'] });
    const row = byId(page, `transfer-request:${asked.id}`);
    assert.deepEqual([row.caseId, codes(row)[0], row.reasons[0]?.['requestedBy']], [asked.id, 'transfer-awaiting-acceptance', 'cm-alvarez']);
    assert.deepEqual(ids(await s.caseManager.worklist({ kinds: ['transfer-request'] })), [], 'not on the requester\'s list');
    await baker.cases.acceptTransfer(asked);
    assert.deepEqual(ids(await baker.worklist({ kinds: ['transfer-request'] })), [], 'gone once accepted');
  });
});

