import { defineMachine } from '../internal/state-machine.js';
import type { CaseStatus } from './case-schema.js';

/**
 * referred -> intake -> active <-> on-hold -> closed, with a waitlist, cancellation before service,
 * reopening (closed -> active, cancelled -> referred) and entered-in-error from anywhere but itself.
 */
export const CASE_MACHINE = defineMachine<CaseStatus>('case', {
  referred: ['intake', 'waitlist', 'cancelled', 'entered-in-error'],
  intake: ['active', 'waitlist', 'cancelled', 'closed', 'entered-in-error'],
  waitlist: ['intake', 'active', 'cancelled', 'entered-in-error'],
  active: ['on-hold', 'closed', 'entered-in-error'],
  'on-hold': ['active', 'closed', 'entered-in-error'],
  closed: ['active', 'entered-in-error'],
  cancelled: ['referred', 'entered-in-error'],
  'entered-in-error': [],
});
