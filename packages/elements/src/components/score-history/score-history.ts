import { CkScoreHistory } from './score-history.component.js';

export { CkScoreHistory };
if (!customElements.get('ck-score-history')) customElements.define('ck-score-history', CkScoreHistory);

declare global {
  interface HTMLElementTagNameMap {
    'ck-score-history': CkScoreHistory;
  }
}
