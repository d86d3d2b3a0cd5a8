import { CkReferralInbox } from './referral-inbox.component.js';

export { CkReferralInbox };
if (!customElements.get('ck-referral-inbox')) customElements.define('ck-referral-inbox', CkReferralInbox);

declare global {
  interface HTMLElementTagNameMap {
    'ck-referral-inbox': CkReferralInbox;
  }
}
