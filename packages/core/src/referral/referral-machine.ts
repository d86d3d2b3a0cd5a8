import { defineMachine } from '../internal/state-machine.js';
import { REFERRAL_SIDE_STATUSES, type ReferralSide, type ReferralStatus } from './referral-schema.js';

/**
 * The Gravity SDOH referral Task flow: draft -> requested -> accepted | rejected -> in-progress (<->
 * on-hold) -> completed | failed, plus cancelled and entered-in-error. Who may set each status is in
 * `REFERRAL_SIDE_STATUSES`; `allowedReferralTransitions` combines both.
 */
export const REFERRAL_MACHINE = defineMachine<ReferralStatus>('referral', {
  draft: ['requested', 'cancelled', 'entered-in-error'],
  requested: ['accepted', 'rejected', 'cancelled', 'entered-in-error'],
  accepted: ['in-progress', 'completed', 'failed', 'cancelled', 'entered-in-error'],
  'in-progress': ['on-hold', 'completed', 'failed', 'cancelled', 'entered-in-error'],
  'on-hold': ['in-progress', 'failed', 'cancelled', 'entered-in-error'],
  rejected: [],
  completed: [],
  failed: [],
  cancelled: [],
  'entered-in-error': [],
});

/** The statuses one side may move a referral to from `from`. */
export function allowedReferralTransitions(from: ReferralStatus, side: ReferralSide): ReferralStatus[] {
  return REFERRAL_MACHINE.transitions[from].filter((to) => REFERRAL_SIDE_STATUSES[side].includes(to));
}
