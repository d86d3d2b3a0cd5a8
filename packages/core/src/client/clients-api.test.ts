import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PermissionError, ValidationError, ConflictError } from '../errors/errors.js';
import { createTestSetup, PERSONAS } from '../testing/test-manager.js';

const rosa = {
  name: { given: ['Rosa', 'María'], family: 'Hernández', preferred: 'Rosi' },
  birthDate: '1984-03-12',
  language: 'es',
  interpreterNeeded: true,
  contact: { phone: '+1 555 0100' },
  identifiers: [{ system: 'https://ehr.example.org/mrn', value: 'MRN-4471', type: 'MR' }],
};

describe('clients', () => {
  it('creates a client with the interpreter flag and audits the creation', async () => {
    const { manager, as } = createTestSetup();
    const { client, possibleDuplicates } = await manager.clients.create(rosa);
    assert.equal(client.version, 1);
    assert.equal(client.interpreterNeeded, true);
    assert.equal(client.language, 'es');
    assert.deepEqual(possibleDuplicates, []);
    const events = await as(PERSONAS.supervisor).audit.forRecord(client.id);
    assert.deepEqual(events.items.map((e) => [e.action, e.actor.id, e.toVersion]), [['create', PERSONAS.caseManager.id, 1]]);
  });

  it('reports likely duplicates: same identifier, or same birth date and a similar name ignoring accents', async () => {
    const { manager } = createTestSetup();
    const { client: first } = await manager.clients.create(rosa);
    const byName = await manager.clients.findDuplicates({ name: { given: ['rosa'], family: 'HERNANDEZ' }, birthDate: '1984-03-12' });
    assert.deepEqual(byName.map((d) => [d.access, d.access === 'full' && d.client.id, d.reasons]), [['full', first.id, ['same-birth-date-similar-name']]]);
    const typo = await manager.clients.findDuplicates({ name: { given: ['Rossa'], family: 'Hernandes' }, birthDate: '1984-03-12' });
    assert.equal(typo.length, 1, 'one typo in each name still matches');
    const swapped = await manager.clients.findDuplicates({ name: { given: ['Hernández'], family: 'Rosa' }, birthDate: '1984-03-12' });
    assert.equal(swapped.length, 1, 'given and family swapped');
    const otherBirthday = await manager.clients.findDuplicates({ name: { given: ['Rosa'], family: 'Hernández' }, birthDate: '1990-01-01' });
    assert.equal(otherBirthday.length, 0);
    const { possibleDuplicates } = await manager.clients.create({ name: { given: ['R.'], family: 'Other' }, identifiers: [rosa.identifiers[0]!] });
    assert.deepEqual(possibleDuplicates.map((d) => d.reasons), [['same-identifier']]);
  });

  it("shows a colleague's client only as a restricted hint, and audits what it shows", async () => {
    const { manager, as, storage } = createTestSetup();
    const { client } = await manager.clients.create(rosa);
    await manager.cases.create({ clientId: client.id, program: 'social-work' });
    const colleague = as(PERSONAS.otherCaseManager);
    const hints = await colleague.clients.findDuplicates({ name: { given: ['Rosa'], family: 'Hernandez' }, birthDate: '1984-03-12', identifiers: [rosa.identifiers[0]!] });
    assert.deepEqual(hints, [{ access: 'restricted', reasons: ['same-identifier', 'same-birth-date-similar-name'] }]);
    assert.doesNotMatch(JSON.stringify(hints), /Rosa|Hern|1984|id-/);
    const reads = (await storage.find('audit', { index: 'id' })).items.filter((e) => e['action'] === 'read' && (e['actor'] as { id: string }).id === PERSONAS.otherCaseManager.id);
    assert.deepEqual(reads, [], 'nothing was shown, so nothing was disclosed');
    const own = await manager.clients.findDuplicates({ name: { given: ['Rosa'], family: 'Hernandez' }, birthDate: '1984-03-12' });
    assert.equal(own[0]?.access, 'full');
    const [disclosure] = (await as(PERSONAS.supervisor).audit.forRecord(client.id)).items.filter((e) => e.action === 'read');
    assert.deepEqual([disclosure?.actor.id, disclosure?.recordId, disclosure?.recordIds], [PERSONAS.caseManager.id, 'clients.findDuplicates', [client.id]]);
    await assert.rejects(as({ id: 'vol-1', name: 'Volunteer', role: 'volunteer' }).clients.findDuplicates(rosa), PermissionError);
  });

  it('links a duplicate to the surviving record', async () => {
    const { manager } = createTestSetup();
    const { client: survivor } = await manager.clients.create(rosa);
    const { client: dup } = await manager.clients.create({ ...rosa, identifiers: [] });
    const linked = await manager.clients.link(dup, survivor.id);
    assert.equal(linked.linkedTo, survivor.id);
    assert.equal(linked.active, false);
  });

  it('rejects bad input with field paths and writes nothing', async () => {
    const { manager, storage } = createTestSetup();
    await assert.rejects(
      manager.clients.create({ name: { given: [], family: '' }, birthDate: '12/03/1984', contact: { email: 'not-an-email' } } as never),
      (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        const paths = error.issues.map((i) => i.path.join('.'));
        assert.ok(paths.includes('name.given'), paths.join());
        assert.ok(paths.includes('name.family'));
        assert.ok(paths.includes('birthDate'));
        assert.ok(paths.includes('contact.email'));
        return true;
      },
    );
    assert.equal(await storage.count('clients', { index: 'id' }), 0);
    assert.equal(await storage.count('audit', { index: 'id' }), 0);
  });

  it('audits every read of a client record', async () => {
    const { manager, as } = createTestSetup();
    const { client } = await manager.clients.create(rosa);
    await manager.clients.get(client.id);
    await as(PERSONAS.supervisor).clients.get(client.id);
    const reads = (await as(PERSONAS.supervisor).audit.forRecord(client.id, { oldestFirst: true })).items.filter((e) => e.action === 'read');
    assert.deepEqual(reads.map((e) => [e.actor.id, e.actor.role, e.toVersion]), [
      [PERSONAS.caseManager.id, 'case-manager', 1],
      [PERSONAS.supervisor.id, 'supervisor', 1],
    ]);
  });

  it('updates based on the version seen; a stale version is a conflict; case name snapshots follow', async () => {
    const { manager } = createTestSetup();
    const { client } = await manager.clients.create(rosa);
    const opened = await manager.cases.create({ clientId: client.id, program: 'social-work' });
    const updated = await manager.clients.update(client, { name: { ...rosa.name, preferred: 'Rosa' } });
    assert.equal(updated.version, 2);
    assert.equal((await manager.cases.get(opened.id)).clientName, 'Rosa Hernández');
    const partial = await manager.clients.update(updated, { contact: { phone: '+1 555 0199' } });
    assert.equal(partial.interpreterNeeded, true, 'a patch keeps fields it does not name');
    assert.equal(partial.identifiers.length, 1);
    await assert.rejects(manager.clients.update(client, { language: 'en' }), ConflictError);
    assert.equal((await manager.clients.get(client.id)).language, 'es');
  });

  it("keeps the client's interpreter need on each of their cases, for the worklist's ranking", async () => {
    const { manager } = createTestSetup();
    const { client } = await manager.clients.create(rosa);
    const opened = await manager.cases.create({ clientId: client.id, program: 'social-work' });
    assert.equal(opened.clientInterpreterNeeded, true, 'a new case takes it from the client');
    const updated = await manager.clients.update(client, { interpreterNeeded: false });
    const after = await manager.cases.get(opened.id);
    assert.deepEqual([after.clientInterpreterNeeded, after.version], [false, opened.version + 1], 'and follows the client');
    await manager.clients.update(updated, { contact: { phone: '+1 555 0199' } });
    assert.equal((await manager.cases.get(opened.id)).version, after.version, 'a change elsewhere leaves the case alone');
  });

  it('keeps clients on other caseloads private from a case manager', async () => {
    const { manager, as } = createTestSetup();
    const { client } = await manager.clients.create(rosa);
    await manager.cases.create({ clientId: client.id, program: 'healthcare' });
    await assert.rejects(as(PERSONAS.otherCaseManager).clients.get(client.id), PermissionError);
    await assert.rejects(as(PERSONAS.viewer).clients.create(rosa), PermissionError);
    assert.equal((await as(PERSONAS.viewer).clients.get(client.id)).id, client.id);
  });

  it('finds clients by the start of their names, ignoring accents', async () => {
    const { manager } = createTestSetup();
    await manager.clients.create(rosa);
    await manager.clients.create({ name: { given: ['Thanh'], family: 'Nguyễn' } });
    assert.deepEqual((await manager.clients.search('nguy')).map((c) => c.name.family), ['Nguyễn']);
    assert.deepEqual((await manager.clients.search('ros hern')).map((c) => c.name.given[0]), ['Rosa']);
    assert.deepEqual(await manager.clients.search('zz'), []);
  });

  it('reads a common prefix a page at a time: stops at the limit, and keeps going for a rarer second word', async () => {
    const { manager, storage } = createTestSetup();
    for (let i = 0; i < 130; i++) await manager.clients.create({ name: { given: [`Ana${String(i).padStart(3, '0')}`], family: 'García' } });
    await manager.clients.create({ name: { given: ['Zelda'], family: 'García' } });
    const reads: number[] = [];
    const find = storage.find.bind(storage);
    storage.find = (async (collection, query) => {
      const page = await find(collection, query);
      if (collection === 'clients') reads.push(page.items.length);
      return page;
    }) as typeof storage.find;
    assert.equal((await manager.clients.search('garc', { limit: 5 })).length, 5);
    assert.deepEqual(reads, [50], 'one page of 50, not every García');
    reads.length = 0;
    assert.deepEqual((await manager.clients.search('garc zel')).map((c) => c.name.given[0]), ['Zelda'], 'found past the first pages');
    assert.ok(reads.length > 1, 'by reading on');
  });
});
