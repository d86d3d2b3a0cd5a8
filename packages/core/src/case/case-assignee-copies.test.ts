import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PERSONAS } from '../testing/test-manager.js';
import { createWorklistScenario } from '../testing/worklist-scenario.js';
import type { StoredRecord } from '../storage/storage-port.js';

const BAKER = { id: PERSONAS.otherCaseManager.id, name: PERSONAS.otherCaseManager.name };

describe("plans and referrals carry their case's assignee", () => {
  it('a new plan and a new referral get the assignee of their case', async () => {
    const s = await createWorklistScenario();
    assert.equal(s.plan.caseAssigneeId, PERSONAS.caseManager.id);
    assert.equal(s.referrals.fresh.caseAssigneeId, PERSONAS.caseManager.id);
  });

  it("a plan of an unassigned case says so (null), and assigning the case stamps it", async () => {
    const s = await createWorklistScenario();
    const open = await s.supervisor.cases.create({ clientId: s.clients.omar.id, program: 'social-work', status: 'active', priority: 'medium' });
    assert.equal(open.assigneeId, undefined);
    const plan = await s.supervisor.plans.create(open.id, { title: 'Stabilise housing' });
    assert.equal(plan.caseAssigneeId, null);
    await s.supervisor.cases.update(open, { assigneeId: PERSONAS.caseManager.id, assigneeName: PERSONAS.caseManager.name });
    assert.equal((await s.storage.get('plans', plan.id))?.['caseAssigneeId'], PERSONAS.caseManager.id);
  });

  it('a transfer moves the copy with the case, in the same unit, when it is accepted (not while it waits)', async () => {
    const s = await createWorklistScenario();
    const pending = await s.supervisor.cases.transfer(s.cases.rosa, BAKER, { reason: 'Balancing caseloads', requireAcceptance: true });
    assert.equal((await s.storage.get('plans', s.plan.id))?.['caseAssigneeId'], PERSONAS.caseManager.id, 'still Marta’s while Devon has not accepted');
    await s.as(PERSONAS.otherCaseManager).cases.acceptTransfer(pending);
    const plan = await s.storage.get('plans', s.plan.id);
    const referrals = (await s.storage.find('referrals', { index: 'caseId', equals: s.cases.rosa.id })).items;
    assert.equal(plan?.['caseAssigneeId'], BAKER.id);
    assert.ok(referrals.length >= 2 && referrals.every((r) => r['caseAssigneeId'] === BAKER.id));
    const audit = (await s.storage.find('audit', { index: 'recordId+at', prefix: [s.plan.id] })).items;
    assert.match(String(audit.at(-1)?.['reason']), /case transferred to Devon Baker/);
  });

  it('an immediate transfer and an assignment by update move it too; the worklists follow', async () => {
    const s = await createWorklistScenario();
    const rosaRows = (page: { items: { caseId?: string }[] }) => page.items.filter((i) => i.caseId === s.cases.rosa.id).length;
    const before = rosaRows(await s.caseManager.worklist({ limit: 200 }));
    assert.ok(before >= 4, 'contact, review, task and referral rows of Rosa’s case');
    const moved = await s.supervisor.cases.transfer(s.cases.rosa, BAKER, { reason: 'Marta is on leave' });
    assert.equal(rosaRows(await s.caseManager.worklist({ limit: 200 })), 0, 'gone from Marta’s');
    assert.equal(rosaRows(await s.as(PERSONAS.otherCaseManager).worklist({ limit: 200 })), before, 'all on Devon’s');
    await s.supervisor.cases.update(moved, { assigneeId: PERSONAS.caseManager.id, assigneeName: PERSONAS.caseManager.name });
    assert.equal((await s.storage.get('plans', s.plan.id))?.['caseAssigneeId'], PERSONAS.caseManager.id);
    assert.equal(rosaRows(await s.caseManager.worklist({ limit: 200 })), before, 'back on Marta’s');
  });

  it('rows stored without the copy (older data, or written by another system) are still on the worklist', async () => {
    const s = await createWorklistScenario();
    const strip = async (collection: 'plans' | 'referrals', record: StoredRecord) => {
      const { caseAssigneeId: _c, ...rest } = (await s.storage.get(collection, record.id))!;
      await s.storage.commit([{ type: 'put', collection, record: { ...rest, version: rest.version + 1 } as StoredRecord, expectedVersion: rest.version }]);
    };
    const expected = (await s.caseManager.worklist({ limit: 200 })).items.map((i) => i.id).sort();
    await strip('plans', s.plan);
    for (const r of (await s.storage.find('referrals', { index: 'id' })).items) await strip('referrals', r);
    const page = await s.caseManager.worklist({ limit: 200 });
    assert.deepEqual(page.items.map((i) => i.id).sort(), expected);
  });

  it('a stale copy never shows a row to the wrong case manager: the case decides', async () => {
    const s = await createWorklistScenario();
    // A copy naming Devon on a plan of Marta's case (as a partial sync could leave it).
    const plan = (await s.storage.get('plans', s.plan.id))!;
    await s.storage.commit([{ type: 'put', collection: 'plans', record: { ...plan, caseAssigneeId: BAKER.id, version: plan.version + 1 }, expectedVersion: plan.version }]);
    const devon = await s.as(PERSONAS.otherCaseManager).worklist({ limit: 200 });
    assert.ok(devon.items.every((i) => i.caseId !== s.cases.rosa.id));
  });
});
