import * as z from 'zod/mini';
import { NotFoundError } from '../errors/errors.js';
import { parse } from '../internal/parse.js';

/*
 * The answers model: plain JSON, lossless, and close to FHIR QuestionnaireResponse.
 *
 * - `Answers` maps linkId -> value for every question whose answer lives at this level: top-level
 *   questions and questions inside non-repeating groups (linkIds are unique, so groups that do not
 *   repeat need no nesting; the definition restores the tree for a FHIR export).
 * - A repeating group's value is a list of instances `{ instanceId, answers }`; questions inside the
 *   group (and nested non-repeating groups) answer in the instance's own `answers` map. Export maps
 *   each instance to a repeated `item` with `item.id = instanceId`, so the round trip keeps ids.
 * - Values: string (string, text, url, dateTime `2026-03-01T09:30:00-05:00`, time `09:30:00`), code
 *   (choice), code[] (multi-choice), boolean, number (integer, decimal), `YYYY-MM-DD` (date),
 *   `{ value, unit?, system?, code? }` (quantity), an option code or free text (open-choice), a Coding
 *   `{ system?, code?, display? }` (a choice whose options are an external value set casekit did not
 *   expand), attachment metadata `{ title?, contentType?, size?, url?, ... }` (never the bytes) and a
 *   reference `{ reference?, type?, display? }`. A question with `repeats` answers with a list of them.
 *   No value, '' and [] all mean "not answered".
 *
 * A UI keeps one `Answers` object as its draft, including answers to items that are hidden right now
 * (so hiding and re-showing a question does not lose what was typed); `pruneHidden` makes the copy
 * that is stored. Instance ids never change, so adding, removing, hiding or re-showing instances never
 * moves an answer to another instance. Helpers here return new objects and never mutate.
 */

/** One instance of a repeating group, e.g. one household member. */
export interface RepeatInstance {
  /** Stable for the life of the instance (FHIR QuestionnaireResponse `item.id`). */
  instanceId: string;
  answers: Answers;
}
/** A coded answer outside the item's listed options (FHIR `valueCoding`); `system` may be absent, as in FHIR. */
export interface CodingValue {
  system?: string;
  code?: string;
  display?: string;
}
/** A quantity answer (FHIR `valueQuantity`); `unit` is the label, `system` + `code` the UCUM unit. */
export interface QuantityValue {
  value: number;
  unit?: string;
  system?: string;
  code?: string;
}
/** What casekit keeps of an uploaded file (FHIR `valueAttachment` without `data`): a host stores the bytes. */
export interface AttachmentValue {
  title?: string;
  contentType?: string;
  size?: number;
  url?: string;
  hash?: string;
  creation?: string;
  language?: string;
}
/** A reference answer (FHIR `valueReference`). */
export interface ReferenceValue {
  reference?: string;
  type?: string;
  display?: string;
}
/** One answer value; a question with `repeats` (or multi-choice) answers with a list of them. */
export type AnswerScalar = string | number | boolean | CodingValue | QuantityValue | AttachmentValue | ReferenceValue;
export type AnswerValue = AnswerScalar | AnswerScalar[] | RepeatInstance[];
export interface Answers {
  [linkId: string]: AnswerValue;
}

const atLeastOne = (keys: string[]) => (value: object) => keys.some((k) => (value as Record<string, unknown>)[k] !== undefined);
const text = (max: number) => z.optional(z.string().check(z.minLength(1), z.maxLength(max)));
export const CodingValueSchema: z.ZodMiniType<CodingValue> = z
  .strictObject({ system: text(400), code: text(256), display: text(4000) })
  .check(z.refine(atLeastOne(['code', 'display']), 'A coded answer needs a code or a display'));
export const QuantityValueSchema: z.ZodMiniType<QuantityValue> = z.strictObject({
  value: z.number().check(z.refine(Number.isFinite, 'A quantity needs a finite number')),
  unit: text(200),
  system: text(400),
  code: text(100),
});
export const AttachmentValueSchema: z.ZodMiniType<AttachmentValue> = z
  .strictObject({
    title: text(1000),
    contentType: text(200),
    size: z.optional(z.number().check(z.int(), z.nonnegative())),
    url: text(4000),
    hash: text(200),
    creation: text(40),
    language: text(40),
  })
  .check(z.refine(atLeastOne(['title', 'url', 'contentType', 'size']), 'An attachment needs a title, url, type or size'));
export const ReferenceValueSchema: z.ZodMiniType<ReferenceValue> = z
  .strictObject({ reference: text(1000), type: text(100), display: text(1000) })
  .check(z.refine(atLeastOne(['reference', 'display']), 'A reference needs a reference or a display'));

// Recursive, so the types above are written out; the schemas are annotated with them to keep both in step.
export const RepeatInstanceSchema: z.ZodMiniType<RepeatInstance> = z.lazy(() =>
  z.object({ instanceId: z.string().check(z.minLength(1), z.maxLength(128)), answers: AnswersSchema }),
);
export const AnswerScalarSchema: z.ZodMiniType<AnswerScalar> = z.union([
  z.string().check(z.maxLength(20_000)),
  z.number(),
  z.boolean(),
  QuantityValueSchema,
  CodingValueSchema,
  AttachmentValueSchema,
  ReferenceValueSchema,
]);
export const AnswerValueSchema: z.ZodMiniType<AnswerValue> = z.union([
  AnswerScalarSchema,
  z.array(RepeatInstanceSchema),
  z.array(AnswerScalarSchema).check(z.maxLength(1000)),
]);
export const AnswersSchema: z.ZodMiniType<Answers> = z.lazy(() =>
  z.record(z.string().check(z.minLength(1), z.maxLength(255)), AnswerValueSchema),
);

/** Checks stored or drafted answers (shape only; `validateResponse` checks them against a definition). Throws ValidationError. */
export function parseAnswers(input: unknown): Answers {
  return parse(AnswersSchema, input);
}

/** Names one instance of a repeating group on the way to an answer. */
export interface InstanceRef {
  group: string;
  instanceId: string;
}

/** No value, null, a blank string and an empty list all mean "not answered". */
export function isEmptyAnswer(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** The answer map at `at` (top level when empty), or undefined when an instance does not exist. */
export function answersAt(answers: Answers, at: readonly InstanceRef[] = []): Answers | undefined {
  let map: Answers | undefined = answers;
  for (const ref of at) {
    const instance: RepeatInstance | undefined = instancesOf(map, ref.group).find((i) => i.instanceId === ref.instanceId);
    map = instance?.answers;
    if (!map) return undefined;
  }
  return map;
}

export function getAnswer(answers: Answers, linkId: string, at: readonly InstanceRef[] = []): AnswerValue | undefined {
  return answersAt(answers, at)?.[linkId];
}

/** The instances of a repeating group (an empty list when there are none or the value is malformed). */
export function instancesOf(answers: Answers | undefined, group: string): RepeatInstance[] {
  const value = answers?.[group];
  return Array.isArray(value) ? (value as unknown[]).filter(isInstance) : [];
}

export function isInstance(value: unknown): value is RepeatInstance {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RepeatInstance).instanceId === 'string' &&
    typeof (value as RepeatInstance).answers === 'object' &&
    (value as RepeatInstance).answers !== null &&
    !Array.isArray((value as RepeatInstance).answers)
  );
}

/**
 * Sets one answer and returns new answers; an empty value (undefined, null, '', []) removes it so the
 * JSON stays free of blanks. Throws NotFoundError when an instance in `at` does not exist.
 */
export function setAnswer(
  answers: Answers,
  linkId: string,
  value: AnswerValue | null | undefined,
  at: readonly InstanceRef[] = [],
): Answers {
  return updateAt(answers, at, (map) => {
    const next = { ...map };
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) delete next[linkId];
    else next[linkId] = value;
    return next;
  });
}

/**
 * Appends an instance to a repeating group. Pass an `instanceId` from the host's id generator (core
 * has no randomness of its own); without one, `<group>-<n>` is used with n above any existing suffix,
 * so ids of removed instances are not handed out again while later ones exist.
 */
export function addInstance(
  answers: Answers,
  group: string,
  options: { instanceId?: string; answers?: Answers; at?: readonly InstanceRef[] } = {},
): { answers: Answers; instanceId: string } {
  let instanceId = options.instanceId ?? '';
  const updated = updateAt(answers, options.at ?? [], (map) => {
    const existing = instancesOf(map, group);
    if (!instanceId) {
      const prefix = `${group}-`;
      const highest = existing.reduce((max, i) => {
        const n = i.instanceId.startsWith(prefix) ? Number(i.instanceId.slice(prefix.length)) : NaN;
        return Number.isInteger(n) && n > max ? n : max;
      }, 0);
      instanceId = `${prefix}${highest + 1}`;
    } else if (existing.some((i) => i.instanceId === instanceId)) {
      throw new Error(`Instance "${instanceId}" already exists in "${group}"`);
    }
    return { ...map, [group]: [...existing, { instanceId, answers: options.answers ?? {} }] };
  });
  return { answers: updated, instanceId };
}

/** Removes one instance; the others keep their ids and answers. Removing a missing instance is a no-op. */
export function removeInstance(answers: Answers, group: string, instanceId: string, at: readonly InstanceRef[] = []): Answers {
  return updateAt(answers, at, (map) => {
    const remaining = instancesOf(map, group).filter((i) => i.instanceId !== instanceId);
    const next = { ...map };
    if (remaining.length) next[group] = remaining;
    else delete next[group];
    return next;
  });
}

/** Moves an instance to a new position (for keyboard reordering); ids and answers go with it. */
export function moveInstance(answers: Answers, group: string, instanceId: string, toIndex: number, at: readonly InstanceRef[] = []): Answers {
  return updateAt(answers, at, (map) => {
    const list = instancesOf(map, group);
    const from = list.findIndex((i) => i.instanceId === instanceId);
    if (from < 0) throw new NotFoundError(group, instanceId);
    const [moved] = list.splice(from, 1);
    list.splice(Math.max(0, Math.min(toIndex, list.length)), 0, moved!);
    return { ...map, [group]: list };
  });
}

/** Copy-on-write update of the map at `at`, sharing every untouched branch. */
function updateAt(answers: Answers, at: readonly InstanceRef[], update: (map: Answers) => Answers): Answers {
  const [head, ...rest] = at;
  if (!head) return update(answers);
  const list = instancesOf(answers, head.group);
  const index = list.findIndex((i) => i.instanceId === head.instanceId);
  if (index < 0) throw new NotFoundError(head.group, head.instanceId);
  const instance = list[index]!;
  const next = list.slice();
  next[index] = { instanceId: instance.instanceId, answers: updateAt(instance.answers, rest, update) };
  return { ...answers, [head.group]: next };
}
