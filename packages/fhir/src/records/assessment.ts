/**
 * assessments <-> QuestionnaireResponse + one Observation per score (derivedFrom the response, as the
 * Gravity IG does for screening results). Answers are mapped without the definition: each answer is an
 * item by linkId; a repeating group's instances are repeated items with item.id = instanceId and their
 * answers as nested items. Values: string -> valueString, number -> valueInteger (32-bit integers) or
 * valueDecimal, boolean -> valueBoolean, a quantity / attachment (metadata only) / reference -> its value[x],
 * a Coding answer -> valueCoding marked `coding-answer`, a list -> one answer per element (strings as codes,
 * the item marked `answer-list` unless every element is a code). The definition-shaped response (groups,
 * FHIR types per item) is `toFhirQuestionnaireResponse` in this package's questionnaire folder.
 */
import type { Assessment } from '@casekit/core';
import type { Observation, QuestionnaireResponse, QuestionnaireResponseItem, QuestionnaireResponseItemAnswer, Resource } from '@medplum/fhirtypes';
import { partIdFor } from '../ids.js';
import { SYSTEMS } from './codes.js';
import type { FromContext, RecordMapping } from './context.js';
import { actorOf, actorReference, codeOfCoding, codingOf, compact, complexExt, defined, ext, findExt, findExts, part, partsOf, recordIdOf, recordReference, statusHistoryExts, statusHistoryOf, type Json } from './elements.js';
import { episodeExt, episodeIdOf, IMPORTER } from './plan.js';
import { madeByCasekit, readRecordMeta, recordHeader } from './record-meta.js';
import { parseQuestionnaireCanonical, questionnaireCanonical } from '../canonical.js';

type Answers = Assessment['answers'];
type AnswerValue = Answers[string];

export const scoreObservationId = (assessmentId: string, key: string) => partIdFor(assessmentId, 'score', key);

const INT32 = (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647;

function isInstances(value: AnswerValue): value is { instanceId: string; answers: Answers }[] {
  return Array.isArray(value) && value.length > 0 && typeof value[0] === 'object' && value[0] !== null && 'instanceId' in value[0] && 'answers' in value[0];
}

type AnswerScalar = Exclude<AnswerValue, unknown[]>;
type AnswerObject = Extract<AnswerScalar, object>;
const ATTACHMENT_KEYS = ['title', 'contentType', 'size', 'url', 'hash', 'creation', 'language'] as const;

/** One casekit answer value as a FHIR answer; strings in a list are codes (multi-choice). */
function answerFor(value: AnswerScalar, inList: boolean): QuestionnaireResponseItemAnswer {
  if (typeof value === 'string') return inList ? { valueCoding: codingOf(undefined, value) } : { valueString: value };
  if (typeof value === 'boolean') return { valueBoolean: value };
  if (typeof value === 'number') return INT32(value) ? { valueInteger: value } : { valueDecimal: value };
  const object = value as Record<string, unknown>;
  if (typeof object['value'] === 'number') return { valueQuantity: { ...object } };
  if ('reference' in object || 'type' in object) return { valueReference: { ...object } };
  if (ATTACHMENT_KEYS.some((key) => key in object)) return { valueAttachment: { ...object } };
  return { valueCoding: { ...object, extension: [ext('coding-answer', { valueBoolean: true })] } };
}

export function itemsOf(answers: Answers): QuestionnaireResponseItem[] {
  const items: QuestionnaireResponseItem[] = [];
  for (const [linkId, value] of Object.entries(answers)) {
    if (isInstances(value)) {
      for (const instance of value) items.push(compact({ id: instance.instanceId, linkId, item: itemsOf(instance.answers) }));
      continue;
    }
    if (Array.isArray(value)) {
      const list = value as AnswerScalar[];
      const codesOnly = list.every((v) => typeof v === 'string');
      items.push(compact({ linkId, extension: codesOnly ? undefined : [ext('answer-list', { valueBoolean: true })], answer: list.map((v) => answerFor(v, true)) }));
    } else items.push(compact({ linkId, answer: [answerFor(value, false)] }));
  }
  return items;
}

/** A casekit answer value from a FHIR answer (attachment bytes are never kept), or undefined. */
function valueOfAnswer(a: QuestionnaireResponseItemAnswer): { value: AnswerScalar; code: boolean } | undefined {
  if (a.valueCoding !== undefined) {
    if (findExt(a.valueCoding.extension, 'coding-answer')) {
      const { extension: _extension, ...coding } = a.valueCoding;
      return { value: defined({ system: coding.system, code: coding.code, display: coding.display }) as AnswerObject, code: false };
    }
    const code = codeOfCoding(a.valueCoding);
    return code === undefined ? undefined : { value: code, code: true };
  }
  const scalar = a.valueString ?? a.valueBoolean ?? a.valueInteger ?? a.valueDecimal ?? a.valueDate ?? a.valueDateTime ?? a.valueTime ?? a.valueUri;
  if (scalar !== undefined) return { value: scalar, code: false };
  if (a.valueQuantity && typeof a.valueQuantity.value === 'number') {
    const q = a.valueQuantity;
    return { value: defined({ value: q.value, unit: q.unit, system: q.system, code: q.code }) as AnswerObject, code: false };
  }
  if (a.valueAttachment) {
    const { data: _data, ...attachment } = a.valueAttachment;
    const kept = defined(Object.fromEntries(ATTACHMENT_KEYS.map((key) => [key, attachment[key]])));
    return Object.keys(kept).length ? { value: kept as AnswerObject, code: false } : undefined;
  }
  if (a.valueReference) {
    const r = a.valueReference;
    const kept = defined({ reference: r.reference, type: r.type, display: r.display });
    return Object.keys(kept).length ? { value: kept as AnswerObject, code: false } : undefined;
  }
  return undefined;
}

/** Answers from items; what has no casekit value type (attachments, references, quantities, ...) is reported. */
export function answersOf(items: readonly QuestionnaireResponseItem[], report: (path: string, reason: string) => void, path = 'QuestionnaireResponse'): Answers {
  const answers: Answers = {};
  items.forEach((item, index) => {
    const at = `${path}.item[${index}]`;
    if (item.id !== undefined && !item.answer?.length) {
      const list = (Array.isArray(answers[item.linkId]) ? answers[item.linkId] : []) as { instanceId: string; answers: Answers }[];
      list.push({ instanceId: item.id, answers: answersOf(item.item ?? [], report, at) });
      answers[item.linkId] = list;
      return;
    }
    // A group that does not repeat: its questions answer at this level (linkIds are unique).
    if (!item.answer?.length) {
      Object.assign(answers, answersOf(item.item ?? [], report, at));
      return;
    }
    const values: AnswerScalar[] = [];
    let codes = false;
    item.answer.forEach((a, ai) => {
      const read = valueOfAnswer(a);
      if (read) {
        values.push(read.value);
        codes ||= read.code;
      } else report(`${at}.answer[${ai}]`, 'This answer has no value casekit keeps; not imported');
      if (a.valueAttachment?.data !== undefined) report(`${at}.answer[${ai}].valueAttachment.data`, 'casekit keeps what a file is, never its bytes: the data is not imported');
      if (a.item?.length) report(`${at}.answer[${ai}].item`, 'Items nested under an answer are not imported (casekit nests only repeating groups)');
    });
    if (!values.length) return;
    const list = codes || values.length > 1 || findExt(item.extension, 'answer-list') !== undefined;
    answers[item.linkId] = list ? (values as AnswerValue) : values[0]!;
  });
  return answers;
}

const OBSERVATION_STATUS = { completed: 'final', amended: 'amended', 'entered-in-error': 'entered-in-error' } as const;

export const assessmentMapping: RecordMapping<Assessment> = {
  collection: 'assessments',
  primaryTypes: ['QuestionnaireResponse'],
  toFhir(assessment) {
    const header = recordHeader(assessment);
    const patient = recordReference('Patient', assessment.clientId);
    const response: QuestionnaireResponse = compact({
      resourceType: 'QuestionnaireResponse' as const,
      id: header.id,
      meta: header.meta,
      language: assessment.language,
      extension: [
        ...header.extension,
        episodeExt(assessment.caseId),
        ...statusHistoryExts(assessment.statusHistory),
        ...assessment.flags.map((flag) => complexExt('assessment-flag', [part('id', 'valueString', flag.id), part('label', 'valueString', flag.label), part('severity', 'valueCode', flag.severity)])),
        ...assessment.derivedNeeds.map((need) => ext('derived-need', { valueCode: need })),
      ],
      identifier: header.identifier[0],
      questionnaire: questionnaireCanonical(assessment.questionnaireId, assessment.questionnaireVersion),
      status: assessment.status,
      subject: patient,
      authored: assessment.completedAt,
      author: actorReference(assessment.completedBy),
      item: itemsOf(assessment.answers),
    });
    const observations = Object.entries(assessment.scores).map(([key, score]): Observation =>
      compact({
        resourceType: 'Observation' as const,
        id: scoreObservationId(assessment.id, key),
        extension: [episodeExt(assessment.caseId), ext('score-complete', { valueBoolean: score.complete })],
        status: OBSERVATION_STATUS[assessment.status],
        category: [{ coding: [{ system: SYSTEMS.observationCategory, code: 'survey' }] }],
        code: { coding: [codingOf(SYSTEMS.scoreCode, key)] },
        subject: patient,
        effectiveDateTime: assessment.completedAt,
        valueInteger: score.value !== null && INT32(score.value) ? score.value : undefined,
        valueQuantity: score.value !== null && !INT32(score.value) ? { value: score.value } : undefined,
        dataAbsentReason: score.value === null ? { coding: [{ system: SYSTEMS.dataAbsent, code: 'unknown' }] } : undefined,
        interpretation: score.band ? [{ coding: [codingOf(SYSTEMS.scoreBand, score.band.code, score.band.label)] }] : undefined,
        derivedFrom: [{ reference: `QuestionnaireResponse/${header.id}` }],
      }),
    );
    return [response, ...observations];
  },
  fromFhir(resource: Resource, context: FromContext) {
    const response = resource as QuestionnaireResponse;
    const meta = readRecordMeta(response, context);
    if (!meta) return undefined;
    const scores: Record<string, Json> = {};
    for (const observation of context.referencing('Observation', `QuestionnaireResponse/${response.id}`) as Observation[]) {
      if (!observation.derivedFrom?.some((d) => d.reference === `QuestionnaireResponse/${response.id}`)) continue;
      const coding = observation.code.coding?.find((c) => c.system === SYSTEMS.scoreCode) ?? observation.code.coding?.[0];
      const key = codeOfCoding(coding) ?? observation.code.text;
      if (!key) continue;
      context.claim(observation);
      const band = observation.interpretation?.[0]?.coding?.[0];
      scores[key] = defined({
        value: observation.valueInteger ?? observation.valueQuantity?.value ?? null,
        band: codeOfCoding(band) !== undefined ? { code: codeOfCoding(band)!, label: band?.display ?? '' } : undefined,
        complete: findExt(observation.extension, 'score-complete')?.valueBoolean ?? observation.valueInteger !== undefined,
      });
    }
    const canonical = response.questionnaire ? parseQuestionnaireCanonical(response.questionnaire) : undefined;
    if (!canonical) context.report('QuestionnaireResponse.questionnaire', 'No questionnaire: the assessment is filed under "unknown"');
    else if (!canonical.version) context.report('QuestionnaireResponse.questionnaire', 'No questionnaire version in the canonical: version "unknown" is used');
    const status = response.status === 'in-progress' || response.status === 'stopped' ? undefined : response.status;
    if (!status) {
      context.report('QuestionnaireResponse.status', `"${response.status}" responses are work in progress, which casekit keeps as drafts; not imported`);
      return undefined;
    }
    const author = actorOf(response.author);
    const history = statusHistoryOf(response.extension);
    const completedAt = response.authored ?? meta.updatedAt;
    return defined({
      ...meta,
      clientId: recordIdOf(response.subject, 'Patient'),
      caseId: episodeIdOf(response.extension),
      questionnaireId: canonical?.questionnaireId ?? 'unknown',
      questionnaireVersion: canonical?.version ?? 'unknown',
      status,
      statusHistory: history.length || madeByCasekit(response) ? history : [{ from: null, to: status, at: completedAt, by: author ?? IMPORTER }],
      answers: answersOf(response.item ?? [], context.report),
      scores,
      flags: findExts(response.extension, 'assessment-flag').map((e) => {
        const parts = partsOf(e);
        return { id: parts.get('id')?.valueString ?? '', label: parts.get('label')?.valueString ?? '', severity: parts.get('severity')?.valueCode ?? 'info' };
      }),
      derivedNeeds: findExts(response.extension, 'derived-need').map((e) => e.valueCode!),
      language: response.language,
      completedAt,
      completedBy: author ?? IMPORTER,
    });
  },
};

