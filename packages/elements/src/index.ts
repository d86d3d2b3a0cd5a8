// @casekit/elements — public API. Only re-exports; importing this registers no element
// (use `@casekit/elements/define.js` or the per-tag entry points for that).

export { CasekitElement } from './internal/casekit-element.js';
export { ManagerController } from './controllers/manager-controller.js';
export type { ManagerControllerOptions, ManagerHost } from './controllers/manager-controller.js';
export { managerContext } from './controllers/manager-context.js';
export { LocalizeController, closestComposed } from './controllers/localize-controller.js';

export { emit, CK_EVENTS } from './events/events.js';
export type {
  CkEventMap,
  CkEventName,
  CkEvent,
  CaseOpenDetail,
  CaseMoveDetail,
  CaseMovedDetail,
  FilterChangeDetail,
  IntakeSubmitDetail,
  PlanChangeDetail,
  ReferralChangeDetail,
  ErrorDetail,
} from './events/events.js';

export { en, es, registerTranslation, getTranslation, availableLanguages, describeError, issueKey } from './translations/index.js';
export type { Translation, PartialTranslation, LocalizedError, DescribeErrorOptions } from './translations/index.js';

export { sharedStyles } from './styles/shared.styles.js';

export { CkProvider } from './components/provider/provider.component.js';
export { CkCaseloadBoard, DEFAULT_STATUS_COLUMNS, MAX_RENDERED } from './components/caseload-board/caseload-board.component.js';
export type { CaseloadFilters, CaseloadView, CaseloadGroupBy, CaseloadSort } from './components/caseload-board/caseload-board.component.js';
