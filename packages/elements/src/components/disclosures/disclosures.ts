import { CkDisclosures } from './disclosures.component.js';

export { CkDisclosures };
if (!customElements.get('ck-disclosures')) customElements.define('ck-disclosures', CkDisclosures);

declare global {
  interface HTMLElementTagNameMap {
    'ck-disclosures': CkDisclosures;
  }
}
