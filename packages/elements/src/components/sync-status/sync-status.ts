import { CkSyncStatus } from './sync-status.component.js';

export { CkSyncStatus };
if (!customElements.get('ck-sync-status')) customElements.define('ck-sync-status', CkSyncStatus);

declare global {
  interface HTMLElementTagNameMap {
    'ck-sync-status': CkSyncStatus;
  }
}
