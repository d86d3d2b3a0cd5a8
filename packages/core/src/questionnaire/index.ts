export { localizedText, LocalizedTextSchema } from './localized-text.js';
export type { LocalizedText } from './localized-text.js';
export {
  AttachmentItemSchema,
  BehaviorSchema,
  BooleanItemSchema,
  ChoiceItemSchema,
  CodingSchema,
  ConditionSchema,
  DateItemSchema,
  DateTimeItemSchema,
  DisplayItemSchema,
  ExpressionSchema,
  ExtensionSchema,
  FlagRuleSchema,
  GroupItemSchema,
  ITEM_TYPES,
  ItemSchema,
  LinkIdSchema,
  NeedRuleSchema,
  NumberItemSchema,
  OPERATORS,
  OperatorSchema,
  OptionSchema,
  QuestionnaireDefinitionSchema,
  QuestionnaireShapeSchema,
  QuantityItemSchema,
  ReferenceItemSchema,
  RuleConditionSchema,
  ScoreBandSchema,
  ScoreConditionSchema,
  ScoringRuleSchema,
  StringItemSchema,
  UnitSchema,
  VariableSchema,
} from './questionnaire-schema.js';
export type {
  AttachmentItem,
  Behavior,
  BooleanItem,
  ChoiceItem,
  Coding,
  Condition,
  DateItem,
  DateTimeItem,
  DisplayItem,
  Expression,
  FhirExtension,
  FlagRule,
  GroupItem,
  Item,
  ItemType,
  NeedRule,
  NumberItem,
  Operator,
  Option,
  QuantityItem,
  QuestionItem,
  QuestionnaireDefinition,
  ReferenceItem,
  RuleCondition,
  ScoreBand,
  ScoreCondition,
  ScoringRule,
  StringItem,
  Unit,
  Variable,
} from './questionnaire-schema.js';
export { compileQuestionnaire, parseQuestionnaire, questionnaireIssues } from './compile.js';
export type { CompiledQuestionnaire } from './compile.js';
export {
  addInstance,
  AnswerScalarSchema,
  AnswersSchema,
  AnswerValueSchema,
  AttachmentValueSchema,
  CodingValueSchema,
  QuantityValueSchema,
  ReferenceValueSchema,
  answersAt,
  getAnswer,
  instancesOf,
  isEmptyAnswer,
  moveInstance,
  parseAnswers,
  removeInstance,
  RepeatInstanceSchema,
  setAnswer,
} from './answers.js';
export type {
  Answers,
  AnswerScalar,
  AnswerValue,
  AttachmentValue,
  CodingValue,
  InstanceRef,
  QuantityValue,
  ReferenceValue,
  RepeatInstance,
} from './answers.js';
export { applyExpressions, FHIRPATH, initialAnswers } from './expressions.js';
export type { ExpressionEngine, ExpressionIssue, ExpressionRequest, ExpressionResult } from './expressions.js';
export { itemKey } from './evaluation.js';
export type { ExpressionOutcome } from './evaluation.js';
export { isChoice } from './definition-index.js';
export { isCalendarDate, isDateTime, isTime } from './enable-when.js';
export { isEnabled, pruneHidden, visibleItems } from './visibility.js';
export type { EnableContext, VisibleItem } from './visibility.js';
export { assertValidResponse, finalizeResponse, validateResponse } from './validate-response.js';
export type { ResponseIssue, ResponseIssueCode, ValidateOptions } from './validate-response.js';
export { computeFlags, computeScores } from './scoring.js';
export type { FlagResult, RuleOptions, ScoreResult } from './scoring.js';
export { deriveNeeds } from './derive-needs.js';
export { extractClientFields } from './extract-client.js';
export type { ExtractedClientFields } from './extract-client.js';
export { CLIENT_EXTRACTS } from './questionnaire-schema.js';
export { evaluateResponse } from './evaluate-response.js';
export type { ResponseEvaluation } from './evaluate-response.js';
// The instruments themselves are at `@casekit/core/instruments`: re-exported here, a bundler splitting
// code (esbuild) would keep them in the first bundle even though the manager loads them on demand.
export { INSTRUMENT_IDS, isInstrumentId, loadInstrument } from './instruments/registry.js';
