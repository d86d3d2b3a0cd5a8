import * as z from 'zod/mini';
import { CalendarDate, LanguageTag, NeedDomainSchema } from '../records/common.js';
import { AnswerValueSchema } from './answers.js';
import { checkDefinition } from './definition-checks.js';
import { LocalizedTextSchema } from './localized-text.js';
import { RISK_LEVELS } from '../case/case-schema.js';

/*
 * Questionnaire definitions. The shape follows FHIR R4 Questionnaire (with the SDC extensions) so that
 * @casekit/fhir maps it both ways: every R4 item type (multi-choice is choice + repeats), items nested
 * under questions, enableWhen/enableBehavior, options with scores (ordinalValue / itemWeight), initial,
 * readOnly, units, bounds, SDC expressions (kept as text, evaluated by a host ExpressionEngine), and
 * extensions casekit does not interpret kept verbatim in `extension`. Scoring, flag and need rules are
 * casekit logic with no FHIR peer. Objects are strict: a typo such as `enableWhn` in a hand-written
 * definition is an error, not ignored.
 */

/**
 * Identifies an item; unique in its definition. Kept exactly as written, so FHIR linkIds such as LOINC's
 * `/44249-1/44250-9` load as they are (visibility keys escape each part, so `/` needs no special care).
 */
export const LinkIdSchema = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(255),
    z.regex(/^\S(?:[^\u0000-\u001f]*\S)?$/u, 'A linkId has no leading or trailing spaces and no control characters'),
  );

export const ITEM_TYPES = [
  'display',
  'group',
  'string',
  'text',
  'url',
  'choice',
  'multi-choice',
  'open-choice',
  'boolean',
  'integer',
  'decimal',
  'quantity',
  'date',
  'dateTime',
  'time',
  'attachment',
  'reference',
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const OPERATORS = ['exists', '=', '!=', '>', '<', '>=', '<='] as const;
export const OperatorSchema = z.enum(OPERATORS);
export type Operator = z.infer<typeof OperatorSchema>;

/**
 * A code from a terminology (e.g. LOINC), for FHIR `Questionnaire.code` and `item.code`. `system` is
 * optional as in FHIR: published forms (LHC-Forms among them) carry LOINC codes without it.
 */
export const CodingSchema = z.strictObject({
  system: z.optional(z.string().check(z.minLength(1), z.maxLength(400))),
  version: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  code: z.string().check(z.minLength(1), z.maxLength(256)),
  display: z.optional(z.string().check(z.maxLength(4000))),
});
export type Coding = z.infer<typeof CodingSchema>;

/**
 * A FHIR extension kept verbatim (url plus whatever value it carries), so an import and export round trip
 * does not lose what casekit does not interpret.
 */
export const ExtensionSchema = z.looseObject({ url: z.string().check(z.minLength(1), z.maxLength(1000)) });
export type FhirExtension = z.infer<typeof ExtensionSchema>;

/**
 * An expression (FHIR `Expression`), e.g. SDC `calculatedExpression`. casekit keeps the text; an
 * `ExpressionEngine` passed by the host (such as @casekit/fhir's FHIRPath engine) evaluates it.
 */
export const ExpressionSchema = z.strictObject({
  /** `text/fhirpath` for the FHIRPath engine; other languages are kept but not evaluated. */
  language: z.string().check(z.minLength(1), z.maxLength(200)),
  expression: z.string().check(z.minLength(1), z.maxLength(20_000)),
  name: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  description: z.optional(z.string().check(z.maxLength(4000))),
});
export type Expression = z.infer<typeof ExpressionSchema>;
/** A named expression whose value other expressions use as `%name` (SDC `variable`). */
export const VariableSchema = z.extend(ExpressionSchema, { name: z.string().check(z.minLength(1), z.maxLength(200)) });
export type Variable = z.infer<typeof VariableSchema>;

/**
 * A condition on an answer (FHIR enableWhen). `answer` is `true`/`false` for `exists`; otherwise a
 * code (choice, open-choice), boolean, number (integer/decimal/quantity value, or a choice's option score
 * for `>`-style operators), date `YYYY-MM-DD`, dateTime, time or string, matching the question's type.
 */
export const ConditionSchema = z.strictObject({
  question: LinkIdSchema,
  operator: OperatorSchema,
  answer: z.union([z.string(), z.number(), z.boolean()]),
});
export type Condition = z.infer<typeof ConditionSchema>;

/** A condition on a computed score, for flag and need rules only (enableWhen stays FHIR-mappable). */
export const ScoreConditionSchema = z.strictObject({
  score: z.string().check(z.minLength(1), z.maxLength(100)),
  operator: OperatorSchema,
  answer: z.union([z.number(), z.boolean()]),
});
export type ScoreCondition = z.infer<typeof ScoreConditionSchema>;

export const RuleConditionSchema = z.union([ConditionSchema, ScoreConditionSchema]);
export type RuleCondition = z.infer<typeof RuleConditionSchema>;

export const BehaviorSchema = z.enum(['all', 'any']);
export type Behavior = z.infer<typeof BehaviorSchema>;

export const OptionSchema = z.strictObject({
  code: z.string().check(z.minLength(1), z.maxLength(1000)),
  display: LocalizedTextSchema,
  /** Points for scoring (FHIR `ordinalValue` / `itemWeight`); also what `>`, `<`... compare for choice questions. */
  score: z.optional(z.number()),
  /** For multi-choice: this option (e.g. "None of these") cannot be combined with others. */
  exclusive: z.optional(z.boolean()),
  /** Terminology of `code` when it is not local (FHIR `valueCoding.system`). */
  system: z.optional(z.string().check(z.minLength(1), z.maxLength(400))),
  /**
   * What FHIR value the option is: a Coding (default), or a plain string, integer, date or time
   * (`answerOption.valueString` ...), so an export writes the same kind back.
   */
  valueType: z.optional(z.enum(['coding', 'string', 'integer', 'date', 'time'])),
  /** A label shown before the option, e.g. "a)" (SDC `optionPrefix`). */
  prefix: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  extension: z.optional(z.array(ExtensionSchema)),
});
export type Option = z.infer<typeof OptionSchema>;

/** A unit of a quantity or number answer (SDC `questionnaire-unit` / `unitOption`): a UCUM code and its label. */
export const UnitSchema = z.strictObject({
  system: z.optional(z.string().check(z.minLength(1), z.maxLength(400))),
  code: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  display: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
});
export type Unit = z.infer<typeof UnitSchema>;

const base = {
  linkId: LinkIdSchema,
  text: LocalizedTextSchema,
  helpText: z.optional(LocalizedTextSchema),
  /** A label shown before the text, e.g. "1." (FHIR `prefix`). */
  prefix: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  code: z.optional(z.array(CodingSchema)),
  /** Element this item maps to (FHIR `item.definition`), for definition-based extraction. */
  definition: z.optional(z.string().check(z.minLength(1), z.maxLength(1000))),
  /** Conditions for showing the item (FHIR enableWhen). A hidden item's answers are not stored. */
  enableWhen: z.optional(z.array(ConditionSchema)),
  /** How several enableWhen conditions combine; default `all`. */
  enableBehavior: z.optional(BehaviorSchema),
  /** SDC `enableWhenExpression`: shown when it evaluates to true (needs an ExpressionEngine; shown without one). */
  enableWhenExpression: z.optional(ExpressionSchema),
  /** SDC `variable`s in scope for this item's expressions and its descendants'. */
  variables: z.optional(z.array(VariableSchema)),
  /** Never shown to the person filling in the form (FHIR `questionnaire-hidden`); may still be calculated. */
  hidden: z.optional(z.boolean()),
  /** A rendering hint (FHIR `questionnaire-itemControl` code, e.g. `drop-down`, `radio-button`). */
  control: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  /** Extensions casekit keeps without interpreting them (written back on export). */
  extension: z.optional(z.array(ExtensionSchema)),
};

/** Fields of every item that takes an answer. */
const question = {
  ...base,
  /** Required questions that are hidden are not required. */
  required: z.optional(z.boolean()),
  /** More than one answer: the answer is a list (choice + repeats is `multi-choice`). */
  repeats: z.optional(z.boolean()),
  /** Shown but not editable (FHIR `readOnly`), e.g. a calculated score. */
  readOnly: z.optional(z.boolean()),
  /** The starting answer (FHIR `initial`): a value of the item's answer type, or a list when it repeats. */
  initial: z.optional(z.lazy(() => AnswerValueSchema)),
  /** SDC `initialExpression`: the starting answer, evaluated once when a response starts. */
  initialExpression: z.optional(ExpressionSchema),
  /** SDC `calculatedExpression`: the answer, recomputed whenever other answers change. */
  calculatedExpression: z.optional(ExpressionSchema),
};

export const DisplayItemSchema = z.strictObject({ ...base, type: z.literal('display') });

const stringFields = {
  ...question,
  /** `string` is one line; `text` is long free text; `url` a web address. */
  type: z.enum(['string', 'text', 'url']),
  minLength: z.optional(z.number().check(z.int(), z.nonnegative())),
  maxLength: z.optional(z.number().check(z.int(), z.positive())),
  /** A JavaScript regular expression source the whole answer must match (anchors are added). */
  pattern: z.optional(z.string().check(z.minLength(1), z.maxLength(500))),
  /** Shown when `pattern` fails, e.g. "Enter a 5-digit ZIP code". */
  patternHint: z.optional(LocalizedTextSchema),
  /** Placeholder text (SDC `entryFormat`). */
  placeholder: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
};

/**
 * Client fields an answer fills in when an intake creates the client (like FHIR SDC definition-based
 * extraction into Patient.communication and the interpreterRequired extension).
 */
export const CLIENT_EXTRACTS = ['client.language', 'client.interpreterNeeded'] as const;

const choiceFields = {
  ...question,
  /** This answer's code is a language tag that becomes the new client's preferred language. */
  extract: z.optional(z.literal('client.language')),
  /**
   * `choice`: one code. `multi-choice`: a list of codes (FHIR choice with repeats). `open-choice`: an
   * option code or free text (a list of them with `repeats`).
   */
  type: z.enum(['choice', 'multi-choice', 'open-choice']),
  /**
   * The options. May be empty when they come from a value set that was not expanded (`answerValueSet`)
   * or from an `answerExpression`; the answer is then a Coding.
   */
  options: z.array(OptionSchema).check(z.maxLength(5000)),
  /** Canonical URL of the value set the options come from (FHIR `answerValueSet`), kept for export. */
  answerValueSet: z.optional(z.string().check(z.minLength(1), z.maxLength(1000))),
  /** SDC `answerExpression`: the options, evaluated by the ExpressionEngine (Codings or strings). */
  answerExpression: z.optional(ExpressionSchema),
  /** Longest free-text answer of an open-choice (FHIR `maxLength`). */
  maxLength: z.optional(z.number().check(z.int(), z.positive())),
};

const booleanFields = {
  ...question,
  type: z.literal('boolean'),
  /** A yes marks the new client as needing an interpreter. */
  extract: z.optional(z.literal('client.interpreterNeeded')),
};

const numberFields = {
  ...question,
  type: z.enum(['integer', 'decimal']),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  /** The unit the number is in (SDC `questionnaire-unit`), shown beside the field. */
  unit: z.optional(UnitSchema),
};

const quantityFields = {
  ...question,
  /** A number with a unit: the answer is `{ value, unit?, system?, code? }`. */
  type: z.literal('quantity'),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  /** The unit when there is only one (SDC `questionnaire-unit`). */
  unit: z.optional(UnitSchema),
  /** Units to choose from (SDC `questionnaire-unitOption`). */
  unitOptions: z.optional(z.array(UnitSchema).check(z.maxLength(100))),
};

const dateFields = {
  ...question,
  type: z.literal('date'),
  min: z.optional(CalendarDate),
  max: z.optional(CalendarDate),
};

const dateTimeFields = {
  ...question,
  /** `dateTime`: `YYYY-MM-DDThh:mm:ss` with a time zone (or a date); `time`: `hh:mm:ss`. */
  type: z.enum(['dateTime', 'time']),
  min: z.optional(z.string().check(z.minLength(1), z.maxLength(40))),
  max: z.optional(z.string().check(z.minLength(1), z.maxLength(40))),
};

const attachmentFields = {
  ...question,
  /** A file: the answer keeps its metadata (name, type, size, url), never its bytes. */
  type: z.literal('attachment'),
  /** Largest size in bytes (FHIR `maxSize`). */
  maxSize: z.optional(z.number().check(z.int(), z.positive())),
  /** Accepted MIME types (FHIR `mimeType`). */
  mimeTypes: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(200))).check(z.maxLength(50))),
};

const referenceFields = {
  ...question,
  /** A reference to another record: the answer is `{ reference?, type?, display? }`. */
  type: z.literal('reference'),
  /** Resource types it may point to (FHIR `questionnaire-referenceResource`). */
  referenceTypes: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.maxLength(50))),
};

/** Fields of a group item; `items` is declared on the recursive schema below. */
const groupFields = {
  ...base,
  /** A required group needs at least one answer inside it (one instance if it repeats). */
  required: z.optional(z.boolean()),
  readOnly: z.optional(z.boolean()),
  type: z.literal('group'),
  /** A repeating group (e.g. household members): its answers are a list of instances. */
  repeats: z.optional(z.boolean()),
  minRepeats: z.optional(z.number().check(z.int(), z.nonnegative())),
  maxRepeats: z.optional(z.number().check(z.int(), z.positive())),
};

/** Questions may carry items of their own (FHIR items nested under a question, e.g. a follow-up or help text). */
interface Nested {
  items?: Item[];
}
/** A question's type from its fields, with its optional nested items. */
type Fields<S extends z.core.$ZodShape> = z.infer<z.ZodMiniObject<S>> & Nested;
export type DisplayItem = z.infer<typeof DisplayItemSchema>;
export type StringItem = Fields<typeof stringFields>;
export type ChoiceItem = Fields<typeof choiceFields>;
export type BooleanItem = Fields<typeof booleanFields>;
export type NumberItem = Fields<typeof numberFields>;
export type QuantityItem = Fields<typeof quantityFields>;
export type DateItem = Fields<typeof dateFields>;
export type DateTimeItem = Fields<typeof dateTimeFields>;
export type AttachmentItem = Fields<typeof attachmentFields>;
export type ReferenceItem = Fields<typeof referenceFields>;
/** Recursive types cannot be inferred from zod, so the group type is written out (and checked below). */
export type GroupItem = z.infer<z.ZodMiniObject<typeof groupFields>> & { items: Item[] };
/** An item that takes an answer. */
export type QuestionItem =
  | StringItem
  | ChoiceItem
  | BooleanItem
  | NumberItem
  | QuantityItem
  | DateItem
  | DateTimeItem
  | AttachmentItem
  | ReferenceItem;
export type Item = DisplayItem | GroupItem | QuestionItem;

/** A question schema with its optional nested items (recursive through ItemSchema). */
function withNested<S extends z.core.$ZodShape>(fields: S) {
  return z.strictObject({
    ...fields,
    get items(): z.ZodMiniOptional<z.ZodMiniArray<z.ZodMiniType<Item>>> {
      return z.optional(z.array(ItemSchema).check(z.minLength(1)));
    },
  });
}

export const StringItemSchema = withNested(stringFields) as unknown as z.ZodMiniType<StringItem>;
export const ChoiceItemSchema = withNested(choiceFields) as unknown as z.ZodMiniType<ChoiceItem>;
export const BooleanItemSchema = withNested(booleanFields) as unknown as z.ZodMiniType<BooleanItem>;
export const NumberItemSchema = withNested(numberFields) as unknown as z.ZodMiniType<NumberItem>;
export const QuantityItemSchema = withNested(quantityFields) as unknown as z.ZodMiniType<QuantityItem>;
export const DateItemSchema = withNested(dateFields) as unknown as z.ZodMiniType<DateItem>;
export const DateTimeItemSchema = withNested(dateTimeFields) as unknown as z.ZodMiniType<DateTimeItem>;
export const AttachmentItemSchema = withNested(attachmentFields) as unknown as z.ZodMiniType<AttachmentItem>;
export const ReferenceItemSchema = withNested(referenceFields) as unknown as z.ZodMiniType<ReferenceItem>;

export const GroupItemSchema: z.ZodMiniType<GroupItem> = z.strictObject({
  ...groupFields,
  get items(): z.ZodMiniArray<z.ZodMiniType<Item>> {
    return z.array(ItemSchema).check(z.minLength(1));
  },
});

type Discriminated = z.ZodMiniObject<{ type: z.ZodMiniType<string> }>;
export const ItemSchema: z.ZodMiniType<Item> = z.lazy(() =>
  z.discriminatedUnion('type', [
    DisplayItemSchema,
    GroupItemSchema,
    StringItemSchema,
    ChoiceItemSchema,
    BooleanItemSchema,
    NumberItemSchema,
    QuantityItemSchema,
    DateItemSchema,
    DateTimeItemSchema,
    AttachmentItemSchema,
    ReferenceItemSchema,
  ] as unknown as [Discriminated, ...Discriminated[]]),
) as unknown as z.ZodMiniType<Item>;

export const ScoreBandSchema = z.strictObject({
  min: z.number(),
  max: z.number(),
  code: z.string().check(z.minLength(1), z.maxLength(100)),
  label: LocalizedTextSchema,
  /**
   * A completed assessment scoring in this band raises the case's risk to at least this level (PHQ-9
   * "severe" -> `high`), as a critical flag does: a severe total is a risk even when no single item is.
   */
  raisesRisk: z.optional(z.enum(RISK_LEVELS)),
});
export type ScoreBand = z.infer<typeof ScoreBandSchema>;

/**
 * A score over answers. Each item contributes its option score (choice; multi-choice sums the
 * selected options), its number (integer/decimal), or 1/0 (boolean). Hidden or unanswered items
 * contribute nothing; with `requiresAll` the score is null until every item is answered.
 */
export const ScoringRuleSchema = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  label: LocalizedTextSchema,
  items: z.array(LinkIdSchema).check(z.minLength(1)),
  method: z.enum(['sum']),
  bands: z.optional(z.array(ScoreBandSchema)),
  requiresAll: z.optional(z.boolean()),
  code: z.optional(z.array(CodingSchema)),
});
export type ScoringRule = z.infer<typeof ScoringRuleSchema>;

/** Something a host must surface (e.g. PHQ-9 item 9 answered above 0 -> `suicide-risk`). */
export const FlagRuleSchema = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  label: LocalizedTextSchema,
  severity: z.optional(z.enum(['info', 'warning', 'critical'])),
  when: z.array(RuleConditionSchema).check(z.minLength(1)),
  /** How the conditions combine; default `any`. */
  behavior: z.optional(BehaviorSchema),
});
export type FlagRule = z.infer<typeof FlagRuleSchema>;

/** Derives an identified need domain from answers. */
export const NeedRuleSchema = z.strictObject({
  domain: NeedDomainSchema,
  when: z.array(RuleConditionSchema).check(z.minLength(1)),
  /** How the conditions combine; default `any`. */
  behavior: z.optional(BehaviorSchema),
});
export type NeedRule = z.infer<typeof NeedRuleSchema>;

/** The definition's fields without the cross-item checks (unique linkIds, references, cycles). */
export const QuestionnaireShapeSchema = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(128)),
  /** Semantic version; assessments store definition id + version. */
  version: z.string().check(z.minLength(1), z.maxLength(40)),
  title: LocalizedTextSchema,
  description: z.optional(LocalizedTextSchema),
  /** Language of the definition's primary text (BCP 47); defaults to `en`. */
  language: z.optional(LanguageTag),
  code: z.optional(z.array(CodingSchema)),
  items: z.array(ItemSchema).check(z.minLength(1)),
  /** SDC `variable`s available to every expression in the form. */
  variables: z.optional(z.array(VariableSchema)),
  /** Extensions on the questionnaire casekit keeps without interpreting them (written back on export). */
  extension: z.optional(z.array(ExtensionSchema)),
  /**
   * FHIR Questionnaire elements with no casekit field (url, status, publisher, copyright, contained value
   * sets, ...), kept verbatim by `fromFhirQuestionnaire` so that `toFhirQuestionnaire` writes them back.
   */
  fhir: z.optional(z.record(z.string(), z.unknown())),
  scoring: z.optional(z.array(ScoringRuleSchema)),
  flags: z.optional(z.array(FlagRuleSchema)),
  needRules: z.optional(z.array(NeedRuleSchema)),
});

export type QuestionnaireDefinition = z.infer<typeof QuestionnaireShapeSchema>;

/** A full definition check: shape, then unique linkIds, valid references, types of conditions, no cycles. */
export const QuestionnaireDefinitionSchema = QuestionnaireShapeSchema.check(
  z.superRefine((definition, ctx) => {
    for (const issue of checkDefinition(definition)) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    }
  }),
);
