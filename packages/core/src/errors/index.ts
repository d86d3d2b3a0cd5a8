export {
  CasekitError,
  ValidationError,
  ConflictError,
  NotFoundError,
  TransitionError,
  PermissionError,
  StorageError,
  isCasekitError,
} from './errors.js';
export type { CasekitErrorCode, ValidationIssue } from './errors.js';
