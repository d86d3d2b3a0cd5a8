// Everything the example's pages load, as one module: casekit (importing it registers the ck-* tags),
// the FHIR storage, and SMART launch.
import '@casekit/elements/define.js';

export { createCaseManager, createMemoryStorage } from '@casekit/core';
export { createFhirStorage } from '@casekit/storage-fhir';
export { SmartLaunchError, completeSmartLaunch, displayName, launchSmart } from '@casekit/storage-fhir/smart';
