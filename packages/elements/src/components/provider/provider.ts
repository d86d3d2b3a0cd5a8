import { CkProvider } from './provider.component.js';

export { CkProvider };
if (!customElements.get('ck-provider')) customElements.define('ck-provider', CkProvider);

declare global {
  interface HTMLElementTagNameMap {
    'ck-provider': CkProvider;
  }
}
