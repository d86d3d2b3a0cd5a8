import { CkReferralTracker } from './referral-tracker.component.js';

export { CkReferralTracker };
if (!customElements.get('ck-referral-tracker')) customElements.define('ck-referral-tracker', CkReferralTracker);

declare global {
  interface HTMLElementTagNameMap {
    'ck-referral-tracker': CkReferralTracker;
  }
}
