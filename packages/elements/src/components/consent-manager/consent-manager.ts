import { CkConsentManager } from './consent-manager.component.js';

export { CkConsentManager };
if (!customElements.get('ck-consent-manager')) customElements.define('ck-consent-manager', CkConsentManager);

declare global {
  interface HTMLElementTagNameMap {
    'ck-consent-manager': CkConsentManager;
  }
}
