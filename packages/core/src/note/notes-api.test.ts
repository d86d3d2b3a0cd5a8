import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConflictError, PermissionError, TransitionError, ValidationError } from '../errors/errors.js';
import { createTestSetup, PERSONAS, type TestSetup, auditTally } from '../testing/test-manager.js';

async function setup() {
  const test = createTestSetup();
  const { client } = await test.manager.clients.create({ name: { given: ['Rosa'], family: 'Hernández' }, birthDate: '1984-03-12' });
  const caseRecord = await test.manager.cases.create({ clientId: client.id, program: 'behavioral-health', status: 'active' });
  const plan = await test.manager.plans.create(caseRecord.id, {
    title: 'Recovery plan',
    goals: [
      { needDomain: 'mental-health', description: 'Sleep through the night most nights' },
      { needDomain: 'housing', description: 'Keep my apartment' },
    ],
  });
  return { ...test, client, caseRecord, plan, goalId: plan.goals[0]!.id };
}

async function counts(test: TestSetup) {
  const { storage } = test;
  return {
    notes: await storage.count('notes', { index: 'id' }),
    cases: await storage.count('cases', { index: 'id' }),
    audit: (await auditTally(storage)).changes,
  };
}

const homeVisit = { type: 'visit' as const, occurredAt: '2026-11-24T10:00:00.000Z', durationMinutes: 45, text: 'Home visit. Rosa reports sleeping 5 hours.' };

describe('notes', () => {
  it('writes a draft, edits it, and signs it', async () => {
    const test = await setup();
    const draft = await test.manager.notes.create({ caseId: test.caseRecord.id, ...homeVisit });
    assert.deepEqual([draft.status, draft.version, draft.clientId, draft.author.id, draft.signedAt], ['draft', 1, test.client.id, PERSONAS.caseManager.id, undefined]);
    const edited = await test.manager.notes.update(draft, { text: 'Home visit. Rosa reports sleeping 6 hours.', durationMinutes: null, subject: 'Weekly visit' });
    assert.equal(edited.version, 2);
    assert.equal('durationMinutes' in edited, false);
    assert.equal(edited.subject, 'Weekly visit');
    test.clock.advance(60_000);
    const signed = await test.manager.notes.sign(edited);
    assert.deepEqual([signed.status, signed.signedAt, signed.signedBy?.id, signed.version], ['signed', '2026-11-24T15:01:00.000Z', PERSONAS.caseManager.id, 3]);
    const events = (await test.as(PERSONAS.supervisor).audit.forRecord(draft.id)).items.sort((a, b) => (a.toVersion ?? 0) - (b.toVersion ?? 0));
    assert.deepEqual(
      events.map((e) => [e.action, e.fromVersion, e.toVersion, e.transition]),
      [
        ['create', undefined, 1, undefined],
        ['update', 1, 2, undefined],
        ['transition', 2, 3, { from: 'draft', to: 'signed' }],
      ],
    );
    assert.ok(events.every((e) => e.caseId === test.caseRecord.id && e.collection === 'notes'));
  });

  it('keeps a signed note immutable: no update, no delete, no second signature', async () => {
    const test = await setup();
    const signed = await test.manager.notes.create({ caseId: test.caseRecord.id, ...homeVisit, sign: true });
    assert.equal(signed.status, 'signed');
    const before = await counts(test);
    await assert.rejects(test.manager.notes.update(signed, { text: 'Rewritten' }), (error: unknown) => {
      assert.ok(error instanceof TransitionError);
      assert.equal(error.machine, 'note');
      assert.match(error.message, /signed note cannot be changed: add an amendment/);
      return true;
    });
    await assert.rejects(test.manager.notes.delete(signed), (e: unknown) => e instanceof TransitionError && /cannot be deleted/.test(e.message));
    await assert.rejects(test.manager.notes.sign(signed), (e: unknown) => e instanceof TransitionError && /already signed/.test(e.message));
    await assert.rejects(test.as(PERSONAS.supervisor).notes.update(signed, { text: 'Supervisor rewrite' }), TransitionError);
    assert.deepEqual(await counts(test), before);
    assert.deepEqual((await test.manager.notes.get(signed.id)).text, homeVisit.text);
  });

  it('deletes drafts only, with an audit event', async () => {
    const test = await setup();
    const draft = await test.manager.notes.create({ caseId: test.caseRecord.id, ...homeVisit });
    await assert.rejects(test.manager.notes.delete({ id: draft.id, version: 2 }), ConflictError);
    await test.manager.notes.delete(draft);
    assert.equal(await test.storage.get('notes', draft.id), undefined);
    const events = (await test.as(PERSONAS.supervisor).audit.forRecord(draft.id)).items;
    assert.deepEqual(events.map((e) => e.action).sort(), ['create', 'delete']);
  });

  it('corrects a signed note with an amendment; the original stays unchanged', async () => {
    const test = await setup();
    const original = await test.manager.notes.create({ caseId: test.caseRecord.id, ...homeVisit, goalId: test.goalId, sign: true });
    const caseAfterSigning = await test.manager.cases.get(test.caseRecord.id);
    test.clock.advanceDays(1);
    const amendment = await test.manager.notes.amend(original, { text: 'Correction: the visit lasted 30 minutes.', reason: 'Wrong duration', durationMinutes: 30 });
    assert.deepEqual(
      [amendment.status, amendment.amends, amendment.amendmentReason, amendment.type, amendment.occurredAt, amendment.durationMinutes, amendment.goalId, amendment.planId],
      ['signed', original.id, 'Wrong duration', 'visit', homeVisit.occurredAt, 30, test.goalId, test.plan.id],
    );
    assert.notEqual(amendment.id, original.id);
    const stored = await test.manager.notes.get(original.id);
    const { amendedBy, ...unchanged } = stored;
    assert.deepEqual(unchanged, original);
    assert.deepEqual(amendedBy, [amendment.id]);
    const second = await test.manager.notes.amend(original, { text: 'Also: Rosa asked about the sleep clinic.', reason: 'Left out' });
    assert.deepEqual((await test.manager.notes.get(original.id)).amendedBy, [amendment.id, second.id]);

    const page = await test.manager.notes.forCase(test.caseRecord.id);
    const listed = page.items.find((n) => n.id === original.id);
    assert.deepEqual(listed?.amendedBy, [amendment.id, second.id]);
    assert.deepEqual(page.items.find((n) => n.id === amendment.id)?.amendedBy, []);
    assert.deepEqual(await test.manager.cases.get(test.caseRecord.id), caseAfterSigning, 'an amendment is not a new contact');

    const [event] = (await test.as(PERSONAS.supervisor).audit.forRecord(amendment.id)).items.filter((e) => e.action !== 'read');
    assert.deepEqual([event?.action, event?.reason], ['create', `amends note ${original.id}: Wrong duration`]);

    const draft = await test.manager.notes.create({ caseId: test.caseRecord.id, ...homeVisit });
    const before = await counts(test);
    await assert.rejects(test.manager.notes.amend(draft, { text: 'x', reason: 'y' }), (e: unknown) => e instanceof TransitionError && /Only a signed note/.test(e.message));
    await assert.rejects(test.manager.notes.amend(original, { text: 'No reason given' } as never), (e: unknown) => e instanceof ValidationError && e.issues[0]?.path.join() === 'reason');
    await assert.rejects(test.as(PERSONAS.viewer).notes.amend(original, { text: 'x', reason: 'y' }), PermissionError);
    assert.deepEqual(await counts(test), before);
  });
});

describe('notes and the case contact dates', () => {
  it("moves the case's lastContactAt when a contact note is signed, in the same batch", async () => {
    const test = await setup();
    const changes: string[][] = [];
    test.storage.subscribe((batch) => changes.push(batch.changes.filter((c) => c.collection !== 'audit').map((c) => `${c.collection}:${c.type}`)));
    const draft = await test.manager.notes.create({ caseId: test.caseRecord.id, ...homeVisit });
    assert.equal((await test.manager.cases.get(test.caseRecord.id)).lastContactAt, undefined, 'a draft is not yet a documented contact');
    await test.manager.notes.sign(draft, { nextContactDue: '2026-12-01' });
    const updated = await test.manager.cases.get(test.caseRecord.id);
    assert.equal(updated.lastContactAt, homeVisit.occurredAt);
    assert.equal(updated.nextContactDue, '2026-12-01');
    assert.deepEqual(changes.filter((c) => c.length).at(-1), ['notes:put', 'cases:put']);
    const caseEvents = (await test.as(PERSONAS.supervisor).audit.forRecord(test.caseRecord.id)).items.filter((e) => e.toVersion === updated.version && e.action !== 'read');
    assert.deepEqual(caseEvents.map((e) => [e.action, e.changedFields]), [['update', ['lastContactAt', 'nextContactDue']]]);
  });

  it('keeps the latest contact: an older call and a non-contact note do not move it', async () => {
    const test = await setup();
    await test.manager.notes.create({ caseId: test.caseRecord.id, ...homeVisit, sign: true });
    const afterVisit = await test.manager.cases.get(test.caseRecord.id);
    await test.manager.notes.create({ caseId: test.caseRecord.id, type: 'phone', occurredAt: '2026-11-20T09:00:00Z', text: 'Late entry: reminder call.', sign: true });
    await test.manager.notes.create({ caseId: test.caseRecord.id, type: 'other', occurredAt: '2026-11-24T14:00:00Z', text: 'Reviewed the chart.', sign: true });
    assert.deepEqual(await test.manager.cases.get(test.caseRecord.id), afterVisit);
    await test.manager.notes.create({ caseId: test.caseRecord.id, type: 'collateral', occurredAt: '2026-11-24T14:30:00+01:00', text: 'Spoke with the landlord.', sign: true, nextContactDue: '2026-12-08' });
    const latest = await test.manager.cases.get(test.caseRecord.id);
    assert.deepEqual([latest.lastContactAt, latest.nextContactDue], ['2026-11-24T13:30:00.000Z', '2026-12-08']);
    const other = await test.manager.notes.create({ caseId: test.caseRecord.id, type: 'other', text: 'Plan reviewed; next visit booked.', sign: true, nextContactDue: '2026-12-15' });
    assert.equal(other.occurredAt, '2026-11-24T15:00:00.000Z', 'occurredAt defaults to now');
    assert.deepEqual([(await test.manager.cases.get(test.caseRecord.id)).nextContactDue], ['2026-12-15']);
  });
});

describe('note validation', () => {
  it('rejects bad input with field paths and writes nothing', async () => {
    const test = await setup();
    const draft = await test.manager.notes.create({ caseId: test.caseRecord.id, ...homeVisit });
    const before = await counts(test);
    const paths = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => assert.fail('expected a ValidationError'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof ValidationError, String(error));
      return error.issues.map((i) => i.path.join('.'));
    };
    const caseId = test.caseRecord.id;
    assert.deepEqual(await paths(test.manager.notes.create({ caseId, type: 'email' as never, durationMinutes: 1441, text: '' })), ['type', 'durationMinutes', 'text']);
    assert.deepEqual(await paths(test.manager.notes.create({ caseId, ...homeVisit, durationMinutes: 12.5 })), ['durationMinutes']);
    assert.deepEqual(await paths(test.manager.notes.create({ caseId, ...homeVisit, occurredAt: '24/11/2026' })), ['occurredAt']);
    assert.deepEqual(await paths(test.manager.notes.create({ caseId, ...homeVisit, occurredAt: '2026-11-25T09:00:00Z' })), ['occurredAt']);
    assert.deepEqual(await paths(test.manager.notes.create({ caseId, ...homeVisit, nextContactDue: '2026-12-01' })), ['nextContactDue']);
    assert.deepEqual(await paths(test.manager.notes.update(draft, { durationMinutes: -5 })), ['durationMinutes']);
    assert.deepEqual(await paths(test.manager.notes.update(draft, { status: 'signed' } as never)), ['']);
    assert.deepEqual(await paths(test.manager.notes.sign(draft, { nextContactDue: 'soon' })), ['options.nextContactDue']);
    assert.deepEqual(await paths(test.manager.notes.forCase(caseId, { limit: 0 })), ['options.limit']);
    assert.deepEqual(await counts(test), before);
  });

  it('links a note to a goal of the case and fills in its plan', async () => {
    const test = await setup();
    const housingGoalId = test.plan.goals[1]!.id;
    const note = await test.manager.notes.create({ caseId: test.caseRecord.id, ...homeVisit, goalId: housingGoalId });
    assert.deepEqual([note.goalId, note.planId], [housingGoalId, test.plan.id]);
    const relinked = await test.manager.notes.update(note, { goalId: test.goalId });
    assert.deepEqual([relinked.goalId, relinked.planId], [test.goalId, test.plan.id]);
    const unlinked = await test.manager.notes.update(relinked, { goalId: null });
    assert.deepEqual([unlinked.goalId, unlinked.planId], [undefined, undefined]);
    const planOnly = await test.manager.notes.update(unlinked, { planId: test.plan.id });
    assert.deepEqual([planOnly.goalId, planOnly.planId], [undefined, test.plan.id]);
  });

  it('refuses goals and plans that are not in the case, writing nothing', async () => {
    const test = await setup();
    const other = test.as(PERSONAS.supervisor);
    const { client } = await other.clients.create({ name: { given: ['Tomás'], family: 'Okoro' }, birthDate: '1970-05-05' });
    const otherCase = await other.cases.create({ clientId: client.id, program: 'healthcare', status: 'active' });
    const otherPlan = await other.plans.create(otherCase.id, { title: 'Other plan', goals: [{ needDomain: 'health', description: 'Take medication daily' }] });
    const secondPlan = await test.manager.plans.create(test.caseRecord.id, { title: 'Second plan' });
    let withRemovedGoal = await test.manager.plans.addGoal(secondPlan, { needDomain: 'food', description: 'Enough food' });
    withRemovedGoal = await test.manager.plans.transitionGoal(withRemovedGoal, withRemovedGoal.goals[0]!.id, 'entered-in-error', { reason: 'Duplicate' });
    const draft = await test.manager.notes.create({ caseId: test.caseRecord.id, ...homeVisit });
    const before = await counts(test);
    const refusedAt = async (promise: Promise<unknown>, path: string) =>
      assert.rejects(promise, (e: unknown) => e instanceof ValidationError && e.issues[0]?.path.join('.') === path && e.issues[0]?.code === 'not-found');
    const caseId = test.caseRecord.id;
    await refusedAt(test.manager.notes.create({ caseId, ...homeVisit, goalId: 'no-such-goal' }), 'goalId');
    await refusedAt(test.manager.notes.create({ caseId, ...homeVisit, goalId: otherPlan.goals[0]!.id }), 'goalId');
    await refusedAt(test.manager.notes.create({ caseId, ...homeVisit, planId: otherPlan.id }), 'planId');
    await refusedAt(test.manager.notes.create({ caseId, ...homeVisit, goalId: test.goalId, planId: secondPlan.id }), 'goalId');
    await refusedAt(test.manager.notes.create({ caseId, ...homeVisit, goalId: withRemovedGoal.goals[0]!.id }), 'goalId');
    await refusedAt(test.manager.notes.update(draft, { goalId: otherPlan.goals[0]!.id }), 'goalId');
    await refusedAt(test.manager.notes.amend(await other.notes.create({ caseId, ...homeVisit, sign: true }), { text: 'x', reason: 'y', goalId: 'nope' }), 'goalId');
    assert.deepEqual((await counts(test)).cases, before.cases);
    assert.equal((await counts(test)).notes, before.notes + 1, 'only the supervisor note above was written');
  });
});

describe('notes of a case', () => {
  it('lists notes newest first by occurredAt, a page at a time', async () => {
    const test = await setup();
    const times = ['2026-11-20T09:00:00Z', '2026-11-24T10:00:00Z', '2026-11-02T16:30:00Z', '2026-11-22T11:15:00Z', '2026-11-10T08:00:00Z'];
    for (const [i, occurredAt] of times.entries()) {
      await test.manager.notes.create({ caseId: test.caseRecord.id, type: 'phone', occurredAt, text: `Call ${i + 1}`, sign: i % 2 === 0 });
    }
    const first = await test.manager.notes.forCase(test.caseRecord.id, { limit: 2 });
    assert.deepEqual(first.items.map((n) => n.occurredAt.slice(0, 10)), ['2026-11-24', '2026-11-22']);
    assert.ok(first.nextCursor);
    const second = await test.manager.notes.forCase(test.caseRecord.id, { limit: 2, cursor: first.nextCursor });
    assert.deepEqual(second.items.map((n) => n.occurredAt.slice(0, 10)), ['2026-11-20', '2026-11-10']);
    const third = await test.manager.notes.forCase(test.caseRecord.id, { limit: 2, cursor: second.nextCursor! });
    assert.deepEqual(third.items.map((n) => n.text), ['Call 3']);
    assert.equal(third.nextCursor, undefined);
    assert.ok(first.items.every((n) => Array.isArray(n.amendedBy)));
  });
});

describe('note policy', () => {
  it("refuses another case manager's case, lets a viewer read only, and a supervisor write", async () => {
    const test = await setup();
    const draft = await test.manager.notes.create({ caseId: test.caseRecord.id, ...homeVisit });
    const other = test.as(PERSONAS.otherCaseManager);
    const viewer = test.as(PERSONAS.viewer);
    const before = await counts(test);
    await assert.rejects(other.notes.create({ caseId: test.caseRecord.id, ...homeVisit }), PermissionError);
    await assert.rejects(other.notes.get(draft.id), PermissionError);
    await assert.rejects(other.notes.forCase(test.caseRecord.id), PermissionError);
    await assert.rejects(other.notes.update(draft, { text: 'x' }), PermissionError);
    await assert.rejects(other.notes.sign(draft), PermissionError);
    await assert.rejects(other.notes.delete(draft), PermissionError);
    assert.equal((await viewer.notes.get(draft.id)).id, draft.id);
    assert.equal((await viewer.notes.forCase(test.caseRecord.id)).items.length, 1);
    await assert.rejects(viewer.notes.create({ caseId: test.caseRecord.id, ...homeVisit }), PermissionError);
    await assert.rejects(viewer.notes.sign(draft), PermissionError);
    await assert.rejects(viewer.notes.delete(draft), PermissionError);
    assert.deepEqual(await counts(test), before);
    assert.equal((await auditTally(test.storage)).refused, 9, 'each refused attempt left one event');
    const supervisorNote = await test.as(PERSONAS.supervisor).notes.create({ caseId: test.caseRecord.id, type: 'collateral', text: 'Case review with Marta.', sign: true });
    assert.equal(supervisorNote.signedBy?.role, 'supervisor');
  });

  it('refuses notes on a case entered in error', async () => {
    const test = await setup();
    const gone = await test.manager.cases.transition(test.caseRecord, 'entered-in-error', { reason: 'Duplicate case' });
    const before = await counts(test);
    await assert.rejects(test.manager.notes.create({ caseId: gone.id, ...homeVisit }), (e: unknown) => e instanceof ValidationError && e.issues[0]?.path.join() === 'caseId');
    assert.deepEqual(await counts(test), before);
  });
});

describe('contact details: home visits, outcomes, participants, interpreters', () => {
  const participants = [{ name: 'Ana Hernández', role: 'daughter' }, { name: 'Dr. Lee', role: 'nurse', actorId: 'actor-lee' }];

  it('records a home visit with its participants and interpreter, and edits them on the draft', async () => {
    const test = await setup();
    const draft = await test.manager.notes.create({
      caseId: test.caseRecord.id,
      ...homeVisit,
      type: 'home-visit',
      outcome: 'completed',
      participants,
      interpreter: { used: true, language: 'es' },
    });
    assert.deepEqual([draft.type, draft.outcome, draft.participants, draft.interpreter], ['home-visit', 'completed', participants, { used: true, language: 'es' }]);
    const edited = await test.manager.notes.update(draft, { participants: null, interpreter: { used: false }, outcome: 'attempted' });
    assert.deepEqual(['participants' in edited, edited.interpreter, edited.outcome], [false, { used: false }, 'attempted']);
    const cleared = await test.manager.notes.update(edited, { outcome: null, interpreter: null });
    assert.deepEqual(['outcome' in cleared, 'interpreter' in cleared], [false, false]);
  });

  it('moves lastContactAt only for a completed contact (or one without an outcome)', async () => {
    const test = await setup();
    const caseId = test.caseRecord.id;
    for (const outcome of ['attempted', 'no-show', 'cancelled'] as const) {
      await test.manager.notes.create({ caseId, ...homeVisit, type: 'phone', outcome, sign: true });
    }
    assert.equal((await test.manager.cases.get(caseId)).lastContactAt, undefined, 'no contact took place');
    await test.manager.notes.create({ caseId, ...homeVisit, type: 'home-visit', outcome: 'no-show', sign: true, nextContactDue: '2026-11-27' });
    const afterNoShow = await test.manager.cases.get(caseId);
    assert.deepEqual([afterNoShow.lastContactAt, afterNoShow.nextContactDue], [undefined, '2026-11-27'], 'a missed visit still books the next one');
    const draft = await test.manager.notes.create({ caseId, ...homeVisit, type: 'home-visit', outcome: 'completed', occurredAt: '2026-11-24T11:00:00Z' });
    await test.manager.notes.sign(draft);
    assert.equal((await test.manager.cases.get(caseId)).lastContactAt, '2026-11-24T11:00:00.000Z');
  });

  it('an amendment that corrects a missed contact into a completed one moves lastContactAt', async () => {
    const test = await setup();
    const caseId = test.caseRecord.id;
    const attempted = await test.manager.notes.create({ caseId, ...homeVisit, type: 'phone', outcome: 'attempted', sign: true });
    assert.equal((await test.manager.cases.get(caseId)).lastContactAt, undefined);
    const amendment = await test.manager.notes.amend(attempted, { text: 'Rosa called back a minute later; we spoke.', reason: 'Wrong outcome', outcome: 'completed', interpreter: { used: true, language: 'es' } });
    assert.deepEqual([amendment.outcome, amendment.interpreter?.language, amendment.amends], ['completed', 'es', attempted.id]);
    assert.equal((await test.manager.cases.get(caseId)).lastContactAt, homeVisit.occurredAt);
    const progress = await test.manager.notes.amend(amendment, { text: 'This was chart work, not a call.', reason: 'Wrong type', type: 'other' });
    assert.deepEqual([progress.type, 'outcome' in progress], ['other', false], 'a progress note keeps no contact outcome');
  });

  it('rejects bad contact details with field paths and writes nothing', async () => {
    const test = await setup();
    const caseId = test.caseRecord.id;
    const draft = await test.manager.notes.create({ caseId, ...homeVisit });
    const before = await counts(test);
    const paths = async (promise: Promise<unknown>) => {
      const error = await promise.then(() => assert.fail('expected a ValidationError'), (e: unknown) => e);
      assert.ok(error instanceof ValidationError, String(error));
      return error.issues.map((i) => i.path.join('.'));
    };
    assert.deepEqual(await paths(test.manager.notes.create({ caseId, ...homeVisit, outcome: 'missed' as never })), ['outcome']);
    assert.deepEqual(await paths(test.manager.notes.create({ caseId, ...homeVisit, type: 'other', outcome: 'completed' })), ['outcome']);
    assert.deepEqual(await paths(test.manager.notes.create({ caseId, ...homeVisit, participants: [{ name: '  ' }] })), ['participants.0.name']);
    assert.deepEqual(await paths(test.manager.notes.create({ caseId, ...homeVisit, interpreter: { used: true, language: 'Spanish please' } })), ['interpreter.language']);
    assert.deepEqual(await paths(test.manager.notes.create({ caseId, ...homeVisit, interpreter: { used: false, language: 'es' } })), ['interpreter.language']);
    assert.deepEqual(await paths(test.manager.notes.update(draft, { participants: [{ name: 'Ana', extra: 1 } as never] })), ['participants.0']);
    const withOutcome = await paths(test.manager.notes.update(draft, { type: 'other', outcome: 'attempted' }));
    assert.deepEqual(withOutcome, ['outcome']);
    assert.deepEqual(await counts(test), before);
  });
});
