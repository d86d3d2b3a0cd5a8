import { defineMachine } from '../internal/state-machine.js';
import type { ConsentStatus } from './consent-schema.js';

/**
 * FHIR Consent statuses: a draft or proposed consent becomes active (agreed) or rejected; an active
 * consent becomes inactive when revoked or expired by hand; anything may be entered-in-error.
 */
export const CONSENT_MACHINE = defineMachine<ConsentStatus>('consent', {
  draft: ['proposed', 'active', 'rejected', 'entered-in-error'],
  proposed: ['active', 'rejected', 'entered-in-error'],
  active: ['inactive', 'entered-in-error'],
  rejected: ['entered-in-error'],
  inactive: ['entered-in-error'],
  'entered-in-error': [],
});
