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

  it('reports language access for clients who need an interpreter: referrals by language match, interpreter use at contacts', async () => {
    const setup = createTestSetup();
    setup.clock.set('2026-11-02T09:00:00.000Z');
    const admin = setup.as(PERSONAS.supervisor);
    const org = await admin.directory.createOrganization({ name: 'Riverside Services' });
    const service = (name: string, extra: object) => admin.directory.createService({ organizationId: org.id, name, categories: ['food'], ...extra });
    const speaksVi = await service('Pantry (Vietnamese spoken)', { languages: ['vi', 'en'] });
    const interprets = await service('Clinic with interpreters', { languages: ['en'], interpretationAvailable: true });
    const englishOnly = await service('English-only class', { languages: ['en'] });
    const { client: thanh } = await setup.manager.clients.create({ name: { given: ['Thanh'], family: 'Nguyễn' }, language: 'vi-VN', interpreterNeeded: true });
    const { client: ana } = await setup.manager.clients.create({ name: { given: ['Ana'], family: 'Silva' }, language: 'pt' });
    const needs = await setup.manager.cases.create({ clientId: thanh.id, program: 'social-work', status: 'active' });
    const fluent = await setup.manager.cases.create({ clientId: ana.id, program: 'social-work', status: 'active' });
    for (const clientId of [thanh.id, ana.id]) await setup.manager.consents.record({ clientId, scope: 'share-with-provider', purpose: 'Arrange services', source: 'verbal' });
    await setup.manager.consents.record({ clientId: thanh.id, scope: 'share-with-provider', grantee: { name: 'Church pantry' }, purpose: 'Food', source: 'verbal' });
    const refer = (caseId: string, svc: { serviceId: string } | { organizationName: string; serviceName: string; category: 'food' }) =>
      setup.manager.referrals.create({ caseId, reason: 'Food', send: true, service: svc });
    await refer(needs.id, { serviceId: speaksVi.id });
    await refer(needs.id, { serviceId: interprets.id });
    await refer(needs.id, { serviceId: englishOnly.id });
    await refer(needs.id, { organizationName: 'Church pantry', serviceName: 'Pantry', category: 'food' });
    await refer(fluent.id, { serviceId: englishOnly.id });
    const contact = (caseId: string, extra: object) => setup.manager.notes.create({ caseId, type: 'phone', text: 'Called', sign: true, ...extra });
    await contact(needs.id, { interpreter: { used: true, language: 'vi' } });
    await contact(needs.id, { interpreter: { used: false } });
    await contact(needs.id, {});
    await contact(needs.id, { outcome: 'attempted', interpreter: { used: false } });
    await contact(needs.id, { occurredAt: '2026-10-15T10:00:00.000Z', interpreter: { used: false } });
    await contact(fluent.id, { interpreter: { used: false } });

    for (const actor of [PERSONAS.supervisor, PERSONAS.caseManager]) {
      const report = await setup.as(actor).reports.caseload({ from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' });
      assert.deepEqual(report.languageAccess.referrals, { sent: 4, staffSpeakLanguage: 1, interpretationOffered: 1, noLanguageSupport: 1, unknown: 1, matchedRate: 1 / 3 }, actor.role);
      assert.deepEqual(report.languageAccess.contacts, { total: 3, interpreterUsed: 1, interpreterNotUsed: 1, notRecorded: 1, interpreterUseRate: 1 / 2 }, actor.role);
      assert.equal(report.languageAccess.clients, 1, 'Ana speaks Portuguese without an interpreter: not counted');
    }
  });

  it('splits language access by the client’s language, most clients first, and counts no one when nobody needs an interpreter', async () => {
    const setup = createTestSetup();
    setup.clock.set('2026-11-02T09:00:00.000Z');
    const admin = setup.as(PERSONAS.supervisor);
    const org = await admin.directory.createOrganization({ name: 'Riverside Services' });
    const spanish = await admin.directory.createService({ organizationId: org.id, name: 'Clínica', categories: ['health'], languages: ['es', 'en'] });
    const client = async (given: string, language: string | undefined) => {
      const { client } = await setup.manager.clients.create({ name: { given: [given], family: 'Test' }, ...(language ? { language } : {}), interpreterNeeded: true });
      const record = await setup.manager.cases.create({ clientId: client.id, program: 'social-work', status: 'active' });
      await setup.manager.consents.record({ clientId: client.id, scope: 'share-with-provider', purpose: 'Arrange services', source: 'verbal' });
      return record;
    };
    const rosa = await client('Rosa', 'es-MX');
    const luis = await client('Luis', 'es');
    const thanh = await client('Thanh', 'vi');
    const nobody = await client('Sam', undefined);
    for (const c of [rosa, luis, thanh]) await setup.manager.referrals.create({ caseId: c.id, reason: 'Health', send: true, service: { serviceId: spanish.id } });
    await setup.manager.notes.create({ caseId: thanh.id, type: 'phone', text: 'Called', sign: true, interpreter: { used: true, language: 'vi' } });
    await setup.manager.notes.create({ caseId: nobody.id, type: 'phone', text: 'Called', sign: true });

    const report = await admin.reports.caseload({ from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' });
    const { byLanguage, clients } = report.languageAccess;
    assert.equal(clients, 4);
    assert.deepEqual(
      byLanguage.map((row) => [row.language, row.clients, row.referrals.sent, row.referrals.matchedRate, row.contacts.total, row.contacts.interpreterUseRate]),
      [
        ['es', 2, 2, 1, 0, null],
        ['vi', 1, 1, 0, 1, 1],
        [null, 1, 0, null, 1, null],
      ],
    );
    const sum = (pick: (row: (typeof byLanguage)[number]) => number) => byLanguage.reduce((total, row) => total + pick(row), 0);
    assert.equal(sum((row) => row.referrals.sent), report.languageAccess.referrals.sent, 'the rows add up to the totals');
    assert.equal(sum((row) => row.contacts.total), report.languageAccess.contacts.total);

    const none = await admin.reports.caseload({ from: '2025-01-01T00:00:00.000Z', to: '2025-02-01T00:00:00.000Z' });
    assert.deepEqual([none.languageAccess.clients, none.languageAccess.byLanguage], [0, []]);
  });
});
