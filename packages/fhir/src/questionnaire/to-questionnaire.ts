import {
  compileQuestionnaire,
  localizedText,
  type AnswerScalar,
  type Condition,
  type Expression as CasekitExpression,
  type Item,
  type LocalizedText,
  type Option,
  type QuestionnaireDefinition,
  type Unit,
} from '@casekit/core';
import type {
  Coding,
  Element,
  Expression,
  Extension,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireItemAnswerOption,
  QuestionnaireItemEnableWhen,
  QuestionnaireItemInitial,
} from '@medplum/fhirtypes';
import { questionnaireUrl } from '../canonical.js';
import { fhirIdFor } from '../ids.js';
import { fhirValueFor } from './fhir-values.js';
import { DEFINITION_ID_SYSTEM, EXT, ITEM_EXTENSION, RULES_EXTENSION } from './sdc-extensions.js';

const ITEM_CONTROL_SYSTEM = 'http://hl7.org/fhir/questionnaire-item-control';

/**
 * An R4 Questionnaire (SDC extensions for units, bounds, expressions, scores) from a casekit definition.
 * FHIR elements and extensions kept by `fromFhirQuestionnaire` are written back, so a round trip keeps
 * them. casekit's scoring, flag and need rules, and item fields FHIR has no element for, travel in
 * casekit extensions (`RULES_EXTENSION`, `ITEM_EXTENSION`) that `fromFhirQuestionnaire` reads back.
 */
export function toFhirQuestionnaire(input: QuestionnaireDefinition): Questionnaire {
  const { definition, index } = compileQuestionnaire(input);
  const lang = definition.language ?? 'en';
  const kept = (definition.fhir ?? {}) as Partial<Questionnaire>;
  const q: Questionnaire = { ...(kept as object), resourceType: 'Questionnaire', status: kept.status ?? 'active' } as Questionnaire;
  q.id = kept.id ?? fhirIdFor(definition.id);
  if (q.id !== definition.id && !kept.id) {
    q.identifier = [...(kept.identifier ?? []), { system: DEFINITION_ID_SYSTEM, value: definition.id }];
  }
  // The url the assessments' QuestionnaireResponses point at (`questionnaire: url|version`).
  q.url = kept.url ?? questionnaireUrl(definition.id);
  q.version = definition.version;
  const title = primary(definition.title, lang);
  q.title = title.text;
  if (title.element) (q as unknown as Record<string, unknown>)['_title'] = title.element;
  if (definition.description) {
    const description = primary(definition.description, lang);
    q.description = description.text;
    if (description.element) (q as unknown as Record<string, unknown>)['_description'] = description.element;
  }
  if (definition.language) q.language = definition.language;
  if (definition.code) q.code = definition.code.map((c) => ({ ...c }));

  const extension: Extension[] = [...(definition.variables ?? []).map((v) => expressionExtension(EXT.variable, v))];
  const rules = { scoring: definition.scoring, flags: definition.flags, needRules: definition.needRules };
  if (rules.scoring || rules.flags || rules.needRules) extension.push({ url: RULES_EXTENSION, valueString: JSON.stringify(rules) });
  extension.push(...((definition.extension ?? []) as Extension[]));
  if (extension.length) q.extension = extension;
  else delete q.extension;

  const typeOf = (linkId: string) => index.byLinkId.get(linkId)?.item;
  q.item = definition.items.map((item) => toItem(item, lang, typeOf));
  return q;
}

function toItem(item: Item, lang: string, itemFor: (linkId: string) => Item | undefined): QuestionnaireItem {
  const type = item.type === 'multi-choice' ? 'choice' : item.type;
  const out: QuestionnaireItem = { linkId: item.linkId, type };
  if (item.prefix) out.prefix = item.prefix;
  const text = primary(item.text, lang);
  out.text = text.text;
  if (text.element) (out as unknown as Record<string, unknown>)['_text'] = text.element;
  if (item.definition) out.definition = item.definition;
  if (item.code) out.code = item.code.map((c) => ({ ...c }));
  if (item.enableWhen?.length) {
    out.enableWhen = item.enableWhen.map((c) => enableWhen(c, itemFor(c.question)));
    if (item.enableWhen.length > 1) out.enableBehavior = item.enableBehavior ?? 'all';
  }

  const extension: Extension[] = [];
  const add = (e: Extension) => extension.push(e);
  if (item.hidden) add({ url: EXT.hidden, valueBoolean: true });
  if (item.control) add({ url: EXT.itemControl, valueCodeableConcept: { coding: [{ system: ITEM_CONTROL_SYSTEM, code: item.control }] } });
  for (const v of item.variables ?? []) add(expressionExtension(EXT.variable, v));
  if (item.enableWhenExpression) add(expressionExtension(EXT.enableWhenExpression, item.enableWhenExpression));
  const casekitOnly: Record<string, unknown> = {};
  if (item.helpText) casekitOnly['helpText'] = item.helpText;

  if (item.type === 'group') {
    if (item.required) out.required = true;
    if (item.readOnly) out.readOnly = true;
    if (item.repeats) out.repeats = true;
    if (item.minRepeats !== undefined) add({ url: EXT.minOccurs, valueInteger: item.minRepeats });
    if (item.maxRepeats !== undefined) add({ url: EXT.maxOccurs, valueInteger: item.maxRepeats });
  } else if (item.type !== 'display') {
    if (item.required) out.required = true;
    if (item.readOnly) out.readOnly = true;
    if (item.repeats || item.type === 'multi-choice') out.repeats = true;
    if (item.calculatedExpression) add(expressionExtension(EXT.calculatedExpression, item.calculatedExpression));
    if (item.initialExpression) add(expressionExtension(EXT.initialExpression, item.initialExpression));
    switch (item.type) {
      case 'string':
      case 'text':
      case 'url':
        if (item.maxLength !== undefined) out.maxLength = item.maxLength;
        if (item.minLength !== undefined) add({ url: EXT.minLength, valueInteger: item.minLength });
        if (item.pattern) add({ url: EXT.regex, valueString: item.pattern });
        if (item.placeholder) add({ url: EXT.entryFormat, valueString: item.placeholder });
        if (item.patternHint) casekitOnly['patternHint'] = item.patternHint;
        break;
      case 'integer':
      case 'decimal':
      case 'quantity': {
        const key = item.type === 'integer' ? 'valueInteger' : 'valueDecimal';
        if (item.min !== undefined) add({ url: EXT.minValue, [key]: item.min });
        if (item.max !== undefined) add({ url: EXT.maxValue, [key]: item.max });
        if (item.unit) add({ url: EXT.unit, valueCoding: unitCoding(item.unit) });
        if (item.type === 'quantity') for (const unit of item.unitOptions ?? []) add({ url: EXT.unitOption, valueCoding: unitCoding(unit) });
        break;
      }
      case 'date':
      case 'dateTime':
      case 'time': {
        const key = item.type === 'date' ? 'valueDate' : item.type === 'dateTime' ? 'valueDateTime' : 'valueTime';
        if (item.min !== undefined) add({ url: EXT.minValue, [key]: item.min });
        if (item.max !== undefined) add({ url: EXT.maxValue, [key]: item.max });
        break;
      }
      case 'choice':
      case 'multi-choice':
      case 'open-choice': {
        if (item.extract) casekitOnly['extract'] = item.extract;
        if (item.type === 'open-choice' && item.maxLength !== undefined) out.maxLength = item.maxLength;
        if (item.answerExpression) add(expressionExtension(EXT.answerExpression, item.answerExpression));
        const initial = new Set(listOf(item.initial).map((v) => (typeof v === 'string' ? v : '')));
        if (item.answerValueSet) out.answerValueSet = item.answerValueSet;
        else if (item.options.length) out.answerOption = item.options.map((o) => answerOption(o, lang, initial.has(o.code)));
        break;
      }
      case 'boolean':
        if (item.extract) casekitOnly['extract'] = item.extract;
        break;
      case 'attachment':
        if (item.maxSize !== undefined) add({ url: EXT.maxSize, valueDecimal: item.maxSize });
        for (const type of item.mimeTypes ?? []) add({ url: EXT.mimeType, valueCode: type });
        break;
      case 'reference':
        for (const type of item.referenceTypes ?? []) add({ url: EXT.referenceResource, valueCode: type });
        break;
    }
    const initial = initialOf(item, lang);
    if (initial.length) out.initial = initial;
  }
  if (Object.keys(casekitOnly).length) add({ url: ITEM_EXTENSION, valueString: JSON.stringify(casekitOnly) });
  extension.push(...((item.extension ?? []) as Extension[]));
  if (extension.length) out.extension = extension;

  const children = 'items' in item ? item.items : undefined;
  if (children?.length) out.item = children.map((child) => toItem(child, lang, itemFor));
  return out;
}

function listOf(value: unknown): AnswerScalar[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]) as AnswerScalar[];
}

/** `initial` for questions without answerOption (R4 que-11 forbids both: options use initialSelected). */
function initialOf(item: Item, lang: string): QuestionnaireItemInitial[] {
  if (item.type === 'display' || item.type === 'group' || item.initial === undefined) return [];
  const options = 'options' in item ? item.options : [];
  if (options.length && !('answerValueSet' in item && item.answerValueSet)) return [];
  return listOf(item.initial)
    .map((value) => fhirValueFor(value, item.type, options, lang))
    .filter((value): value is QuestionnaireItemInitial => value !== undefined);
}

function answerOption(option: Option, lang: string, initialSelected: boolean): QuestionnaireItemAnswerOption {
  const value = fhirValueFor(option.code, 'choice', [option], lang)!;
  const out: QuestionnaireItemAnswerOption = { ...(value as QuestionnaireItemAnswerOption) };
  const display = primary(option.display, lang);
  if (out.valueCoding && display.element) (out.valueCoding as unknown as Record<string, unknown>)['_display'] = display.element;
  const extension: Extension[] = [];
  if (option.score !== undefined) extension.push({ url: EXT.ordinalValue, valueDecimal: option.score });
  if (option.exclusive) extension.push({ url: EXT.optionExclusive, valueBoolean: true });
  if (option.prefix) extension.push({ url: EXT.optionPrefix, valueString: option.prefix });
  extension.push(...((option.extension ?? []) as Extension[]));
  if (extension.length) out.extension = extension;
  if (initialSelected) out.initialSelected = true;
  return out;
}

/** FHIR enableWhen for a casekit condition; the answer type follows the question's item type. */
function enableWhen(condition: Condition, target: Item | undefined): QuestionnaireItemEnableWhen {
  const out: QuestionnaireItemEnableWhen = { question: condition.question, operator: condition.operator };
  const answer = condition.answer;
  if (condition.operator === 'exists' || typeof answer === 'boolean') return { ...out, answerBoolean: answer as boolean };
  switch (target?.type) {
    case 'integer':
      return { ...out, answerInteger: answer as number };
    case 'decimal':
      return { ...out, answerDecimal: answer as number };
    case 'quantity':
      return { ...out, answerQuantity: { value: answer as number } };
    case 'date':
      return { ...out, answerDate: answer as string };
    case 'dateTime':
      return { ...out, answerDateTime: answer as string };
    case 'time':
      return { ...out, answerTime: answer as string };
    case 'choice':
    case 'multi-choice':
    case 'open-choice': {
      if (typeof answer === 'number') return { ...out, answerDecimal: answer };
      const option = target.options.find((o) => o.code === answer);
      if (!option && target.type === 'open-choice') return { ...out, answerString: answer };
      const coding: Coding = { code: answer };
      if (option?.system) coding.system = option.system;
      return { ...out, answerCoding: coding };
    }
    default:
      return typeof answer === 'number' ? { ...out, answerDecimal: answer } : { ...out, answerString: answer };
  }
}

function expressionExtension(url: string, expression: CasekitExpression): Extension {
  const value: Expression = { language: expression.language as Expression['language'], expression: expression.expression };
  if (expression.name) value.name = expression.name;
  if (expression.description) value.description = expression.description;
  return { url, valueExpression: value };
}

function unitCoding(unit: Unit): Coding {
  const coding: Coding = {};
  if (unit.system) coding.system = unit.system;
  if (unit.code) coding.code = unit.code;
  if (unit.display) coding.display = unit.display;
  return coding;
}

/**
 * The text in the definition's language, with every language of a translated text as FHIR translation
 * extensions (the primary one too, so a `{ en, es }` map reads back as the same map, not as a string).
 */
function primary(text: LocalizedText, lang: string): { text: string; element?: Element } {
  if (typeof text === 'string') return { text };
  return {
    text: localizedText(text, lang),
    element: {
      extension: Object.entries(text).map(([tag, content]) => ({
        url: EXT.translation,
        extension: [
          { url: 'lang', valueCode: tag },
          { url: 'content', valueString: content },
        ],
      })),
    },
  };
}
