import {
  compileQuestionnaire,
  localizedText,
  pruneHidden,
  type Answers,
  type AnswerScalar,
  type AnswerValue,
  type ExpressionOutcome,
  type Item,
  type QuestionnaireDefinition,
  type RepeatInstance,
} from '@casekit/core';
import { questionnaireCanonical } from '../canonical.js';
import type { QuestionnaireResponse, QuestionnaireResponseItem, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import { fhirIdFor } from '../ids.js';
import { createReport, type MappingReport } from '../report.js';
import { answerFromFhirValue, fhirValueFor } from './fhir-values.js';

/** What of an assessment the response needs; a stored Assessment fits, and so does a bare `{ answers }`. */
export interface ResponseSource {
  answers: Answers;
  id?: string;
  clientId?: string;
  status?: 'in-progress' | 'completed' | 'amended' | 'entered-in-error' | 'stopped';
  completedAt?: string;
  language?: string;
}

export interface ToResponseOptions {
  /** enableWhenExpression results (from `applyExpressions`), so items an expression hides are left out. */
  expressions?: ExpressionOutcome;
  /** Also write items that have no answer (the FHIRPath engine wants every item as a `%context`). */
  includeUnanswered?: boolean;
}

/** The canonical URL a response names its questionnaire by: the FHIR url kept from import, else casekit's. */
function canonicalOf(definition: QuestionnaireDefinition): string {
  const url = definition.fhir?.['url'];
  return questionnaireCanonical(definition.id, definition.version, typeof url === 'string' ? url : undefined);
}

/**
 * A definition-shaped R4 QuestionnaireResponse: groups and nesting as in the questionnaire, repeating
 * groups as repeated items whose `id` is the instance id, items nested under a question placed under its
 * answer, hidden items (and their answers) left out, display items left out.
 */
export function toFhirQuestionnaireResponse(
  assessment: ResponseSource,
  definition: QuestionnaireDefinition,
  options: ToResponseOptions = {},
): QuestionnaireResponse {
  const compiled = compileQuestionnaire(definition);
  const lang = assessment.language ?? compiled.definition.language ?? 'en';
  const answers = pruneHidden(compiled.definition, assessment.answers, options.expressions ? { expressions: options.expressions } : {});
  const response: QuestionnaireResponse = {
    resourceType: 'QuestionnaireResponse',
    questionnaire: canonicalOf(compiled.definition),
    status: assessment.status ?? 'completed',
  };
  if (assessment.id) response.id = fhirIdFor(assessment.id);
  if (assessment.clientId) response.subject = { reference: `Patient/${fhirIdFor(assessment.clientId)}` };
  if (assessment.completedAt) response.authored = assessment.completedAt;
  if (assessment.language) response.language = assessment.language;
  const items = itemsFor(compiled.definition.items, answers, lang, options.includeUnanswered === true);
  if (items.length) response.item = items;
  return response;
}

function itemsFor(items: readonly Item[], answers: Answers, lang: string, all: boolean): QuestionnaireResponseItem[] {
  const out: QuestionnaireResponseItem[] = [];
  for (const item of items) {
    if (item.type === 'display') continue;
    const text = localizedText(item.text, lang);
    if (item.type === 'group') {
      if (item.repeats) {
        const instances = (Array.isArray(answers[item.linkId]) ? answers[item.linkId] : []) as RepeatInstance[];
        for (const instance of instances) {
          const children = itemsFor(item.items, instance.answers ?? {}, lang, all);
          out.push(children.length ? { id: instance.instanceId, linkId: item.linkId, text, item: children } : { id: instance.instanceId, linkId: item.linkId, text });
        }
        continue;
      }
      const children = itemsFor(item.items, answers, lang, all);
      if (children.length || all) out.push(children.length ? { linkId: item.linkId, text, item: children } : { linkId: item.linkId, text });
      continue;
    }
    const answer = answersFor(item, answers[item.linkId], lang);
    const children = item.items ? itemsFor(item.items, answers, lang, all) : [];
    if (!answer.length && !children.length && !all) continue;
    const entry: QuestionnaireResponseItem = { linkId: item.linkId, text };
    if (answer.length) {
      entry.answer = answer;
      // R4 puts items nested under a question beneath its answer (qrs-1: not beneath both).
      if (children.length) answer[0]!.item = children;
    } else if (children.length) {
      entry.item = children;
    }
    out.push(entry);
  }
  return out;
}

function answersFor(item: Item, value: AnswerValue | undefined, lang: string): QuestionnaireResponseItemAnswer[] {
  if (value === undefined || item.type === 'display' || item.type === 'group') return [];
  const options = 'options' in item ? item.options : [];
  const values = (Array.isArray(value) ? value : [value]) as AnswerScalar[];
  return values
    .map((v) => fhirValueFor(v, item.type, options, lang))
    .filter((v): v is QuestionnaireResponseItemAnswer => v !== undefined);
}

/**
 * Answers from a QuestionnaireResponse, read against the definition it answers: the result is what
 * `validateResponse` expects (repeating-group instances keyed by `item.id`). Items that are not in the
 * definition, values of the wrong type and attachment bytes are left out and reported.
 */
export function fromFhirQuestionnaireResponse(
  response: QuestionnaireResponse,
  definition: QuestionnaireDefinition,
): { answers: Answers; report: MappingReport } {
  const compiled = compileQuestionnaire(definition);
  const report = createReport();
  const byLinkId = compiled.index.byLinkId;

  const read = (items: readonly QuestionnaireResponseItem[], into: Answers, path: string) => {
    items.forEach((item, i) => {
      const at = `${path}.item[${i}]`;
      const node = byLinkId.get(item.linkId);
      if (!node) {
        report.add(`${at}.linkId`, `"${item.linkId}" is not an item of ${compiled.definition.id}; left out`);
        return;
      }
      const def = node.item;
      if (def.type === 'display') return;
      if (def.type === 'group') {
        if (node.repeats) {
          const list = (Array.isArray(into[def.linkId]) ? into[def.linkId] : []) as RepeatInstance[];
          const instanceId = item.id ?? `${def.linkId}-${list.length + 1}`;
          if (!item.id) report.add(at, `a repeated group without an id; "${instanceId}" is used as its instance id`);
          const instance: RepeatInstance = { instanceId, answers: {} };
          read(item.item ?? [], instance.answers, at);
          into[def.linkId] = [...list, instance];
        } else {
          read(item.item ?? [], into, at);
        }
        return;
      }
      const options = 'options' in def ? def.options : [];
      const values: AnswerScalar[] = [];
      (item.answer ?? []).forEach((answer, j) => {
        if (answer.valueAttachment?.data) report.add(`${at}.answer[${j}].valueAttachment.data`, 'attachment contents are not kept, only the metadata');
        const value = answerFromFhirValue(answer, def.type, options);
        if (value === undefined) report.add(`${at}.answer[${j}]`, `a value that does not fit a ${def.type} question; left out`);
        else values.push(value);
        if (answer.item?.length) read(answer.item, into, `${at}.answer[${j}]`);
      });
      if (item.item?.length) read(item.item, into, at);
      if (!values.length) return;
      if (node.multiple) into[def.linkId] = values;
      else {
        if (values.length > 1) report.add(`${at}.answer`, 'several answers to a question that does not repeat; the first is kept');
        into[def.linkId] = values[0]!;
      }
    });
  };

  const answers: Answers = {};
  read(response.item ?? [], answers, 'QuestionnaireResponse');
  return { answers, report: { entries: report.entries } };
}
