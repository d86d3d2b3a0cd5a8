import { ValidationError, type ValidationIssue } from '../errors/errors.js';
import { isEmptyAnswer, isInstance, type Answers } from './answers.js';
import { compileQuestionnaire } from './compile.js';
import type { ItemNode } from './definition-index.js';
import { isCalendarDate } from './enable-when.js';
import { Evaluation, type Frame } from './evaluation.js';
import { localizedText } from './localized-text.js';
import type { QuestionnaireDefinition } from './questionnaire-schema.js';
import { pruneFrame } from './visibility.js';

/**
 * Why an answer was refused. A UI localizes by `code` and `params`; `message` is plain English.
 * - required: a shown required question has no answer (a required group: nothing answered inside it;
 *   a required repeating group: no instance)
 * - type: the value has the wrong type (text for a number, 3.5 for a whole number, an invalid date...)
 * - option: a code that is not one of the options, or an exclusive option combined with others
 * - min / max: a number or date out of range (params `min` / `max`)
 * - min-length / max-length / pattern: text too short, too long, or not in the expected form
 * - repeats-min / repeats-max: too few or too many instances (params `min` / `max`)
 * - duplicate: two instances of a repeating group share an instanceId
 * - unknown: an answer keyed by a linkId that has no place here in the definition
 */
export type ResponseIssueCode =
  | 'required'
  | 'type'
  | 'option'
  | 'min'
  | 'max'
  | 'min-length'
  | 'max-length'
  | 'pattern'
  | 'repeats-min'
  | 'repeats-max'
  | 'duplicate'
  | 'unknown';

/** A ValidationIssue for one answer; `path` is `[linkId]` or e.g. `['household', 2, 'member-age']` (instance index). */
export interface ResponseIssue extends ValidationIssue {
  code: ResponseIssueCode;
  linkId: string;
  params?: Record<string, string | number>;
}

export interface ValidateOptions {
  /** Language for text the definition supplies (a pattern hint); casekit's own messages are English. */
  lang?: string;
}

/**
 * Checks answers against the definition. Hidden items are skipped (a required item that is hidden is
 * not required, and answers kept for hidden items in a draft are not errors). Issues come in document
 * order. Linear in items x instances.
 */
export function validateResponse(definition: QuestionnaireDefinition, answers: Answers, options: ValidateOptions = {}): ResponseIssue[] {
  const evaluation = new Evaluation(compileQuestionnaire(definition), answers);
  return collectIssues(evaluation, options);
}

/** Throws a ValidationError carrying every issue when the answers are not valid. */
export function assertValidResponse(definition: QuestionnaireDefinition, answers: Answers, options: ValidateOptions = {}): void {
  const issues = validateResponse(definition, answers, options);
  if (issues.length) throw new ValidationError(issues);
}

/** From a draft to what is stored: drops hidden answers, then validates (throws ValidationError). */
export function finalizeResponse(definition: QuestionnaireDefinition, draft: Answers, options: ValidateOptions = {}): Answers {
  const evaluation = new Evaluation(compileQuestionnaire(definition), draft);
  const issues = collectIssues(evaluation, options);
  if (issues.length) throw new ValidationError(issues);
  return pruneFrame(evaluation, evaluation.compiled.index.roots, evaluation.root, {});
}

export function collectIssues(evaluation: Evaluation, options: ValidateOptions): ResponseIssue[] {
  const issues: ResponseIssue[] = [];
  const lang = options.lang ?? evaluation.compiled.definition.language ?? 'en';
  const compiled = evaluation.compiled;

  const checkFrame = (nodes: readonly ItemNode[], frame: Frame, path: (string | number)[]) => {
    for (const node of nodes) {
      if (!evaluation.isVisible(node, frame)) continue;
      const item = node.item;
      const where = [...path, node.linkId];
      const issue = (code: ResponseIssueCode, message: string, params?: Record<string, string | number>) =>
        issues.push(params ? { path: where, code, message, linkId: node.linkId, params } : { path: where, code, message, linkId: node.linkId });

      if (item.type === 'display') continue;
      if (item.type === 'group' && !node.repeats) {
        if (item.required && !hasAnswerInside(evaluation, node, frame)) issue('required', 'Answer at least one question in this section.');
        checkFrame(node.children, frame, path);
        continue;
      }
      const raw: unknown = frame.answers[node.linkId];
      if (node.repeats) {
        if (raw !== undefined && !(Array.isArray(raw) && raw.every(isInstance))) {
          issue('type', 'This section’s entries are not in the expected form.');
        }
        const instances = evaluation.instanceFrames(node, frame);
        const seen = new Set<string>();
        for (const instance of instances) {
          const id = instance.ref!.instanceId;
          if (seen.has(id)) {
            issues.push({ path: [...where, instance.index], code: 'duplicate', message: 'Two entries have the same id.', linkId: node.linkId });
          }
          seen.add(id);
        }
        const count = instances.length;
        const group = item.type === 'group' ? item : null;
        if (count === 0 && group?.required) issue('required', 'Add at least one entry.', { min: Math.max(1, group.minRepeats ?? 1) });
        else if (group?.minRepeats !== undefined && count < group.minRepeats) {
          issue('repeats-min', `Add at least ${group.minRepeats} ${group.minRepeats === 1 ? 'entry' : 'entries'}.`, { min: group.minRepeats });
        }
        if (group?.maxRepeats !== undefined && count > group.maxRepeats) {
          issue('repeats-max', `Add no more than ${group.maxRepeats} ${group.maxRepeats === 1 ? 'entry' : 'entries'}.`, { max: group.maxRepeats });
        }
        for (const instance of instances) {
          const instancePath = [...where, instance.index];
          checkUnknown(instance, node, instancePath);
          checkFrame(node.children, instance, instancePath);
        }
        continue;
      }

      if (isEmptyAnswer(raw)) {
        if ('required' in item && item.required) issue('required', 'This question needs an answer.');
        continue;
      }
      switch (item.type) {
        case 'string':
        case 'text': {
          if (typeof raw !== 'string') {
            issue('type', 'Enter text.');
          } else if (item.minLength !== undefined && raw.length < item.minLength) {
            issue('min-length', `Enter at least ${item.minLength} characters.`, { minLength: item.minLength });
          } else if (item.maxLength !== undefined && raw.length > item.maxLength) {
            issue('max-length', `Enter no more than ${item.maxLength} characters.`, { maxLength: item.maxLength });
          } else if (node.pattern && !node.pattern.test(raw)) {
            issue('pattern', localizedText(item.patternHint, lang) || 'This answer is not in the expected form.', { pattern: item.pattern! });
          }
          break;
        }
        case 'choice':
          if (typeof raw !== 'string') issue('type', 'Choose one option.');
          else if (!node.options!.has(raw)) issue('option', 'Choose one of the listed options.', { value: raw });
          break;
        case 'multi-choice': {
          if (!Array.isArray(raw) || !raw.every((c) => typeof c === 'string')) {
            issue('type', 'Choose from the listed options.');
            break;
          }
          const codes = raw as string[];
          const unknown = codes.find((c) => !node.options!.has(c));
          if (unknown !== undefined) issue('option', 'Choose only from the listed options.', { value: unknown });
          else if (new Set(codes).size !== codes.length) issue('type', 'Each option can be chosen once.');
          else if (codes.length > 1) {
            const exclusive = codes.find((c) => node.options!.get(c)!.exclusive);
            if (exclusive !== undefined) {
              issue('option', `“${localizedText(node.options!.get(exclusive)!.display, lang)}” cannot be combined with other choices.`, { value: exclusive });
            }
          }
          break;
        }
        case 'boolean':
          if (typeof raw !== 'boolean') issue('type', 'Answer yes or no.');
          break;
        case 'integer':
        case 'decimal': {
          const whole = item.type === 'integer';
          if (typeof raw !== 'number' || !Number.isFinite(raw) || (whole && !Number.isInteger(raw))) {
            issue('type', whole ? 'Enter a whole number.' : 'Enter a number.');
          } else if (item.min !== undefined && raw < item.min) {
            issue('min', `Enter a number no smaller than ${item.min}.`, { min: item.min });
          } else if (item.max !== undefined && raw > item.max) {
            issue('max', `Enter a number no larger than ${item.max}.`, { max: item.max });
          }
          break;
        }
        case 'date':
          if (!isCalendarDate(raw)) issue('type', 'Enter a date (year-month-day).');
          else if (item.min !== undefined && raw < item.min) issue('min', `Enter a date on or after ${item.min}.`, { min: item.min });
          else if (item.max !== undefined && raw > item.max) issue('max', `Enter a date on or before ${item.max}.`, { max: item.max });
          break;
      }
    }
  };

  const checkUnknown = (frame: Frame, owner: ItemNode | null, path: (string | number)[]) => {
    const keys = compiled.keysByScope.get(owner);
    for (const key of Object.keys(frame.answers)) {
      if (!keys?.has(key)) {
        issues.push({ path: [...path, key], code: 'unknown', message: 'This answer does not belong to any question here.', linkId: key });
      }
    }
  };

  checkUnknown(evaluation.root, null, []);
  checkFrame(compiled.index.roots, evaluation.root, []);
  return issues;
}

/** Whether a shown question inside a (non-repeating) group has an answer, or a repeating group in it has an instance. */
function hasAnswerInside(evaluation: Evaluation, group: ItemNode, frame: Frame): boolean {
  return group.children.some((child) => {
    if (!evaluation.isVisible(child, frame)) return false;
    if (child.repeats) return evaluation.instanceFrames(child, frame).length > 0;
    if (child.item.type === 'group') return hasAnswerInside(evaluation, child, frame);
    return child.item.type !== 'display' && !isEmptyAnswer(frame.answers[child.linkId]);
  });
}
