// The redirect URI: completes the SMART launch, then runs casekit on the EHR's FHIR server as the
// signed-in practitioner. Tokens stay in sessionStorage (this tab only) and are refreshed before expiry.
import { completeSmartLaunch, createCaseManager, createFhirStorage, createMemoryStorage, displayName } from './dist/smart-app.js';
import config from './config.js';

const status = document.querySelector('#status');

try {
  const session = await completeSmartLaunch({ roleFor: config.roleFor });
  document.querySelector('#user').textContent = `${session.actor.name} (${session.actor.role})`;
  if (session.patientId) {
    const patient = await session.client.read('Patient', session.patientId);
    document.querySelector('#patient').textContent = displayName(patient) ?? session.patientId;
  }
  // The EHR's FHIR server is the system of record; the replica answers the board's queries.
  const storage = await createFhirStorage({ baseUrl: session.baseUrl, getAccessToken: session.getAccessToken, replica: createMemoryStorage() });
  const manager = createCaseManager({ storage, actor: session.actor });
  document.querySelector('ck-caseload-board').manager = manager;
  status.textContent = 'Signed in with your EHR.';
  document.body.dataset.ready = 'true';
} catch (error) {
  status.textContent = `Sign-in failed: ${error.message}`;
  document.body.dataset.error = error.code ?? 'error';
}
