// @casekit/core in plain Node: what the package README shows, then checks on what came back.
import assert from 'node:assert/strict';
import { createCaseManager, createMemoryStorage, CasekitError, ValidationError } from '@casekit/core';
import { storageConformanceCases } from '@casekit/core/testing';
import { fromFhirBundle, fromFhirQuestionnaire, toFhirBundle } from '@casekit/fhir';
import { createFhirStorage, createMemoryOutboxStore } from '@casekit/storage-fhir';

const casekit = createCaseManager({
  storage: createMemoryStorage(),
  actor: { id: 'cm-alvarez', name: 'Marta Alvarez', role: 'case-manager' },
});
const { client } = await casekit.clients.create({ name: { given: ['Rosa'], family: 'Hernández' }, language: 'es' });
const rosaCase = await casekit.cases.create({ clientId: client.id, program: 'social-work', priority: 'high' });
const page = await casekit.cases.query({ status: ['intake'], limit: 50 });

assert.deepEqual(page.items.map((c) => c.id), [rosaCase.id]);
assert.equal(page.items[0]?.clientName, 'Rosa Hernández');
assert.equal(rosaCase.assigneeId, 'cm-alvarez');
assert.equal(rosaCase.version, 1);

// Bad input is a ValidationError with field paths, and nothing is written. Hosts compare `code`s
// (a second copy of core in an app would make `instanceof` unreliable); here there is one copy.
// @ts-expect-error 'whenever' is not a Priority: the types refuse it, and so does core at run time.
const error = await casekit.cases.update(rosaCase, { priority: 'whenever' }).catch((e: unknown) => e);
assert.ok(error instanceof CasekitError && error.code === 'validation', `expected a validation error, got ${String(error)}`);
assert.ok(error instanceof ValidationError);
assert.deepEqual(error.issues[0]?.path, ['priority']);
assert.equal((await casekit.cases.get(rosaCase.id)).version, 1);

// The adapter conformance suite (public API for adapter authors) runs against core's own memory storage.
const cases = storageConformanceCases();
for (const conformance of cases) {
  const storage = createMemoryStorage();
  try {
    await conformance.run(storage);
  } finally {
    await storage.close();
  }
}
// @casekit/fhir: the caseload as a FHIR transaction Bundle and back, and a FHIR Questionnaire loaded.
const admin = createCaseManager({ storage: casekit.storage, actor: { id: 'admin-1', name: 'Ada Admin', role: 'admin' } });
const exported = await admin.exportCaseload();
const bundle = toFhirBundle(exported, { type: 'transaction' });
assert.equal(bundle.resourceType, 'Bundle');
assert.ok(bundle.entry?.some((entry) => entry.resource?.resourceType === 'Patient'));
const back = fromFhirBundle(bundle);
assert.deepEqual(back.export.collections.cases, exported.collections.cases);
const { definition, report } = fromFhirQuestionnaire({
  resourceType: 'Questionnaire',
  status: 'active',
  url: 'https://example.org/Questionnaire/housing',
  item: [{ linkId: '1/housing', type: 'boolean', text: 'Do you have a steady place to live?' }],
});
assert.equal(definition.items[0]?.linkId, '1/housing');
assert.ok(Array.isArray(report.entries));

// @casekit/storage-fhir, offline first: a server that cannot be reached (nothing listens on port 9) is
// no obstacle to work — the commit goes to the replica and a durable outbox, and manager.sync says so.
const outbox = createMemoryOutboxStore();
const fhirStorage = await createFhirStorage({ baseUrl: 'http://127.0.0.1:9/fhir', replica: createMemoryStorage(), outbox, pollIntervalMs: 0, client: { retry: { maxAttempts: 1 } } });
const offline = createCaseManager({ storage: fhirStorage, actor: { id: 'cm-alvarez', name: 'Marta Alvarez', role: 'case-manager' } });
await offline.clients.create({ name: { given: ['Kofi'], family: 'Mensah' } });
const status = offline.sync?.status();
assert.deepEqual([status?.online, status?.pending], [false, 1]);
assert.equal((await outbox.entries()).length >= 1, true);
await fhirStorage.close();

console.log(JSON.stringify({ ok: true, caseId: rosaCase.id, conformanceCases: cases.length, fhirEntries: bundle.entry?.length }));
