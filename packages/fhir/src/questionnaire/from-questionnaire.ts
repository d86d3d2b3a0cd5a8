import {
  questionnaireIssues,
  type AnswerScalar,
  type AnswerValue,
  type Coding as CasekitCoding,
  type Condition,
  type Expression as CasekitExpression,
  type FhirExtension,
  type Item,
  type LocalizedText,
  type Option,
  type QuestionnaireDefinition,
  type Unit,
  type Variable,
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
} from '@medplum/fhirtypes';
import { questionnaireIdOfUrl, questionnaireUrl } from '../canonical.js';
import { createReport, type MappingReport } from '../report.js';
import { answerFromFhirValue } from './fhir-values.js';
import { DEFINITION_ID_SYSTEM, EXT, ITEM_EXTENSION, RULES_EXTENSION, UNSUPPORTED } from './sdc-extensions.js';
import { expandValueSet, findValueSet, scoreOf, type ValueSetSource } from './value-sets.js';

export interface FromQuestionnaireOptions extends ValueSetSource {}

/** Root elements mapped to definition fields; every other root element is kept in `definition.fhir`. */
const MAPPED_ROOT = new Set(['resourceType', 'id', 'version', 'title', '_title', 'description', '_description', 'language', 'code', 'item', 'extension']);
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const DEFINITION_ID = /^[\s\S]{1,128}$/;

type Report = ReturnType<typeof createReport>;

/**
 * A casekit definition from an R4 Questionnaire (SDC extensions included). Never throws on a valid R4
 * Questionnaire: what casekit cannot represent or run is left out or kept verbatim, and listed in the
 * report by FHIRPath-like path (`Questionnaire.item[2].answerValueSet`) with the reason.
 *
 * Value sets (`answerValueSet`) come from the questionnaire's contained ValueSets, `options.valueSets`,
 * or `options.resolveValueSet` (synchronous; see `valueSetUrls` for hosts that fetch them first). A value
 * set that cannot be enumerated leaves the item with no options: its answers are then Codings.
 */
export function fromFhirQuestionnaire(
  input: Questionnaire,
  options: FromQuestionnaireOptions = {},
): { definition: QuestionnaireDefinition; report: MappingReport } {
  // A plain copy: kept elements must not alias (or freeze) the caller's objects.
  const questionnaire = JSON.parse(JSON.stringify(input)) as Questionnaire;
  const report = createReport();
  const ctx: Context = { questionnaire, options, report, linkIds: new Set() };

  const id = definitionId(questionnaire);
  // The canonical url is the id (responses name their questionnaire by it); only another fallback is news.
  const fromUrl = questionnaire.url !== undefined && id === questionnaireIdOfUrl(questionnaire.url);
  if (id !== questionnaire.id && !fromUrl) report.add('Questionnaire.id', questionnaire.id ? `the id is not a casekit definition id; "${id}" is used` : `no id; "${id}" (from the name) is used`);
  const version = questionnaire.version?.slice(0, 40) || '0';
  if (!questionnaire.version) report.add('Questionnaire.version', 'no version; casekit stores assessments by definition version, so "0" is used');

  const definition: QuestionnaireDefinition = {
    id,
    version,
    title: localized(questionnaire.title, primitiveElement(questionnaire, '_title'), questionnaire.language) ?? questionnaire.name ?? id,
    items: [],
  };
  if (!questionnaire.title) report.add('Questionnaire.title', `no title; "${localizedFirst(definition.title)}" is used`);
  const description = localized(questionnaire.description, primitiveElement(questionnaire, '_description'), questionnaire.language);
  if (description) definition.description = description;
  if (questionnaire.language) {
    if (LANGUAGE_TAG.test(questionnaire.language)) definition.language = questionnaire.language;
    else report.add('Questionnaire.language', `"${questionnaire.language}" is not a language tag casekit accepts; left out`);
  }
  const code = codings(questionnaire.code, 'Questionnaire.code', report);
  if (code) definition.code = code;

  const rootExtensions = classifyExtensions(questionnaire.extension, 'Questionnaire', report);
  if (rootExtensions.variables.length) definition.variables = rootExtensions.variables;
  if (rootExtensions.kept.length) definition.extension = rootExtensions.kept;
  const rules = rootExtensions.casekit as Partial<Pick<QuestionnaireDefinition, 'scoring' | 'flags' | 'needRules'>> | undefined;
  if (rules?.scoring) definition.scoring = rules.scoring;
  if (rules?.flags) definition.flags = rules.flags;
  if (rules?.needRules) definition.needRules = rules.needRules;

  const fhir: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(questionnaire)) if (!MAPPED_ROOT.has(key)) fhir[key] = value;
  // casekit's own identifier (written when the definition id is not a FHIR id) is the id, not data to keep.
  const identifiers = questionnaire.identifier?.filter((i) => i.system !== DEFINITION_ID_SYSTEM);
  if (identifiers?.length) fhir['identifier'] = identifiers;
  else delete fhir['identifier'];
  // A url the id already stands for is written back from the id (toFhirQuestionnaire); keeping it too
  // would make every round trip add it.
  if (fhir['url'] === questionnaireUrl(definition.id)) delete fhir['url'];
  if (Object.keys(fhir).length) definition.fhir = fhir;

  definition.items = (questionnaire.item ?? []).map((item, i) => mapItem(item, `Questionnaire.item[${i}]`, ctx));
  if (!definition.items.length) {
    report.add('Questionnaire.item', 'no items; casekit needs one, so an empty display item is added');
    definition.items.push({ linkId: uniqueLinkId('empty', ctx), type: 'display', text: localizedFirst(definition.title) || 'Empty' });
  }

  return { definition: settle(definition, report), report: { entries: report.entries } };
}

interface Context {
  questionnaire: Questionnaire;
  options: FromQuestionnaireOptions;
  report: Report;
  linkIds: Set<string>;
}

function definitionId(q: Questionnaire): string {
  // The canonical url first: a QuestionnaireResponse names its questionnaire by it, so an assessment
  // imported from FHIR finds this definition (casekit's own url stands for the casekit id).
  const candidates = [q.identifier?.find((i) => i.system === DEFINITION_ID_SYSTEM)?.value, q.url ? questionnaireIdOfUrl(q.url) : undefined, q.id, q.name, 'questionnaire'];
  return candidates.find((c): c is string => typeof c === 'string' && c.trim() === c && c !== '' && DEFINITION_ID.test(c))!;
}

function uniqueLinkId(wanted: string, ctx: Context): string {
  let linkId = wanted;
  for (let n = 2; ctx.linkIds.has(linkId); n++) linkId = `${wanted}#${n}`;
  ctx.linkIds.add(linkId);
  return linkId;
}

// ------------------------------------------------------------------------------------------------ items

function mapItem(source: QuestionnaireItem, path: string, ctx: Context): Item {
  const { report } = ctx;
  let linkId = (source.linkId ?? '').trim();
  if (!linkId) {
    linkId = uniqueLinkId(path.replace(/^Questionnaire\./, ''), ctx);
    report.add(`${path}.linkId`, `no linkId; "${linkId}" is used`);
  } else if (linkId !== source.linkId || ctx.linkIds.has(linkId) || linkId.length > 255) {
    const wanted = linkId.slice(0, 240);
    linkId = uniqueLinkId(wanted, ctx);
    report.add(`${path}.linkId`, `linkId "${source.linkId}" is used twice, too long or padded with spaces; "${linkId}" is used`);
  } else {
    ctx.linkIds.add(linkId);
  }

  const text = localized(source.text, primitiveElement(source, '_text'), ctx.questionnaire.language) ?? fallbackText(source, linkId);
  if (source.text === undefined || source.text.trim() === '') report.add(`${path}.text`, `no text; "${localizedFirst(text)}" is shown`);

  const base: Record<string, unknown> = { linkId, text };
  if (source.prefix) base['prefix'] = source.prefix.slice(0, 100);
  if (source.definition) base['definition'] = source.definition;
  const code = codings(source.code, `${path}.code`, report);
  if (code) base['code'] = code;
  const conditions = (source.enableWhen ?? [])
    .map((condition, i) => mapCondition(condition, `${path}.enableWhen[${i}]`, report))
    .filter((c): c is Condition => c !== null);
  if (conditions.length) base['enableWhen'] = conditions;
  if (source.enableBehavior && conditions.length > 1) base['enableBehavior'] = source.enableBehavior;

  const extensions = classifyExtensions(source.extension, path, report);
  if (extensions.variables.length) base['variables'] = extensions.variables;
  if (extensions.enableWhenExpression) base['enableWhenExpression'] = extensions.enableWhenExpression;
  if (extensions.hidden) base['hidden'] = true;
  if (extensions.control) base['control'] = extensions.control;
  const kept = source.type === 'group' && source.repeats ? extensions.kept : [...extensions.kept, ...extensions.occurs];
  if (kept.length) base['extension'] = kept;
  const casekitOnly = extensions.casekit as Record<string, unknown> | undefined;
  if (casekitOnly?.['helpText']) base['helpText'] = casekitOnly['helpText'];

  const children = (source.item ?? []).map((child, i) => mapItem(child, `${path}.item[${i}]`, ctx));

  if (source.type === 'display') {
    if (children.length) report.add(`${path}.item`, 'a display item cannot hold items (R4 que-1); they are left out');
    return { ...base, type: 'display' } as Item;
  }
  if (source.type === 'group') {
    const group: Record<string, unknown> = { ...base, type: 'group' };
    if (source.required) group['required'] = true;
    if (source.readOnly) group['readOnly'] = true;
    if (source.repeats) {
      group['repeats'] = true;
      if (extensions.minOccurs !== undefined) group['minRepeats'] = extensions.minOccurs;
      if (extensions.maxOccurs !== undefined) group['maxRepeats'] = extensions.maxOccurs;
    }
    if (!children.length) {
      report.add(`${path}.item`, 'a group with no items; shown as a display item');
      return { ...base, type: 'display' } as Item;
    }
    return { ...group, items: children } as Item;
  }

  const question: Record<string, unknown> = { ...base };
  if (casekitOnly?.['patternHint'] && ['string', 'text', 'url'].includes(source.type)) question['patternHint'] = casekitOnly['patternHint'];
  if (casekitOnly?.['extract'] === 'client.language' && source.type === 'choice' && !repeatsOf(source)) question['extract'] = 'client.language';
  if (casekitOnly?.['extract'] === 'client.interpreterNeeded' && source.type === 'boolean') question['extract'] = 'client.interpreterNeeded';
  if (source.required) question['required'] = true;
  if (source.readOnly) question['readOnly'] = true;
  if (extensions.calculatedExpression) question['calculatedExpression'] = extensions.calculatedExpression;
  if (extensions.initialExpression) question['initialExpression'] = extensions.initialExpression;
  if (children.length) question['items'] = children;
  const repeats = source.repeats === true;

  switch (source.type) {
    case 'boolean':
      question['type'] = 'boolean';
      break;
    case 'decimal':
    case 'integer':
      question['type'] = source.type;
      if (extensions.min !== undefined) question['min'] = extensions.min;
      if (extensions.max !== undefined) question['max'] = extensions.max;
      if (extensions.unit) question['unit'] = extensions.unit;
      break;
    case 'quantity':
      question['type'] = 'quantity';
      if (extensions.min !== undefined) question['min'] = extensions.min;
      if (extensions.max !== undefined) question['max'] = extensions.max;
      if (extensions.unit) question['unit'] = extensions.unit;
      if (extensions.unitOptions.length) question['unitOptions'] = extensions.unitOptions;
      break;
    case 'date':
      question['type'] = 'date';
      if (typeof extensions.minText === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(extensions.minText)) question['min'] = extensions.minText;
      if (typeof extensions.maxText === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(extensions.maxText)) question['max'] = extensions.maxText;
      break;
    case 'dateTime':
    case 'time':
      question['type'] = source.type;
      if (extensions.minText) question['min'] = extensions.minText;
      if (extensions.maxText) question['max'] = extensions.maxText;
      break;
    case 'string':
    case 'text':
    case 'url':
      question['type'] = source.type;
      if (source.maxLength) question['maxLength'] = source.maxLength;
      if (extensions.minLength !== undefined) question['minLength'] = extensions.minLength;
      if (extensions.pattern) question['pattern'] = extensions.pattern;
      if (extensions.placeholder) question['placeholder'] = extensions.placeholder;
      break;
    case 'choice':
    case 'open-choice': {
      question['type'] = source.type === 'open-choice' ? 'open-choice' : repeats ? 'multi-choice' : 'choice';
      question['options'] = choiceOptions(source, path, ctx, question);
      if (extensions.answerExpression) question['answerExpression'] = extensions.answerExpression;
      if (source.type === 'open-choice' && source.maxLength) question['maxLength'] = source.maxLength;
      break;
    }
    case 'attachment':
      question['type'] = 'attachment';
      if (extensions.maxSize !== undefined) question['maxSize'] = extensions.maxSize;
      if (extensions.mimeTypes.length) question['mimeTypes'] = extensions.mimeTypes;
      break;
    case 'reference':
      question['type'] = 'reference';
      if (extensions.referenceTypes.length) question['referenceTypes'] = extensions.referenceTypes;
      break;
    default:
      report.add(`${path}.type`, `item type "${String(source.type)}" is not an R4 question type; shown as a display item`);
      return { ...base, type: 'display' } as Item;
  }
  if (repeats && question['type'] !== 'multi-choice') question['repeats'] = true;
  if (source.answerOption?.length && source.type !== 'choice' && source.type !== 'open-choice') {
    report.add(`${path}.answerOption`, `answerOption on a ${source.type} item is not enforced by casekit; left out`);
  }

  const initial = initialValue(source, question, path, report);
  if (initial !== undefined) question['initial'] = initial;
  return question as unknown as Item;
}

function repeatsOf(source: QuestionnaireItem): boolean {
  return source.repeats === true;
}

function fallbackText(source: QuestionnaireItem, linkId: string): string {
  return source.code?.find((c) => c.display)?.display ?? source.prefix ?? linkId;
}

function mapCondition(condition: QuestionnaireItemEnableWhen, path: string, report: Report): Condition | null {
  const answer =
    condition.answerBoolean ??
    condition.answerDecimal ??
    condition.answerInteger ??
    condition.answerDate ??
    condition.answerDateTime ??
    condition.answerTime ??
    condition.answerString ??
    condition.answerCoding?.code ??
    condition.answerCoding?.display ??
    condition.answerQuantity?.value;
  if (answer === undefined) {
    report.add(path, condition.answerReference ? 'enableWhen on a reference answer is not supported; the condition is left out' : 'enableWhen without a usable answer; left out');
    return null;
  }
  if (!condition.question || !condition.operator) {
    report.add(path, 'enableWhen without a question or operator; left out');
    return null;
  }
  if (condition.answerQuantity?.unit || condition.answerQuantity?.code) report.add(`${path}.answerQuantity`, 'the unit is not compared, only the value');
  return { question: condition.question, operator: condition.operator, answer };
}

function choiceOptions(source: QuestionnaireItem, path: string, ctx: Context, question: Record<string, unknown>): Option[] {
  const { report } = ctx;
  if (source.answerValueSet) {
    question['answerValueSet'] = source.answerValueSet;
    const valueSet = findValueSet(source.answerValueSet, ctx.questionnaire, ctx.options);
    if (!valueSet) {
      report.add(`${path}.answerValueSet`, `value set ${source.answerValueSet} was not found (pass it in valueSets or resolveValueSet); answers are taken as Codings`);
      return [];
    }
    const expanded = expandValueSet(valueSet);
    if ('reason' in expanded) {
      report.add(`${path}.answerValueSet`, `value set ${source.answerValueSet}: ${expanded.reason}; answers are taken as Codings`);
      return [];
    }
    return dedupe(expanded.options, `${path}.answerValueSet`, report);
  }
  const options: Option[] = [];
  (source.answerOption ?? []).forEach((answerOption, i) => {
    const option = mapOption(answerOption, `${path}.answerOption[${i}]`, report, ctx.questionnaire.language);
    if (option) options.push(option);
  });
  if (!options.length && source.type === 'choice' && !source.extension?.some((e) => e.url === EXT.answerExpression)) {
    // Nothing to choose from: take text or Codings, as an open-choice does.
    question['type'] = 'open-choice';
    report.add(`${path}.answerOption`, 'a choice item with no answerOption or answerValueSet; answers are taken as text or Codings (open-choice)');
  }
  return dedupe(options, `${path}.answerOption`, report);
}

function dedupe(options: Option[], path: string, report: Report): Option[] {
  const seen = new Set<string>();
  return options.filter((option) => {
    if (seen.has(option.code)) {
      report.add(path, `option code "${option.code}" appears twice (different systems are not told apart); the second is left out`);
      return false;
    }
    seen.add(option.code);
    return true;
  });
}

function mapOption(source: QuestionnaireItemAnswerOption, path: string, report: Report, lang: string | undefined): Option | null {
  let option: Option;
  if (source.valueCoding) {
    const c = source.valueCoding;
    const code = c.code ?? c.display;
    if (!code) {
      report.add(path, 'an option Coding without code or display; left out');
      return null;
    }
    option = { code, display: localized(c.display, primitiveElement(c, '_display'), lang) ?? code };
    if (c.system) option.system = c.system;
    const score = scoreOf(c.extension);
    if (score !== undefined) option.score = score;
  } else if (source.valueString !== undefined) {
    option = { code: source.valueString, display: source.valueString, valueType: 'string' };
  } else if (source.valueInteger !== undefined) {
    option = { code: String(source.valueInteger), display: String(source.valueInteger), valueType: 'integer', score: source.valueInteger };
  } else if (source.valueDate !== undefined) {
    option = { code: source.valueDate, display: source.valueDate, valueType: 'date' };
  } else if (source.valueTime !== undefined) {
    option = { code: source.valueTime, display: source.valueTime, valueType: 'time' };
  } else {
    report.add(path, 'a reference option is not supported; left out');
    return null;
  }
  const kept: FhirExtension[] = [];
  for (const extension of source.extension ?? []) {
    if (extension.url === EXT.ordinalValue || extension.url === EXT.itemWeight || extension.url === EXT.iso21090CoValue) {
      const score = scoreOf([extension]);
      if (score !== undefined) option.score = score;
    } else if (extension.url === EXT.optionExclusive) {
      if (extension.valueBoolean) option.exclusive = true;
    } else if (extension.url === EXT.optionPrefix && typeof extension.valueString === "string" && extension.valueString) {
      option.prefix = extension.valueString.slice(0, 100);
    } else {
      kept.push(extension as FhirExtension);
      report.add(`${path}.extension`, `extension ${extension.url} is kept but not interpreted`);
    }
  }
  if (kept.length) option.extension = kept;
  if (source.initialSelected) (option as Option & { initialSelected?: boolean }).initialSelected = true;
  return option;
}

/** The item's `initial` (or options marked initialSelected), as an answer of its type. */
function initialValue(source: QuestionnaireItem, question: Record<string, unknown>, path: string, report: Report): AnswerValue | undefined {
  const options = (question['options'] as (Option & { initialSelected?: boolean })[] | undefined) ?? [];
  const selected = options.filter((o) => o.initialSelected).map((o) => o.code);
  for (const o of options) delete o.initialSelected;
  const multiple = question['type'] === 'multi-choice' || question['repeats'] === true;
  const values: AnswerScalar[] = [...selected];
  (source.initial ?? []).forEach((initial, i) => {
    const value = answerFromFhirValue(initial, question['type'] as string, options);
    if (value === undefined) report.add(`${path}.initial[${i}]`, 'an initial value of a type casekit does not keep here; left out');
    else values.push(value);
  });
  if (!values.length) return undefined;
  if (!multiple && values.length > 1) report.add(`${path}.initial`, 'several initial values for a question that does not repeat; the first is used');
  return multiple ? values : values[0];
}

// ------------------------------------------------------------------------------------------------ extensions

interface Classified {
  variables: Variable[];
  kept: FhirExtension[];
  enableWhenExpression?: CasekitExpression;
  calculatedExpression?: CasekitExpression;
  initialExpression?: CasekitExpression;
  answerExpression?: CasekitExpression;
  hidden?: boolean;
  control?: string;
  unit?: Unit;
  unitOptions: Unit[];
  min?: number;
  max?: number;
  minText?: string;
  maxText?: string;
  minLength?: number;
  pattern?: string;
  placeholder?: string;
  minOccurs?: number;
  maxOccurs?: number;
  maxSize?: number;
  mimeTypes: string[];
  referenceTypes: string[];
  /** minOccurs/maxOccurs: instance counts of a repeating group; kept verbatim on anything else. */
  occurs: FhirExtension[];
  /** casekit's own fields written by toFhirQuestionnaire (JSON). */
  casekit?: unknown;
}

function classifyExtensions(extensions: readonly Extension[] | undefined, path: string, report: Report): Classified {
  const out: Classified = { variables: [], kept: [], unitOptions: [], mimeTypes: [], referenceTypes: [], occurs: [] };
  (extensions ?? []).forEach((extension, i) => {
    const at = `${path}.extension[${i}]`;
    const keep = (reason: string) => {
      out.kept.push(extension as FhirExtension);
      report.add(at, `${extension.url}: ${reason}`);
    };
    switch (extension.url) {
      case EXT.variable: {
        const expression = mapExpression(extension.valueExpression);
        if (expression?.name) out.variables.push(expression as Variable);
        else keep('a variable without a name or expression; kept, not evaluated');
        return;
      }
      case EXT.calculatedExpression:
      case EXT.enableWhenExpression:
      case EXT.initialExpression:
      case EXT.initialExpressionCore:
      case EXT.answerExpression: {
        const expression = mapExpression(extension.valueExpression);
        if (!expression) return keep('an expression extension without an expression; kept');
        const field =
          extension.url === EXT.calculatedExpression
            ? 'calculatedExpression'
            : extension.url === EXT.enableWhenExpression
              ? 'enableWhenExpression'
              : extension.url === EXT.answerExpression
                ? 'answerExpression'
                : 'initialExpression';
        out[field] = expression;
        if (expression.language !== 'text/fhirpath') report.add(at, `${field} in ${expression.language} is kept but only text/fhirpath is evaluated`);
        if (field === 'answerExpression') report.add(at, 'answerExpression is kept; casekit lists the options it evaluates to only when a host asks the engine');
        return;
      }
      case EXT.hidden:
        if (extension.valueBoolean) out.hidden = true;
        return;
      case RULES_EXTENSION:
      case ITEM_EXTENSION:
        try {
          out.casekit = JSON.parse(extension.valueString ?? 'null');
        } catch {
          keep('casekit data that is not JSON; kept');
        }
        return;
      case EXT.itemControl: {
        const code = extension.valueCodeableConcept?.coding?.find((c) => c.code)?.code;
        if (code) out.control = code.slice(0, 100);
        return;
      }
      case EXT.unit:
        if (extension.valueCoding) out.unit = unitOf(extension.valueCoding);
        return;
      case EXT.unitOption:
        if (extension.valueCoding) out.unitOptions.push(unitOf(extension.valueCoding));
        return;
      case EXT.minValue:
      case EXT.maxValue: {
        const number = extension.valueInteger ?? extension.valueDecimal;
        const text = extension.valueDate ?? extension.valueDateTime ?? extension.valueTime;
        const side = extension.url === EXT.minValue ? 'min' : 'max';
        if (number !== undefined) out[side] = number;
        else if (text !== undefined) out[side === 'min' ? 'minText' : 'maxText'] = text;
        else keep('a bound of a type casekit does not compare; kept');
        return;
      }
      case EXT.minLength:
        if (extension.valueInteger !== undefined) out.minLength = extension.valueInteger;
        return;
      case EXT.regex:
        if (extension.valueString) {
          try {
            new RegExp(extension.valueString, 'u');
            out.pattern = extension.valueString;
          } catch {
            keep('the regex is not a JavaScript regular expression; kept, not checked');
          }
        }
        return;
      case EXT.entryFormat:
        if (extension.valueString) out.placeholder = extension.valueString.slice(0, 200);
        return;
      case EXT.minOccurs:
      case EXT.maxOccurs:
        if (extension.valueInteger !== undefined) {
          out[extension.url === EXT.minOccurs ? 'minOccurs' : 'maxOccurs'] = extension.valueInteger;
          out.occurs.push(extension as FhirExtension);
        }
        return;
      case EXT.maxSize:
        if (extension.valueDecimal !== undefined || extension.valueInteger !== undefined) out.maxSize = Math.floor((extension.valueDecimal ?? extension.valueInteger)!);
        return;
      case EXT.mimeType:
        if (extension.valueCode) out.mimeTypes.push(extension.valueCode);
        return;
      case EXT.referenceResource:
        if (extension.valueCode) out.referenceTypes.push(extension.valueCode);
        return;
      default:
        keep(UNSUPPORTED[extension.url] ?? 'kept but not interpreted');
    }
  });
  return out;
}

function mapExpression(expression: Expression | undefined): CasekitExpression | undefined {
  if (!expression?.expression || !expression.language) return undefined;
  const out: CasekitExpression = { language: expression.language, expression: expression.expression };
  if (expression.name) out.name = expression.name;
  if (expression.description) out.description = expression.description;
  return out;
}

function unitOf(coding: Coding): Unit {
  const unit: Unit = {};
  if (coding.system) unit.system = coding.system;
  if (coding.code) unit.code = coding.code;
  if (coding.display) unit.display = coding.display;
  else if (coding.code) unit.display = coding.code;
  return unit;
}

function codings(list: readonly Coding[] | undefined, path: string, report: Report): CasekitCoding[] | undefined {
  if (!list?.length) return undefined;
  const out: CasekitCoding[] = [];
  list.forEach((c, i) => {
    if (!c.code) {
      report.add(`${path}[${i}]`, 'a Coding without a code; left out');
      return;
    }
    const coding: CasekitCoding = { code: c.code };
    if (c.system) coding.system = c.system;
    if (c.version) coding.version = c.version;
    if (c.display) coding.display = c.display;
    out.push(coding);
  });
  return out.length ? out : undefined;
}

/**
 * Text with its translations (`_text` translation extensions) as LocalizedText; undefined for no text.
 * The plain text is the questionnaire's language (`lang`) unless a translation already says it.
 */
function localized(text: string | undefined, element: Element | undefined, lang = 'en'): LocalizedText | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const translations = (element?.extension ?? []).filter((e) => e.url === EXT.translation);
  if (!translations.length) return text.slice(0, 4000);
  const map: Record<string, string> = {};
  for (const t of translations) {
    const tag = t.extension?.find((e) => e.url === 'lang')?.valueCode;
    const content = t.extension?.find((e) => e.url === 'content')?.valueString;
    if (tag && content && LANGUAGE_TAG.test(tag)) map[tag] = content.slice(0, 4000);
  }
  if (!Object.values(map).includes(text.slice(0, 4000)) && LANGUAGE_TAG.test(lang)) map[lang] ??= text.slice(0, 4000);
  return Object.keys(map).length ? map : text.slice(0, 4000);
}

/** The `_text`-style element of a primitive (its extensions), which the generated types leave out. */
function primitiveElement(owner: object, key: string): Element | undefined {
  const value = (owner as Record<string, unknown>)[key];
  return typeof value === 'object' && value !== null ? (value as Element) : undefined;
}

function localizedFirst(text: LocalizedText): string {
  return typeof text === 'string' ? text : (Object.values(text)[0] ?? '');
}

// ------------------------------------------------------------------------------------------------ settle

/**
 * Runs the full definition check and repairs what it refuses (a condition on a display item, a bad
 * bound...) by leaving out the offending element, so a valid R4 Questionnaire always loads. Each repair
 * is reported with the FHIR path (definition paths `items.2.items.0` are `item[2].item[0]`).
 */
function settle(definition: QuestionnaireDefinition, report: Report): QuestionnaireDefinition {
  let current = definition;
  let previous = '';
  for (let attempt = 0; attempt < 200; attempt++) {
    const issue = questionnaireIssues(current)[0];
    if (!issue) return current;
    let path = issue.path;
    // Removing the element did not help (or it cannot be removed): replace the whole item.
    const key = JSON.stringify(path);
    if (key === previous) path = enclosingItem(path);
    previous = key;
    current = JSON.parse(JSON.stringify(current)) as QuestionnaireDefinition;
    report.add(fhirPath(path), `${issue.message}; left out`);
    removeAt(current as unknown as Record<string, unknown>, path);
  }
  // Not reached with any Questionnaire seen so far; still, never throw on input: keep what is certain.
  report.add('Questionnaire', 'the questionnaire could not be represented; only its title is kept');
  return { id: definition.id, version: definition.version, title: definition.title, items: [{ linkId: 'questionnaire', type: 'display', text: definition.title }] };
}

/** The path of the item that holds the element at `path` (`['items', 1, 'items', 0]`). */
function enclosingItem(path: (string | number)[]): (string | number)[] {
  let end = 0;
  for (let i = 0; i + 1 < path.length; i++) if (path[i] === 'items' && typeof path[i + 1] === 'number') end = i + 2;
  return [...path.slice(0, end), 'type'];
}

/** Deletes the element at `path`, or the nearest enclosing optional element (never an item's linkId, type or text). */
function removeAt(root: Record<string, unknown>, path: (string | number)[]): void {
  let cut = path.length;
  // Required fields of an item cannot go: remove the item's offending parent element instead.
  while (cut > 0 && ['linkId', 'type', 'text', 'items', 'options'].includes(String(path[cut - 1])) && path[cut - 2] !== undefined) cut--;
  if (cut === 0) return;
  const target = path.slice(0, cut);
  const parent = target.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)?.[key], root) as
    | Record<string | number, unknown>
    | unknown[]
    | undefined;
  const key = target[target.length - 1]!;
  if (Array.isArray(parent) && typeof key === 'number') {
    // Never leave an item list empty: an item that cannot be repaired becomes a display item.
    const grand = target.slice(0, -2).reduce<unknown>((node, k) => (node as Record<string | number, unknown>)?.[k], root);
    if (target[target.length - 2] === 'items' && parent.length === 1 && grand) {
      const item = parent[0] as Record<string, unknown>;
      parent[0] = { linkId: item['linkId'], type: 'display', text: item['text'] ?? String(item['linkId']) };
    } else {
      parent.splice(key, 1);
      const owner = target.slice(0, -2).reduce<unknown>((node, k) => (node as Record<string | number, unknown>)?.[k], root) as Record<string, unknown> | undefined;
      if (!parent.length && owner && target[target.length - 2] !== 'items') delete owner[String(target[target.length - 2])];
      // enableBehavior says how several conditions combine: with fewer than two left it goes too (R4 que-12).
      if (owner && target[target.length - 2] === 'enableWhen' && parent.length < 2) delete owner['enableBehavior'];
    }
  } else if (parent && typeof parent === 'object') {
    delete (parent as Record<string, unknown>)[String(key)];
    if (key === 'enableWhen') delete (parent as Record<string, unknown>)['enableBehavior'];
  }
}

function fhirPath(path: (string | number)[]): string {
  let out = 'Questionnaire';
  for (let i = 0; i < path.length; i++) {
    const part = path[i]!;
    const next = path[i + 1];
    if (part === 'items' && typeof next === 'number') {
      out += `.item[${next}]`;
      i++;
    } else if (typeof next === 'number') {
      out += `.${String(part)}[${next}]`;
      i++;
    } else {
      out += `.${String(part)}`;
    }
  }
  return out;
}
