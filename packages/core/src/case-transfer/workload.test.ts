import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NotFoundError, PermissionError, TransitionError, ValidationError } from '../errors/errors.js';
import { defaultPolicy, type Policy } from '../policy/policy.js';
import { OrganizationSchema } from '../directory/directory-schema.js';
import { readAll } from '../storage/read-all.js';
import { COLLECTIONS } from '../records/record.js';
import { createTestSetup, PERSONAS } from '../testing/test-manager.js';
import type { StoragePort } from '../storage/storage-port.js';
import type { CaseRecord } from '../case/case-schema.js';
import { DEFAULT_WORKLOAD_WEIGHTS, workloadScore } from './workload.js';

const ALVAREZ = PERSONAS.caseManager;
const BAKER = PERSONAS.otherCaseManager;
const SUPERVISOR = PERSONAS.supervisor;

/** Hides behavioral-health cases from everyone but Marta (a record-level policy: no index shortcuts). */
const bhPolicy: Policy = (request) => {
  const program = request.case?.program ?? (request.record as { program?: string } | undefined)?.program;
  if (program === 'behavioral-health' && request.actor.id !== ALVAREZ.id) return false;
  return defaultPolicy(request);
};

/**
 * Marta (today is 2026-11-24): an overdue high-risk urgent case (8 points), a moderate-risk high-priority
 * one (3), a routine one with an open referral (1.5) and a closed case (0). Devon: one routine case (1).
 */
async function world(policy: Policy = defaultPolicy) {
  const setup = createTestSetup({ timeZone: 'UTC', policy });
  const at = '2026-11-01T00:00:00.000Z';
  await setup.storage.load([{ collection: 'organizations', records: [OrganizationSchema.parse({ id: 'org-food-bank', version: 1, createdAt: at, updatedAt: at, name: 'Riverside Community Food Bank' })] }]);
  const service = await setup.as(SUPERVISOR).directory.createService({ organizationId: 'org-food-bank', name: 'Emergency food boxes', categories: ['food'] });
  const open = async (given: string, extra: Record<string, unknown>, manager = setup.manager) => {
    const { client } = await manager.clients.create({ name: { given: [given], family: 'Okonkwo' } });
    return manager.cases.create({ clientId: client.id, program: 'social-work', status: 'active', ...extra });
  };
  const heavy = await open('Ada', { riskLevel: 'high', priority: 'urgent', nextContactDue: '2026-11-01' });
  const middle = await open('Ben', { riskLevel: 'moderate', priority: 'high', nextContactDue: '2026-11-24' });
  const routine = await open('Cy', {});
  await setup.manager.consents.record({ clientId: routine.clientId, scope: 'share-with-provider', grantee: { organizationId: 'org-food-bank', name: 'Food bank' }, purpose: 'Food referral', source: 'written' });
  await setup.manager.referrals.create({ caseId: routine.id, service: { serviceId: service.id }, reason: 'Ran out of food mid-month', send: true });
  await setup.manager.referrals.create({ caseId: routine.id, service: { serviceId: service.id }, reason: 'A draft is not yet work for the provider loop' });
  const closed = await setup.manager.cases.transition(await open('Dee', { riskLevel: 'high', nextContactDue: '2026-10-01' }), 'closed', { closureReason: 'goals-met' });
  const devons = await open('Eve', {}, setup.as(BAKER));
  return { setup, heavy, middle, routine, closed, devons };
}

async function snapshot(storage: StoragePort): Promise<string> {
  return JSON.stringify(await Promise.all(COLLECTIONS.map((c) => readAll(storage, c))));
}

describe('reports.workload', () => {
  it('scores each worker by risk, priority, overdue contacts and open referrals, heaviest first', async () => {
    const { setup } = await world();
    const { workers, weights } = await setup.as(SUPERVISOR).reports.workload();
    assert.deepEqual(weights, DEFAULT_WORKLOAD_WEIGHTS);
    assert.deepEqual(workers.map((w) => [w.assigneeId, w.assigneeName, w.score]), [
      [ALVAREZ.id, ALVAREZ.name, 12.5],
      [BAKER.id, BAKER.name, 1],
    ]);
    const marta = workers[0]!;
    assert.equal(marta.openCases, 3, 'the closed case is not load');
    assert.deepEqual(marta.byRisk, { low: 1, moderate: 1, high: 1 });
    assert.deepEqual(marta.byPriority, { low: 0, medium: 1, high: 1, urgent: 1 });
    assert.equal(marta.overdueContacts, 1, 'due today is not overdue (isCaseOverdue)');
    assert.equal(marta.openReferrals, 1, 'the sent referral; the draft is not in the loop');
  });

  it('takes weights: the given ones change, the rest default', async () => {
    const { setup } = await world();
    const { workers, weights } = await setup.as(SUPERVISOR).reports.workload({ weights: { risk: { high: 10 }, openReferral: 0 } });
    assert.equal(weights.risk.moderate, 1);
    // heavy 1+10+2+2, middle 1+1+1, routine 1 + 0 for the referral
    assert.equal(workers.find((w) => w.assigneeId === ALVAREZ.id)!.score, 19);
    assert.equal(workloadScore({ openCases: 2, byRisk: { low: 0, moderate: 0, high: 2 }, byPriority: { low: 0, medium: 0, high: 0, urgent: 2 }, overdueContacts: 1, openReferrals: 3 }, DEFAULT_WORKLOAD_WEIGHTS), 2 + 6 + 4 + 2 + 1.5);
  });

  it('validates weights and workers with field paths', async () => {
    const { setup } = await world();
    const sup = setup.as(SUPERVISOR).reports;
    for (const [query, path] of [
      [{ weights: { risk: { high: -1 } } }, 'query.weights.risk.high'],
      [{ weights: { overdueContact: Number.NaN } }, 'query.weights.overdueContact'],
      [{ weights: { unknown: 1 } }, 'query.weights'],
      [{ assigneeIds: [''] }, 'query.assigneeIds.0'],
    ] as const) {
      await assert.rejects(sup.workload(query as never), (error: unknown) => error instanceof ValidationError && error.issues[0]!.path.join('.') === path, path);
    }
  });

  it('gives a case manager their own load only; refuses a colleague\'s and refuses providers', async () => {
    const { setup } = await world();
    assert.deepEqual((await setup.manager.reports.workload()).workers.map((w) => w.assigneeId), [ALVAREZ.id]);
    await assert.rejects(setup.manager.reports.workload({ assigneeIds: [BAKER.id] }), PermissionError);
    await assert.rejects(setup.as(PERSONAS.foodBankStaff).reports.workload(), PermissionError);
    assert.equal((await setup.as(PERSONAS.viewer).reports.workload()).workers.length, 2, 'viewers read the caseload');
  });

  it('never counts a case the policy hides, under a record-level policy', async () => {
    const { setup } = await world(bhPolicy);
    const { client } = await setup.manager.clients.create({ name: { given: ['Fay'], family: 'Okonkwo' } });
    await setup.manager.cases.create({ clientId: client.id, program: 'behavioral-health', status: 'active', riskLevel: 'high' });
    const seenBySupervisor = (await setup.as(SUPERVISOR).reports.workload()).workers.find((w) => w.assigneeId === ALVAREZ.id)!;
    assert.equal(seenBySupervisor.openCases, 3);
    assert.equal(seenBySupervisor.score, 12.5);
    assert.equal((await setup.manager.reports.workload()).workers[0]!.openCases, 4, 'Marta sees her own BH case');
  });

  it('narrows to one program', async () => {
    const { setup } = await world();
    const sup = setup.as(SUPERVISOR).reports;
    assert.deepEqual((await sup.workload({ program: 'healthcare' })).workers, []);
    assert.equal((await sup.workload({ program: 'social-work' })).workers.length, 2);
    const asked = (await sup.workload({ program: 'healthcare', assigneeIds: [ALVAREZ.id] })).workers;
    assert.deepEqual(asked.map((w) => [w.assigneeId, w.openCases, w.score]), [[ALVAREZ.id, 0, 0]], 'a worker asked for is listed even with nothing');
  });

  it('writes nothing, not even an audit event', async () => {
    const { setup } = await world();
    const before = await snapshot(setup.storage);
    await setup.as(SUPERVISOR).reports.workload();
    assert.equal(await snapshot(setup.storage), before);
  });
});

describe('reports.previewTransfer', () => {
  it('shows both loads before and after moving the chosen cases, and writes nothing', async () => {
    const { setup, heavy, routine } = await world();
    const before = await snapshot(setup.storage);
    const preview = await setup.as(SUPERVISOR).reports.previewTransfer([heavy.id, routine.id], BAKER.id);
    assert.equal(await snapshot(setup.storage), before, 'a preview writes nothing');
    assert.equal(preview.cases, 2);
    assert.deepEqual([preview.to.before.score, preview.to.after.score], [1, 10.5]);
    assert.deepEqual([preview.to.before.openCases, preview.to.after.openCases], [1, 3]);
    assert.equal(preview.to.after.openReferrals, 1);
    assert.equal(preview.to.after.overdueContacts, 1);
    assert.equal(preview.from.length, 1);
    const [marta] = preview.from;
    assert.deepEqual([marta!.before.assigneeId, marta!.before.score, marta!.after.score, marta!.after.openCases], [ALVAREZ.id, 12.5, 3, 1]);
    assert.deepEqual(marta!.after.byRisk, { low: 0, moderate: 1, high: 0 });
  });

  it('previews a move to someone with no cases yet', async () => {
    const { setup, middle } = await world();
    const preview = await setup.as(SUPERVISOR).reports.previewTransfer([middle.id], 'cm-chen');
    assert.deepEqual([preview.to.before.openCases, preview.to.before.score, preview.to.after.score], [0, 0, 3]);
    assert.equal(preview.to.before.assigneeName, undefined);
  });

  it('agrees with the workload after the transfer is made', async () => {
    const { setup, heavy, routine } = await world();
    const sup = setup.as(SUPERVISOR);
    const preview = await sup.reports.previewTransfer([heavy.id, routine.id], BAKER.id, { weights: { openCase: 2 } });
    await sup.cases.transfer([heavy, routine], { id: BAKER.id, name: BAKER.name }, { reason: 'Balancing' });
    const { workers } = await sup.reports.workload({ weights: { openCase: 2 } });
    assert.deepEqual(workers.map((w) => [w.assigneeId, w.score]).sort(), [[ALVAREZ.id, preview.from[0]!.after.score], [BAKER.id, preview.to.after.score]].sort());
  });

  it('refuses case managers (it shows a colleague\'s load), and cases the actor may not transfer', async () => {
    const { setup, heavy, devons } = await world();
    await assert.rejects(setup.manager.reports.previewTransfer([heavy.id], BAKER.id), PermissionError);
    await assert.rejects(setup.as(PERSONAS.viewer).reports.previewTransfer([heavy.id], BAKER.id), PermissionError);
    await assert.rejects(setup.as(BAKER).reports.previewTransfer([heavy.id, devons.id], 'cm-chen'), PermissionError);
  });

  it('refuses what a transfer would refuse: closed cases, cases already with the receiver, unknown and repeated ids', async () => {
    const { setup, heavy, closed, devons } = await world();
    const sup = setup.as(SUPERVISOR).reports;
    await assert.rejects(sup.previewTransfer([heavy.id, closed.id], BAKER.id), TransitionError);
    await assert.rejects(sup.previewTransfer([devons.id], BAKER.id), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path.join('.') === 'caseIds.0');
    await assert.rejects(sup.previewTransfer([heavy.id, heavy.id], BAKER.id), (e: unknown) => e instanceof ValidationError && e.issues[0]!.path.join('.') === 'caseIds.1');
    await assert.rejects(sup.previewTransfer(['no-such-case'], BAKER.id), NotFoundError);
    await assert.rejects(sup.previewTransfer([], BAKER.id), ValidationError);
    await assert.rejects(sup.previewTransfer([heavy.id], ''), ValidationError);
  });

  it('counts only what the actor may read, under a record-level policy', async () => {
    const { setup, heavy } = await world(bhPolicy);
    const { client } = await setup.manager.clients.create({ name: { given: ['Fay'], family: 'Okonkwo' } });
    const bh: CaseRecord = await setup.manager.cases.create({ clientId: client.id, program: 'behavioral-health', status: 'active', riskLevel: 'high' });
    const sup = setup.as(SUPERVISOR).reports;
    const preview = await sup.previewTransfer([heavy.id], BAKER.id);
    assert.equal(preview.from[0]!.before.openCases, 3, 'the BH case the supervisor may not read is not counted');
    await assert.rejects(sup.previewTransfer([bh.id], BAKER.id), PermissionError);
  });
});
