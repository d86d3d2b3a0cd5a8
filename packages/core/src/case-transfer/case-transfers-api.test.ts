import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConflictError, NotFoundError, PermissionError, TransitionError, ValidationError } from '../errors/errors.js';
import { readAll } from '../storage/read-all.js';
import { createTestSetup, PERSONAS, type TestSetup } from '../testing/test-manager.js';
import type { AuditEvent } from '../audit/audit-schema.js';
import type { CaseRecord } from '../case/case-schema.js';
import type { StoragePort } from '../storage/storage-port.js';

const ALVAREZ = PERSONAS.caseManager;
const BAKER = PERSONAS.otherCaseManager;
const CHEN = { id: 'cm-chen', name: 'Wei Chen', role: 'case-manager' } as const;
const TO_BAKER = { id: BAKER.id, name: BAKER.name };
const REASON = 'Caseload rebalancing after Devon joined the team';

async function openCase(setup: TestSetup, given = 'Aisha', extra: Record<string, unknown> = {}): Promise<CaseRecord> {
  const { client } = await setup.manager.clients.create({ name: { given: [given], family: 'Haddad' }, birthDate: '1979-06-02' });
  return setup.manager.cases.create({ clientId: client.id, program: 'social-work', status: 'active', ...extra });
}

/** Every stored record as JSON, to prove a failed call wrote nothing. */
async function everything(storage: StoragePort): Promise<string> {
  const collections = ['cases', 'audit', 'clients'] as const;
  return JSON.stringify(await Promise.all(collections.map((c) => readAll(storage, c))));
}

async function auditOf(storage: StoragePort, caseId: string): Promise<AuditEvent[]> {
  return ((await readAll(storage, 'audit')) as unknown as AuditEvent[]).filter((e) => e.recordId === caseId && e.collection === 'cases' && e.action !== 'read');
}

describe('cases.transfer (immediate)', () => {
  it('moves the case to the receiver, takes the previous assignee off it, and audits the reason', async () => {
    const setup = createTestSetup();
    const record = await openCase(setup, 'Aisha', { careTeam: [{ actorId: ALVAREZ.id, name: ALVAREZ.name, role: 'case-manager' }, { actorId: 'rn-li', name: 'Li Chen', role: 'nurse' }] });
    const moved = await setup.manager.cases.transfer(record, TO_BAKER, { reason: REASON });
    assert.equal(moved.assigneeId, BAKER.id);
    assert.equal(moved.assigneeName, BAKER.name);
    assert.deepEqual(moved.careTeam.map((m) => m.actorId), ['rn-li'], 'the previous assignee leaves the care team; others stay');
    assert.equal(moved.pendingTransfer, undefined);
    assert.equal(moved.version, record.version + 1);
    const events = await auditOf(setup.storage, record.id);
    const last = events.at(-1)!;
    assert.equal(last.action, 'update');
    assert.equal(last.reason, `transferred from ${ALVAREZ.name} to ${BAKER.name}: ${REASON}`);
    assert.deepEqual(last.changedFields, ['assigneeId', 'assigneeName', 'careTeam']);
    // The previous case manager has lost the case; the receiver has it.
    await assert.rejects(setup.manager.cases.get(record.id), PermissionError);
    assert.equal((await setup.as(BAKER).cases.get(record.id)).assigneeId, BAKER.id);
  });

  it('moves several cases in one commit and returns them in order', async () => {
    const setup = createTestSetup();
    const a = await openCase(setup, 'Aisha');
    const b = await openCase(setup, 'Bilal');
    let commits = 0;
    const unsubscribe = setup.storage.subscribe(() => commits++);
    const moved = await setup.manager.cases.transfer([a, b], TO_BAKER, { reason: REASON });
    unsubscribe();
    assert.deepEqual(moved.map((c) => [c.id, c.assigneeId]), [[a.id, BAKER.id], [b.id, BAKER.id]]);
    assert.equal(commits, 1, 'one commit for all cases');
  });

  it('is all or nothing: a stale version on any case writes nothing', async () => {
    const setup = createTestSetup();
    const a = await openCase(setup, 'Aisha');
    let b = await openCase(setup, 'Bilal');
    const stale = b;
    b = await setup.manager.cases.update(b, { priority: 'high' });
    const before = await everything(setup.storage);
    await assert.rejects(setup.manager.cases.transfer([a, stale], TO_BAKER, { reason: REASON }), ConflictError);
    assert.equal(await everything(setup.storage), before);
  });

  it('is all or nothing: an unknown case in the list writes nothing', async () => {
    const setup = createTestSetup();
    const a = await openCase(setup, 'Aisha');
    const before = await everything(setup.storage);
    await assert.rejects(setup.manager.cases.transfer([a, { id: 'case-gone', version: 1 }], TO_BAKER, { reason: REASON }), NotFoundError);
    assert.equal(await everything(setup.storage), before);
  });

  it('refuses closed, cancelled and entered-in-error cases (TransitionError), writing nothing', async () => {
    const setup = createTestSetup({ actor: PERSONAS.supervisor });
    const open = await openCase(setup, 'Aisha', { assigneeId: ALVAREZ.id, assigneeName: ALVAREZ.name });
    const closed = await setup.manager.cases.transition(await openCase(setup, 'Bilal'), 'closed', { closureReason: 'goals-met' });
    const cancelled = await setup.manager.cases.transition(await openCase(setup, 'Chen', { status: 'referred' }), 'cancelled');
    const voided = await setup.manager.cases.transition(await openCase(setup, 'Dara'), 'entered-in-error', { reason: 'Duplicate' });
    for (const record of [closed, cancelled, voided]) {
      const before = await everything(setup.storage);
      await assert.rejects(setup.manager.cases.transfer([open, record], TO_BAKER, { reason: REASON }), TransitionError);
      assert.equal(await everything(setup.storage), before, `${record.status}: nothing written`);
    }
  });

  it('validates with field paths and writes nothing', async () => {
    const setup = createTestSetup();
    const record = await openCase(setup);
    const before = await everything(setup.storage);
    const issues = async (call: Promise<unknown>) => {
      const error = await call.then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof ValidationError, String(error));
      return error.issues.map((i) => i.path.join('.'));
    };
    assert.deepEqual(await issues(setup.manager.cases.transfer(record, TO_BAKER, { reason: '  ' })), ['options.reason']);
    assert.deepEqual(await issues(setup.manager.cases.transfer(record, { id: BAKER.id, name: '' }, { reason: REASON })), ['to.name']);
    assert.deepEqual(await issues(setup.manager.cases.transfer(record, { id: ALVAREZ.id, name: ALVAREZ.name }, { reason: REASON })), ['to.id'], 'already assigned to them');
    assert.deepEqual(await issues(setup.manager.cases.transfer([record, record], TO_BAKER, { reason: REASON })), ['refs.1.id'], 'listed twice');
    assert.deepEqual(await issues(setup.manager.cases.transfer([record, { id: record.id } as never], TO_BAKER, { reason: REASON })), ['refs.1.version']);
    assert.deepEqual(await issues(setup.manager.cases.transfer([], TO_BAKER, { reason: REASON })), ['refs']);
    assert.deepEqual(await issues(setup.manager.cases.transfer(record, TO_BAKER, { reason: REASON, requireAcceptance: 'yes' } as never)), ['options.requireAcceptance']);
    assert.equal(await everything(setup.storage), before);
  });
});

describe('cases.transfer policy', () => {
  it('lets the assignee, supervisors and admins transfer; not a care-team member, a colleague, a viewer or a provider', async () => {
    for (const [actor, allowed] of [
      [ALVAREZ, true],
      [PERSONAS.supervisor, true],
      [{ id: 'adm-1', name: 'Ana Admin', role: 'admin' }, true],
      [CHEN, false],
      [BAKER, false],
      [PERSONAS.viewer, false],
      [PERSONAS.foodBankStaff, false],
    ] as const) {
      const setup = createTestSetup();
      const record = await openCase(setup, 'Aisha', { careTeam: [{ actorId: CHEN.id, name: CHEN.name, role: 'peer support' }] });
      const target = actor.id === BAKER.id ? { id: 'cm-dubois', name: 'Léa Dubois' } : TO_BAKER;
      const call = () => setup.as(actor).cases.transfer(record, target, { reason: REASON });
      if (allowed) {
        assert.equal((await call()).assigneeId, target.id, actor.role);
        continue;
      }
      const audits = new Set((await readAll(setup.storage, 'audit')).map((e) => e.id));
      await assert.rejects(call(), PermissionError, `${actor.id} may not transfer`);
      const added = (await readAll(setup.storage, 'audit')).filter((e) => !audits.has(e.id)) as unknown as AuditEvent[];
      assert.deepEqual(added.map((e) => [e.outcome, e.action, e.actor.id]), [['refused', 'update', actor.id]], 'the refusal is audited');
      assert.equal((await setup.storage.get<CaseRecord & { id: string; version: number }>('cases', record.id))!.assigneeId, ALVAREZ.id);
    }
  });

  it('refuses the whole batch when one case is not the actor\'s, with one refusal event', async () => {
    const setup = createTestSetup();
    const mine = await openCase(setup, 'Aisha');
    const theirs = await setup.as(PERSONAS.supervisor).cases.transfer(await openCase(setup, 'Bilal'), TO_BAKER, { reason: 'Devon covers Bilal' });
    const before = (await readAll(setup.storage, 'cases')).map((c) => c.version);
    await assert.rejects(setup.manager.cases.transfer([mine, theirs], { id: CHEN.id, name: CHEN.name }, { reason: REASON }), PermissionError);
    assert.deepEqual((await readAll(setup.storage, 'cases')).map((c) => c.version), before);
  });
});

describe('cases.transfer with acceptance', () => {
  async function requested(): Promise<{ setup: TestSetup; record: CaseRecord }> {
    const setup = createTestSetup();
    const record = await setup.manager.cases.transfer(await openCase(setup), TO_BAKER, { reason: REASON, requireAcceptance: true });
    return { setup, record };
  }

  it('keeps the assignee and records the pending transfer', async () => {
    const { setup, record } = await requested();
    assert.equal(record.assigneeId, ALVAREZ.id);
    assert.deepEqual(record.pendingTransfer, { to: TO_BAKER, requestedBy: ALVAREZ, requestedAt: setup.clock.now().toISOString(), reason: REASON });
    assert.equal((await auditOf(setup.storage, record.id)).at(-1)!.reason, `transfer to ${BAKER.name} requested: ${REASON}`);
  });

  it('lets the receiver see the case, and accept it: it becomes theirs', async () => {
    const { setup, record } = await requested();
    const baker = setup.as(BAKER);
    assert.equal((await baker.cases.get(record.id)).id, record.id, 'the receiver may read the case to decide');
    await assert.rejects(baker.clients.get(record.clientId), PermissionError, 'but not the client record before accepting');
    const accepted = await baker.cases.acceptTransfer(record);
    assert.equal(accepted.assigneeId, BAKER.id);
    assert.equal(accepted.pendingTransfer, undefined);
    assert.equal((await auditOf(setup.storage, record.id)).at(-1)!.reason, `transferred from ${ALVAREZ.name} to ${BAKER.name} (accepted): ${REASON}`);
    assert.equal((await baker.clients.get(record.clientId)).id, record.clientId);
  });

  it('lets the receiver decline with a reason: the case stays', async () => {
    const { setup, record } = await requested();
    await assert.rejects(setup.as(BAKER).cases.declineTransfer(record, ' '), ValidationError);
    const declined = await setup.as(BAKER).cases.declineTransfer(record, 'My caseload is full this month');
    assert.equal(declined.assigneeId, ALVAREZ.id);
    assert.equal(declined.pendingTransfer, undefined);
    assert.equal((await auditOf(setup.storage, record.id)).at(-1)!.reason, `transfer to ${BAKER.name} declined: My caseload is full this month`);
    await assert.rejects(setup.as(BAKER).cases.get(record.id), PermissionError, 'no longer visible to the receiver');
  });

  it('lets the requester or a supervisor cancel; the receiver may not', async () => {
    const { setup, record } = await requested();
    await assert.rejects(setup.as(BAKER).cases.cancelTransfer(record), PermissionError);
    const cancelled = await setup.manager.cases.cancelTransfer(record, 'Spoke with Devon, keeping it');
    assert.equal(cancelled.pendingTransfer, undefined);
    assert.equal((await auditOf(setup.storage, record.id)).at(-1)!.reason, `transfer to ${BAKER.name} cancelled: Spoke with Devon, keeping it`);
    const again = await setup.manager.cases.transfer(cancelled, TO_BAKER, { reason: REASON, requireAcceptance: true });
    assert.equal((await setup.as(PERSONAS.supervisor).cases.cancelTransfer(again)).pendingTransfer, undefined);
  });

  it('refuses accepting for anyone but the receiver or a supervisor; the requester may not accept their own request', async () => {
    const { setup, record } = await requested();
    for (const actor of [ALVAREZ, CHEN, PERSONAS.viewer, PERSONAS.foodBankStaff]) await assert.rejects(setup.as(actor).cases.acceptTransfer(record), PermissionError, actor.id);
    assert.equal((await setup.as(PERSONAS.supervisor).cases.acceptTransfer(record)).assigneeId, BAKER.id, 'a supervisor accepts on the receiver\'s behalf');
  });

  it('refuses a second request, and accept/decline/cancel when nothing waits (TransitionError)', async () => {
    const { setup, record } = await requested();
    await assert.rejects(setup.manager.cases.transfer(record, { id: CHEN.id, name: CHEN.name }, { reason: REASON }), TransitionError);
    const cancelled = await setup.manager.cases.cancelTransfer(record);
    await assert.rejects(setup.manager.cases.cancelTransfer(cancelled), TransitionError);
    await assert.rejects(setup.as(PERSONAS.supervisor).cases.acceptTransfer(cancelled), TransitionError);
    await assert.rejects(setup.as(PERSONAS.supervisor).cases.declineTransfer(cancelled, 'No'), TransitionError);
  });

  it('is a conflict when the case changed after the caller saw it', async () => {
    const { setup, record } = await requested();
    await setup.manager.cases.update(record, { priority: 'urgent' });
    await assert.rejects(setup.as(BAKER).cases.acceptTransfer(record), ConflictError);
  });

  it('is withdrawn when the case closes', async () => {
    const { setup, record } = await requested();
    const closed = await setup.manager.cases.transition(record, 'closed', { closureReason: 'moved' });
    assert.equal(closed.pendingTransfer, undefined);
    const held = await setup.manager.cases.transition(await setup.manager.cases.transfer(await openCase(setup, 'Bilal'), TO_BAKER, { reason: REASON, requireAcceptance: true }), 'on-hold');
    assert.equal(held.pendingTransfer?.to.id, BAKER.id, 'on hold is still open: the transfer still waits');
  });
});

describe('cases.pendingTransfers', () => {
  it('lists incoming transfers for the actor by default, outgoing by `from`, and audits the list as one read', async () => {
    const setup = createTestSetup();
    const a = await setup.manager.cases.transfer(await openCase(setup, 'Aisha'), TO_BAKER, { reason: REASON, requireAcceptance: true });
    setup.clock.advance(60_000);
    const b = await setup.manager.cases.transfer(await openCase(setup, 'Bilal'), TO_BAKER, { reason: REASON, requireAcceptance: true });
    await setup.manager.cases.transfer(await openCase(setup, 'Chen'), { id: CHEN.id, name: CHEN.name }, { reason: REASON, requireAcceptance: true });
    await openCase(setup, 'Dara');
    const baker = setup.as(BAKER);
    const audits = new Set((await readAll(setup.storage, 'audit')).map((e) => e.id));
    assert.deepEqual((await baker.cases.pendingTransfers()).map((c) => c.id), [a.id, b.id], 'oldest request first');
    const added = (await readAll(setup.storage, 'audit')).filter((e) => !audits.has(e.id)) as unknown as AuditEvent[];
    assert.deepEqual(added.map((e) => [e.action, e.recordId, e.recordIds]), [['read', 'cases.pendingTransfers', [a.id, b.id]]]);
    assert.equal((await setup.manager.cases.pendingTransfers({ from: ALVAREZ.id })).length, 3, 'outgoing');
    assert.deepEqual((await setup.manager.cases.pendingTransfers()).map((c) => c.id), [], 'nothing incoming for Marta');
    assert.equal((await setup.manager.cases.pendingTransfers({ to: BAKER.id })).length, 2, 'her own cases waiting for Devon');
  });

  it('shows a case manager nothing of cases they may not read', async () => {
    const setup = createTestSetup();
    await setup.manager.cases.transfer(await openCase(setup), TO_BAKER, { reason: REASON, requireAcceptance: true });
    assert.deepEqual(await setup.as(CHEN).cases.pendingTransfers({ to: BAKER.id }), []);
    assert.deepEqual(await setup.as(PERSONAS.foodBankStaff).cases.pendingTransfers({ to: BAKER.id }), []);
    assert.equal((await setup.as(PERSONAS.supervisor).cases.pendingTransfers({ to: BAKER.id })).length, 1);
    await assert.rejects(setup.manager.cases.pendingTransfers({ to: '' }), ValidationError);
  });
});
