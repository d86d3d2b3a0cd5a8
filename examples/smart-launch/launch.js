// The launch URL: the EHR opens it with ?iss=…&launch=… (EHR launch); opened directly it signs in to
// config.standaloneIss (standalone launch). Either way the browser goes on to the EHR's sign-in page.
import { launchSmart } from './dist/smart-app.js';
import config from './config.js';

const status = document.querySelector('#status');
try {
  await launchSmart({
    clientId: config.clientId,
    redirectUri: new URL('./index.html', location.href).href,
    scopes: config.scopes,
    iss: config.standaloneIss,
    allowedIssuers: config.allowedIssuers,
  });
} catch (error) {
  status.textContent = `Could not start the launch: ${error.message}`;
  document.body.dataset.error = error.code ?? 'error';
}
