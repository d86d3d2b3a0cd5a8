export {
  CasekitError,
  ValidationError,
  ConflictError,
  NotFoundError,
  TransitionError,
  PermissionError,
  StorageError,
  isCasekitError,
  hasErrorCode,
} from './errors.js';
export type { CasekitErrorCode, CasekitErrorByCode, ValidationIssue } from './errors.js';
