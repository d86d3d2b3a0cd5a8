// The EHR's integration script: casekit from the script-tag bundle, the actor from the EHR's session,
// records in memory (a real host would use createDexieStorage or its own StoragePort).
import { createCaseManager, createMemoryStorage } from '../casekit-bundle/dist/casekit.js';
import { actorFromSession, ehrSession } from './session.js';
import { seedCaseload } from './seed.js';

const $ = (selector) => document.querySelector(selector);

const actor = actorFromSession(ehrSession);
const manager = createCaseManager({ storage: createMemoryStorage(), actor });
$('#ehr-user').textContent = `${ehrSession.user.displayName} (${ehrSession.user.ehrRole})`;

// A small synthetic caseload, created as the signed-in coordinator, so the cases are assigned to them
// (a real EHR would find its caseload already in storage).
const firstCase = await seedCaseload(manager);
$('#casekit').manager = manager;

/** Puts a case "in context": the EHR's patient banner (as text, never HTML) and the case widgets. */
async function openCase(caseId) {
  const record = await manager.cases.get(caseId);
  const client = await manager.clients.get(record.clientId); // audited as a read of the client record
  $('#patient-name').textContent = record.clientName;
  $('#patient-dob').textContent = client.birthDate ?? '—';
  $('#patient-language').textContent = client.language ? new Intl.DisplayNames(['en'], { type: 'language' }).of(client.language) : '—';
  $('#patient-program').textContent = record.program;
  $('#no-case').hidden = true;
  for (const element of document.querySelectorAll('ck-referral-tracker, ck-care-plan-editor')) {
    element.setAttribute('case-id', caseId);
    element.hidden = false;
  }
}

// Events bubble and are composed: one listener on the provider hears every element inside it.
$('#casekit').addEventListener('ck-case-open', (event) => openCase(event.detail.caseId));
$('#casekit').addEventListener('ck-error', (event) => console.warn('casekit:', event.detail.code, event.detail.operation));

await openCase(firstCase.id);
document.body.dataset.ready = 'true';
