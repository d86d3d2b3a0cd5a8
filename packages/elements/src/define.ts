// Registers every casekit element. Import this once (`import '@casekit/elements/define.js'`), or
// import single tags (`import '@casekit/elements/ck-caseload-board.js'`).
import './components/provider/provider.js';
import './components/caseload-board/caseload-board.js';
