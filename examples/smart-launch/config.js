// What this deployment of casekit was registered with at the EHR. Change these for yours (README.md).
const FHIR_SERVER = 'https://launch.smarthealthit.org/v/r4/fhir';

export default {
  /** The client id the EHR gave casekit (a public client: no secret in the browser). */
  clientId: 'casekit-smart-launch',
  /** SMART v2 scopes; `launch` is added for an EHR launch. */
  scopes: ['launch/patient', 'openid', 'fhirUser', 'patient/*.cruds', 'user/*.cruds', 'offline_access'],
  /** Where launch.html signs in when opened directly (standalone launch). */
  standaloneIss: FHIR_SERVER,
  /** The only FHIR servers an EHR launch link may name in `iss`. */
  allowedIssuers: [FHIR_SERVER],
  /** Practitioners work as case managers; anyone else (a patient signing in) is refused. */
  roleFor: (fhirUser) => (/^Practitioner(Role)?\//.test(fhirUser) ? 'case-manager' : undefined),
};
