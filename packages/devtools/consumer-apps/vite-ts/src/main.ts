// A vanilla TypeScript app: IndexedDB storage, a manager, two tags, and a listener for ck-case-open.
import { createCaseManager, type CaseInput } from '@casekit/core';
import { createDexieStorage } from '@casekit/storage-dexie';
import '@casekit/elements/ck-provider.js';
import '@casekit/elements/ck-caseload-board.js';
import '@casekit/elements/themes/default.css';

const manager = createCaseManager({
  storage: createDexieStorage({ name: 'casekit-consumer-vite-ts' }),
  actor: { id: 'cm-alvarez', name: 'Marta Alvarez', role: 'case-manager' },
});

const people: { given: string; family: string; priority: CaseInput['priority'] }[] = [
  { given: 'Rosa', family: 'Hernández', priority: 'high' },
  { given: 'James', family: 'Okafor', priority: 'medium' },
  { given: 'Lin', family: 'Chen', priority: 'urgent' },
];
if (!(await manager.cases.query({ limit: 1 })).items.length) {
  for (const person of people) {
    const { client } = await manager.clients.create({ name: { given: [person.given], family: person.family } });
    await manager.cases.create({ clientId: client.id, program: 'social-work', priority: person.priority });
  }
}

// Typed by the tag's HTMLElementTagNameMap entry: `provider` is a CkProvider, `board` a CkCaseloadBoard.
const provider = document.querySelector('ck-provider')!;
provider.manager = manager;
const board = document.querySelector('ck-caseload-board')!;
board.filters = { program: 'social-work' };
// Typed by the global event map: `event.detail` is a CaseOpenDetail.
board.addEventListener('ck-case-open', (event) => {
  document.querySelector('[data-testid="selected-case"]')!.textContent = event.detail.record.clientName;
});

// The FHIR storage is a chunk of its own, loaded only when asked for (as the demo's ?storage=fhir): this
// checks that a fresh app resolves and bundles it and @casekit/fhir from the tarballs.
if (new URLSearchParams(location.search).has('fhir')) {
  const { createFhirStorage, createIndexedDbOutboxStore } = await import('@casekit/storage-fhir');
  console.log(typeof createFhirStorage, typeof createIndexedDbOutboxStore);
}
