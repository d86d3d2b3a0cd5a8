// The EHR side of the iframe embedding: sends the signed-in user to the widget once it is ready, and
// puts the case the user opened in the widget "in context" (the patient banner).
import { actorFromSession, ehrSession } from './session.js';

const frame = document.querySelector('#casekit-frame');
// The widget's origin: same origin here; in production the origin casekit is served from.
const WIDGET_ORIGIN = location.origin;

document.querySelector('#ehr-user').textContent = `${ehrSession.user.displayName} (${ehrSession.user.ehrRole})`;

const sendSession = () => frame.contentWindow.postMessage({ type: 'casekit:init', actor: actorFromSession(ehrSession) }, WIDGET_ORIGIN);

window.addEventListener('message', (event) => {
  // Only messages from our own iframe, from the origin we expect.
  if (event.origin !== WIDGET_ORIGIN || event.source !== frame.contentWindow) return;
  const message = event.data;
  if (message?.type === 'casekit:ready') {
    sendSession();
  } else if (message?.type === 'casekit:case-open') {
    // Data from another document is untrusted: text only.
    document.querySelector('#patient-name').textContent = String(message.clientName);
    document.querySelector('#case-status').textContent = String(message.status);
  }
});

// The widget says `casekit:ready` when it starts listening; if it started before this script did, the
// session sent now reaches it instead (it ignores a second one).
sendSession();
