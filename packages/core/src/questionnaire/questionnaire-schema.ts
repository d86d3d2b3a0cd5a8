import * as z from 'zod';
import { CalendarDate, LanguageTag, NeedDomainSchema } from '../records/common.js';
import { checkDefinition } from './definition-checks.js';
import { LocalizedTextSchema } from './localized-text.js';

/*
 * Questionnaire definitions. The shape follows FHIR R4 Questionnaire so that an export is a renaming:
 * item.type (multi-choice -> choice + repeats; group + repeats stays), enableWhen/enableBehavior,
 * options -> answerOption (score -> ordinalValue extension), min/max -> minValue/maxValue extensions,
 * minLength -> extension, maxLength, pattern -> regex extension, minRepeats/maxRepeats ->
 * minOccurs/maxOccurs extensions. Scoring, flag and need rules are casekit logic with no FHIR peer.
 * Objects are strict: a typo such as `enableWhn` in a hand-written definition is an error, not ignored.
 */

/** Identifies an item; unique in its definition. No whitespace or `/` (used in visibility keys). */
export const LinkIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^\s/]+$/, 'A linkId has no spaces or slashes');

export const ITEM_TYPES = ['display', 'group', 'string', 'text', 'choice', 'multi-choice', 'boolean', 'integer', 'decimal', 'date'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const OPERATORS = ['exists', '=', '!=', '>', '<', '>=', '<='] as const;
export const OperatorSchema = z.enum(OPERATORS);
export type Operator = z.infer<typeof OperatorSchema>;

/** A code from a terminology (e.g. LOINC), for FHIR `Questionnaire.code` and `item.code`. */
export const CodingSchema = z.strictObject({
  system: z.string().min(1).max(400),
  code: z.string().min(1).max(100),
  display: z.string().max(400).optional(),
});
export type Coding = z.infer<typeof CodingSchema>;

/**
 * A condition on an answer (FHIR enableWhen). `answer` is `true`/`false` for `exists`; otherwise a
 * code (choice), boolean, number (integer/decimal, or a choice's option score for `>`-style
 * operators), date `YYYY-MM-DD` or string, matching the question's type.
 */
export const ConditionSchema = z.strictObject({
  question: LinkIdSchema,
  operator: OperatorSchema,
  answer: z.union([z.string(), z.number(), z.boolean()]),
});
export type Condition = z.infer<typeof ConditionSchema>;

/** A condition on a computed score, for flag and need rules only (enableWhen stays FHIR-mappable). */
export const ScoreConditionSchema = z.strictObject({
  score: z.string().min(1).max(100),
  operator: OperatorSchema,
  answer: z.union([z.number(), z.boolean()]),
});
export type ScoreCondition = z.infer<typeof ScoreConditionSchema>;

export const RuleConditionSchema = z.union([ConditionSchema, ScoreConditionSchema]);
export type RuleCondition = z.infer<typeof RuleConditionSchema>;

export const BehaviorSchema = z.enum(['all', 'any']);
export type Behavior = z.infer<typeof BehaviorSchema>;

export const OptionSchema = z.strictObject({
  code: z.string().min(1).max(100),
  display: LocalizedTextSchema,
  /** Points for scoring (FHIR `ordinalValue`); also what `>`, `<`... compare for choice questions. */
  score: z.number().optional(),
  /** For multi-choice: this option (e.g. "None of these") cannot be combined with others. */
  exclusive: z.boolean().optional(),
  /** Terminology of `code` when it is not local (FHIR `valueCoding.system`). */
  system: z.string().min(1).max(400).optional(),
});
export type Option = z.infer<typeof OptionSchema>;

const base = {
  linkId: LinkIdSchema,
  text: LocalizedTextSchema,
  helpText: LocalizedTextSchema.optional(),
  code: z.array(CodingSchema).optional(),
  /** Conditions for showing the item (FHIR enableWhen). A hidden item's answers are not stored. */
  enableWhen: z.array(ConditionSchema).optional(),
  /** How several enableWhen conditions combine; default `all`. */
  enableBehavior: BehaviorSchema.optional(),
};
/** Questions (not display or group) may be required; required items that are hidden are not required. */
const required = { required: z.boolean().optional() };

export const DisplayItemSchema = z.strictObject({ ...base, type: z.literal('display') });

export const StringItemSchema = z.strictObject({
  ...base,
  ...required,
  /** `string` is one line; `text` is long free text. */
  type: z.enum(['string', 'text']),
  minLength: z.number().int().nonnegative().optional(),
  maxLength: z.number().int().positive().optional(),
  /** A JavaScript regular expression source the whole answer must match (anchors are added). */
  pattern: z.string().min(1).max(500).optional(),
  /** Shown when `pattern` fails, e.g. "Enter a 5-digit ZIP code". */
  patternHint: LocalizedTextSchema.optional(),
});

/**
 * Client fields an answer fills in when an intake creates the client (like FHIR SDC definition-based
 * extraction into Patient.communication and the interpreterRequired extension).
 */
export const CLIENT_EXTRACTS = ['client.language', 'client.interpreterNeeded'] as const;

export const ChoiceItemSchema = z.strictObject({
  ...base,
  ...required,
  /** This answer's code is a language tag that becomes the new client's preferred language. */
  extract: z.literal('client.language').optional(),
  /** `choice`: one code. `multi-choice`: a list of codes (FHIR choice with repeats). */
  type: z.enum(['choice', 'multi-choice']),
  options: z.array(OptionSchema).min(1).max(500),
});

export const BooleanItemSchema = z.strictObject({
  ...base,
  ...required,
  type: z.literal('boolean'),
  /** A yes marks the new client as needing an interpreter. */
  extract: z.literal('client.interpreterNeeded').optional(),
});

export const NumberItemSchema = z.strictObject({
  ...base,
  ...required,
  type: z.enum(['integer', 'decimal']),
  min: z.number().optional(),
  max: z.number().optional(),
});

export const DateItemSchema = z.strictObject({
  ...base,
  ...required,
  type: z.literal('date'),
  min: CalendarDate.optional(),
  max: CalendarDate.optional(),
});

/** Fields of a group item; `items` is declared on the recursive schema below. */
const groupFields = {
  ...base,
  /** A required group needs at least one answer inside it (one instance if it repeats). */
  ...required,
  type: z.literal('group'),
  /** A repeating group (e.g. household members): its answers are a list of instances. */
  repeats: z.boolean().optional(),
  minRepeats: z.number().int().nonnegative().optional(),
  maxRepeats: z.number().int().positive().optional(),
};

export type DisplayItem = z.infer<typeof DisplayItemSchema>;
export type StringItem = z.infer<typeof StringItemSchema>;
export type ChoiceItem = z.infer<typeof ChoiceItemSchema>;
export type BooleanItem = z.infer<typeof BooleanItemSchema>;
export type NumberItem = z.infer<typeof NumberItemSchema>;
export type DateItem = z.infer<typeof DateItemSchema>;
/** Recursive types cannot be inferred from zod, so the group type is written out (and checked below). */
export type GroupItem = z.infer<z.ZodObject<typeof groupFields>> & { items: Item[] };
export type Item = DisplayItem | GroupItem | StringItem | ChoiceItem | BooleanItem | NumberItem | DateItem;
/** An item that takes an answer. */
export type QuestionItem = StringItem | ChoiceItem | BooleanItem | NumberItem | DateItem;

export const GroupItemSchema: z.ZodType<GroupItem> = z.strictObject({
  ...groupFields,
  get items(): z.ZodArray<z.ZodType<Item>> {
    return z.array(ItemSchema).min(1);
  },
});

export const ItemSchema: z.ZodType<Item> = z.lazy(() =>
  z.discriminatedUnion('type', [
    DisplayItemSchema,
    GroupItemSchema as unknown as z.ZodObject<{ type: z.ZodLiteral<'group'> }>,
    StringItemSchema,
    ChoiceItemSchema,
    BooleanItemSchema,
    NumberItemSchema,
    DateItemSchema,
  ]),
) as z.ZodType<Item>;

export const ScoreBandSchema = z.strictObject({
  min: z.number(),
  max: z.number(),
  code: z.string().min(1).max(100),
  label: LocalizedTextSchema,
});
export type ScoreBand = z.infer<typeof ScoreBandSchema>;

/**
 * A score over answers. Each item contributes its option score (choice; multi-choice sums the
 * selected options), its number (integer/decimal), or 1/0 (boolean). Hidden or unanswered items
 * contribute nothing; with `requiresAll` the score is null until every item is answered.
 */
export const ScoringRuleSchema = z.strictObject({
  id: z.string().min(1).max(100),
  label: LocalizedTextSchema,
  items: z.array(LinkIdSchema).min(1),
  method: z.enum(['sum']),
  bands: z.array(ScoreBandSchema).optional(),
  requiresAll: z.boolean().optional(),
  code: z.array(CodingSchema).optional(),
});
export type ScoringRule = z.infer<typeof ScoringRuleSchema>;

/** Something a host must surface (e.g. PHQ-9 item 9 answered above 0 -> `suicide-risk`). */
export const FlagRuleSchema = z.strictObject({
  id: z.string().min(1).max(100),
  label: LocalizedTextSchema,
  severity: z.enum(['info', 'warning', 'critical']).optional(),
  when: z.array(RuleConditionSchema).min(1),
  /** How the conditions combine; default `any`. */
  behavior: BehaviorSchema.optional(),
});
export type FlagRule = z.infer<typeof FlagRuleSchema>;

/** Derives an identified need domain from answers. */
export const NeedRuleSchema = z.strictObject({
  domain: NeedDomainSchema,
  when: z.array(RuleConditionSchema).min(1),
  /** How the conditions combine; default `any`. */
  behavior: BehaviorSchema.optional(),
});
export type NeedRule = z.infer<typeof NeedRuleSchema>;

/** The definition's fields without the cross-item checks (unique linkIds, references, cycles). */
export const QuestionnaireShapeSchema = z.strictObject({
  id: z.string().min(1).max(128),
  /** Semantic version; assessments store definition id + version. */
  version: z.string().min(1).max(40),
  title: LocalizedTextSchema,
  description: LocalizedTextSchema.optional(),
  /** Language of the definition's primary text (BCP 47); defaults to `en`. */
  language: LanguageTag.optional(),
  code: z.array(CodingSchema).optional(),
  items: z.array(ItemSchema).min(1),
  scoring: z.array(ScoringRuleSchema).optional(),
  flags: z.array(FlagRuleSchema).optional(),
  needRules: z.array(NeedRuleSchema).optional(),
});

export type QuestionnaireDefinition = z.infer<typeof QuestionnaireShapeSchema>;

/** A full definition check: shape, then unique linkIds, valid references, types of conditions, no cycles. */
export const QuestionnaireDefinitionSchema = QuestionnaireShapeSchema.superRefine((definition, ctx) => {
  for (const issue of checkDefinition(definition)) {
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }
});
