import * as z from 'zod';
import { NotFoundError } from '../errors/errors.js';

/*
 * The answers model: plain JSON, lossless, and close to FHIR QuestionnaireResponse.
 *
 * - `Answers` maps linkId -> value for every question whose answer lives at this level: top-level
 *   questions and questions inside non-repeating groups (linkIds are unique, so groups that do not
 *   repeat need no nesting; the definition restores the tree for a FHIR export).
 * - A repeating group's value is a list of instances `{ instanceId, answers }`; questions inside the
 *   group (and nested non-repeating groups) answer in the instance's own `answers` map. Export maps
 *   each instance to a repeated `item` with `item.id = instanceId`, so the round trip keeps ids.
 * - Values: string (string, text), code (choice), code[] (multi-choice), boolean, number (integer,
 *   decimal), `YYYY-MM-DD` (date). No value, '' and [] all mean "not answered".
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
export type AnswerValue = string | number | boolean | string[] | RepeatInstance[];
export interface Answers {
  [linkId: string]: AnswerValue;
}

// Recursive, so the types above are written out; the schemas are annotated with them to keep both in step.
export const RepeatInstanceSchema: z.ZodType<RepeatInstance> = z.lazy(() =>
  z.object({ instanceId: z.string().min(1).max(128), answers: AnswersSchema }),
);
export const AnswerValueSchema: z.ZodType<AnswerValue> = z.union([
  z.string().max(20_000),
  z.number(),
  z.boolean(),
  z.array(z.string().max(100)),
  z.array(RepeatInstanceSchema),
]);
export const AnswersSchema: z.ZodType<Answers> = z.lazy(() => z.record(z.string().min(1).max(100), AnswerValueSchema));

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
