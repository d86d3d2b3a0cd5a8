import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PermissionError } from '../errors/errors.js';
import { createTestSetup, PERSONAS, type TestSetup } from '../testing/test-manager.js';

async function referredCase(setup: TestSetup, name: string, days: { toIntake: number }) {
  const { client } = await setup.manager.clients.create({ name: { given: [name], family: 'Test' } });
  let record = await setup.manager.cases.create({ clientId: client.id, program: 'social-work', status: 'referred', nextContactDue: '2026-11-30' });
  setup.clock.advanceDays(days.toIntake);
  record = await setup.manager.cases.transition(record, 'intake');
  record = await setup.manager.cases.transition(record, 'active');
  return record;
}

describe('caseload report', () => {
  it('counts open cases, overdue contacts, referral loop closure, goals and referral-to-intake time', async () => {
    const setup = createTestSetup();
    setup.clock.set('2026-11-01T09:00:00.000Z');
    const from = '2026-11-01T00:00:00.000Z';
    const a = await referredCase(setup, 'Ana', { toIntake: 2 });
    const b = await referredCase(setup, 'Ben', { toIntake: 4 });
    await setup.manager.cases.update(b, { nextContactDue: '2026-11-03', priority: 'urgent' });
    await setup.manager.consents.record({ clientId: a.clientId, scope: 'share-with-provider', grantee: { name: 'Food Bank' }, purpose: 'Arrange services', source: 'verbal' });
    const referral = (reason: string) => setup.manager.referrals.create({ caseId: a.id, reason, send: true, service: { organizationName: 'Food Bank', serviceName: 'Pantry', category: 'food' } });
    let r1 = await referral('Food');
    const r2 = await referral('Food again');
    await referral('Never answered');
    setup.clock.advanceDays(3);
    r1 = await setup.manager.referrals.transition(r1, 'accepted', { recordedFor: 'performer' });
    await setup.manager.referrals.transition(r1, 'completed', { recordedFor: 'performer', outcome: { code: 'service-provided' } });
    setup.clock.advanceDays(2);
    await setup.manager.referrals.transition(r2, 'rejected', { recordedFor: 'performer', reason: 'Full' });
    let plan = await setup.manager.plans.create(a.id, { title: 'Plan', goals: [{ needDomain: 'food', description: 'Enough food' }, { needDomain: 'housing', description: 'Stay housed' }] });
    plan = await setup.manager.plans.addProgress(plan, plan.goals[0]!.id, { text: 'Enrolled', achievementStatus: 'achieved' });
    setup.clock.set('2026-11-20T09:00:00.000Z');

    const report = await setup.as(PERSONAS.supervisor).reports.caseload({ from, to: '2026-12-01T00:00:00.000Z' });
    assert.equal(report.openCases.total, 2);
    assert.deepEqual(report.openCases.byStatus, { active: 2 });
    assert.deepEqual(report.openCases.byPriority, { medium: 1, urgent: 1 });
    assert.equal(report.contactsOverdue, 1);
    assert.deepEqual(
      [report.referrals.sent, report.referrals.accepted, report.referrals.rejected, report.referrals.completed, report.referrals.awaitingAcknowledgementOverdue],
      [3, 1, 1, 1, 1],
    );
    assert.equal(report.referrals.loopClosureRate, 2 / 3);
    assert.equal(report.referrals.medianDaysToAcceptance, 3);
    assert.deepEqual(report.goals, { achieved: 1, notAchieved: 0, inProgress: 0, noAssessment: 1 });
    assert.equal(report.averageDaysReferralToIntake, 3);

    const mine = await setup.manager.reports.caseload({ from, to: '2026-12-01T00:00:00.000Z' });
    assert.equal(mine.range.assigneeId, PERSONAS.caseManager.id, 'a case manager gets their own caseload');
    await assert.rejects(setup.manager.reports.caseload({ from, to: '2026-12-01T00:00:00.000Z', assigneeId: PERSONAS.otherCaseManager.id }), PermissionError);
    const empty = await setup.as(PERSONAS.supervisor).reports.caseload({ from: '2025-01-01T00:00:00.000Z', to: '2025-02-01T00:00:00.000Z' });
    assert.equal(empty.referrals.loopClosureRate, null);
  });
});
