// Registers every casekit element. Import this once (`import '@casekit/elements/define.js'`), or
// import single tags (`import '@casekit/elements/ck-caseload-board.js'`).
import './components/provider/provider.js';
import './components/caseload-board/caseload-board.js';
import './components/care-plan-editor/care-plan-editor.js';
import './components/intake-form/intake-form.js';
import './components/referral-tracker/referral-tracker.js';
import './components/caseload-summary/caseload-summary.js';
import './components/sync-status/sync-status.js';
import './components/case-notes/case-notes.js';
import './components/approvals/approvals.js';
import './components/score-history/score-history.js';
import './components/consent-manager/consent-manager.js';
import './components/worklist/worklist.js';
import './components/referral-inbox/referral-inbox.js';
import './components/disclosures/disclosures.js';
