// @casekit/core — public API. Only re-exports live here.

export { createCaseManager } from './case-manager.js';
export type { CaseManager, CaseManagerOptions } from './case-manager.js';

export * from './errors/index.js';

export {
  ActorSchema,
  ActorRefSchema,
  AddressSchema,
  ContactPointsSchema,
  NeedDomainSchema,
  NEED_DOMAINS,
  KNOWN_ROLES,
  StatusChangeSchema,
} from './records/common.js';
export type { Actor, ActorRef, Address, ContactPoints, KnownRole, NeedDomain, StatusChange } from './records/common.js';
export { COLLECTIONS, RecordMetaSchema } from './records/record.js';
export type { CollectionName, RecordMeta } from './records/record.js';
export type { VersionRef } from './internal/writer.js';
export type { StateMachine } from './internal/state-machine.js';
export { canTransition } from './internal/state-machine.js';
export { searchTokens } from './internal/search-tokens.js';

export { defaultPolicy, isOnCase } from './policy/policy.js';
export type { Policy, PolicyAction, PolicyRequest } from './policy/policy.js';

export { AuditEventSchema, AUDIT_ACTIONS } from './audit/audit-schema.js';
export type { AuditEvent, AuditAction } from './audit/audit-schema.js';
export type { AuditApi, AuditPageOptions } from './audit/audit-api.js';

export { ClientSchema, ClientInputSchema, IdentifierSchema, HumanNameSchema, displayName } from './client/client-schema.js';
export type { Client, ClientInput, Identifier, HumanName } from './client/client-schema.js';
export type { ClientsApi, ClientPatch } from './client/clients-api.js';
export type { DuplicateCandidate } from './client/duplicates.js';

export {
  CaseSchema,
  CaseInputSchema,
  CaseUpdateSchema,
  CASE_STATUSES,
  OPEN_CASE_STATUSES,
  PROGRAMS,
  PRIORITIES,
  PRIORITY_RANK,
  RISK_LEVELS,
  CLOSURE_REASONS,
} from './case/case-schema.js';
export type { CaseRecord, CaseInput, CaseUpdate, CaseStatus, Priority, RiskLevel, ClosureReason, CareTeamMember, IdentifiedNeed } from './case/case-schema.js';
export { CASE_MACHINE } from './case/case-machine.js';
export type { CasesApi, CaseloadQuery, CaseTransitionOptions } from './case/cases-api.js';

export { createMemoryStorage } from './storage/memory-storage.js';
export type { MemoryStorageOptions } from './storage/memory-storage.js';
export { APPEND_ONLY_COLLECTIONS } from './storage/storage-port.js';
export type {
  StoragePort,
  StoredRecord,
  FindQuery,
  CountQuery,
  KeyRange,
  IndexKey,
  IndexKeyPart,
  Page,
  WriteOperation,
  RecordChange,
  ChangeBatch,
  ChangeListener,
  Unsubscribe,
} from './storage/storage-port.js';
export { INDEXES, indexDefinition, indexKeys } from './storage/indexes.js';
export type { IndexDefinition } from './storage/indexes.js';
export { CaseQuerySchema, CASE_SORTS, CASE_GROUP_FIELDS, caseMatches, caseSortKey, caseGroupValue, caseSearchTokens, NO_DUE_DATE } from './storage/case-query.js';
export type { CaseQuery, NormalizedCaseQuery, CaseGroupField } from './storage/case-query.js';
export { compareKeys, encodeCursor, decodeCursor, inRange, startsWith } from './storage/keys.js';
export type { CursorPosition } from './storage/keys.js';
export { planOperations } from './storage/apply-operations.js';
export { pageOf, compareEntries } from './storage/paging.js';
export type { KeyedEntry } from './storage/paging.js';

export { DraftSchema } from './draft/draft-schema.js';
export type { Draft } from './draft/draft-schema.js';
export type { DraftsApi, DraftInput } from './draft/drafts-api.js';
