export { localizedText, LocalizedTextSchema } from './localized-text.js';
export type { LocalizedText } from './localized-text.js';
export {
  BehaviorSchema,
  BooleanItemSchema,
  ChoiceItemSchema,
  CodingSchema,
  ConditionSchema,
  DateItemSchema,
  DisplayItemSchema,
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
  RuleConditionSchema,
  ScoreBandSchema,
  ScoreConditionSchema,
  ScoringRuleSchema,
  StringItemSchema,
} from './questionnaire-schema.js';
export type {
  Behavior,
  BooleanItem,
  ChoiceItem,
  Coding,
  Condition,
  DateItem,
  DisplayItem,
  FlagRule,
  GroupItem,
  Item,
  ItemType,
  NeedRule,
  NumberItem,
  Operator,
  Option,
  QuestionItem,
  QuestionnaireDefinition,
  RuleCondition,
  ScoreBand,
  ScoreCondition,
  ScoringRule,
  StringItem,
} from './questionnaire-schema.js';
export { compileQuestionnaire, parseQuestionnaire } from './compile.js';
export type { CompiledQuestionnaire } from './compile.js';
export {
  addInstance,
  AnswersSchema,
  AnswerValueSchema,
  answersAt,
  getAnswer,
  instancesOf,
  isEmptyAnswer,
  moveInstance,
  removeInstance,
  RepeatInstanceSchema,
  setAnswer,
} from './answers.js';
export type { Answers, AnswerValue, InstanceRef, RepeatInstance } from './answers.js';
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
export { PHQ9, PHQ9_ITEM_IDS } from './instruments/phq9.js';
export { SOCIAL_NEEDS_INTAKE } from './instruments/social-needs-intake.js';
export { getInstrument, INSTRUMENTS } from './instruments/registry.js';
