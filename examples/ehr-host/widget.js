// Runs inside the EHR's iframe. Talks to the EHR only through postMessage, and only with the EHR's
// origin: it receives the signed-in user (`casekit:init`) and reports the case the user opened
// (`casekit:case-open`) — ids and a display name, nothing more.
import { createCaseManager, createMemoryStorage } from '../casekit-bundle/dist/casekit.js';
import { seedCaseload } from './seed.js';

// The EHR's origin. In production this is configuration (e.g. https://ehr.example.org), never '*':
// the widget must not hand case data to whatever page framed it.
const EHR_ORIGIN = location.origin;
const board = document.querySelector('ck-caseload-board');

let started = false;
window.addEventListener('message', async (event) => {
  if (event.origin !== EHR_ORIGIN || event.source !== window.parent) return;
  if (event.data?.type !== 'casekit:init' || started) return;
  started = true;
  const manager = createCaseManager({ storage: createMemoryStorage(), actor: event.data.actor });
  await seedCaseload(manager);
  board.manager = manager;
  board.hidden = false;
  document.querySelector('#waiting').remove();
});

board.addEventListener('ck-case-open', (event) => {
  const { caseId, clientId, record } = event.detail;
  window.parent.postMessage({ type: 'casekit:case-open', caseId, clientId, clientName: record.clientName, status: record.status }, EHR_ORIGIN);
});

// Tell the EHR the widget is listening (its load event may fire before this module runs).
window.parent.postMessage({ type: 'casekit:ready' }, EHR_ORIGIN);
