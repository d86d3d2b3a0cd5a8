import { NotFoundError } from '../errors/errors.js';
import { isEmptyAnswer, type Answers, type AnswerScalar, type InstanceRef, type RepeatInstance } from './answers.js';
import { compileQuestionnaire } from './compile.js';
import type { ItemNode } from './definition-index.js';
import { Evaluation, type ExpressionOutcome, type Frame } from './evaluation.js';
import type { Item, QuestionnaireDefinition } from './questionnaire-schema.js';

export interface EnableContext {
  definition: QuestionnaireDefinition;
  /** For items inside repeating groups: the instance of each enclosing group, outermost first. */
  at?: readonly InstanceRef[];
}

/**
 * Whether an item is shown: its enclosing groups are shown and its enableWhen holds (answers to hidden
 * questions count as absent). False when an instance named in `at` does not exist. Throws NotFoundError
 * for an item that is not in the definition. For a whole form use `visibleItems`, which shares the work.
 */
export function isEnabled(item: Item | string, answers: Answers, context: EnableContext): boolean {
  const compiled = compileQuestionnaire(context.definition);
  const linkId = typeof item === 'string' ? item : item.linkId;
  const node = compiled.index.byLinkId.get(linkId);
  if (!node) throw new NotFoundError('questionnaire items', linkId);
  const evaluation = new Evaluation(compiled, answers);
  const frame = evaluation.frameFor(node, context.at ?? []);
  return frame !== null && evaluation.isVisible(node, frame);
}

/** A shown item (or the start of a repeating-group instance), in document order. */
export interface VisibleItem {
  /** `item`: a question, display or group. `instance`: one instance of the repeating group `linkId`. */
  kind: 'item' | 'instance';
  linkId: string;
  item: Item;
  /** Where its answer (or the instance) is, as in validation issues: `['household', 1, 'member-age']`. */
  path: (string | number)[];
  /** Enclosing repeating-group instances, outermost first (what `setAnswer` and `isEnabled` take). */
  at: InstanceRef[];
  /**
   * Stable across edits (built from instance ids, not positions): a key for keyed rendering. Parts
   * (linkIds, instance ids) are URI-escaped and joined with `/`, so a `/` inside a linkId is unambiguous.
   */
  key: string;
  /** Nesting depth in the item tree (0 = top level), for indentation. */
  depth: number;
}

/** Every shown item in document order, with instances of repeating groups expanded. Linear in items x instances. */
export function visibleItems(definition: QuestionnaireDefinition, answers: Answers, options: { expressions?: ExpressionOutcome } = {}): VisibleItem[] {
  const evaluation = new Evaluation(compileQuestionnaire(definition), answers, options.expressions ?? null);
  const out: VisibleItem[] = [];
  const walk = (nodes: readonly ItemNode[], frame: Frame, path: (string | number)[], at: InstanceRef[], keyPrefix: string, depth: number) => {
    for (const node of nodes) {
      if (!evaluation.isVisible(node, frame)) continue;
      const key = keyPrefix + encodeURIComponent(node.linkId);
      out.push({ kind: 'item', linkId: node.linkId, item: node.item, path: [...path, node.linkId], at, key, depth });
      if (!node.repeats) {
        if (node.children.length) walk(node.children, frame, path, at, keyPrefix, depth + 1);
        continue;
      }
      for (const instance of evaluation.instanceFrames(node, frame)) {
        const ref = instance.ref!;
        const instancePath = [...path, node.linkId, instance.index];
        const instanceKey = `${key}/${encodeURIComponent(ref.instanceId)}`;
        const instanceAt = [...at, ref];
        out.push({ kind: 'instance', linkId: node.linkId, item: node.item, path: instancePath, at: instanceAt, key: instanceKey, depth: depth + 1 });
        walk(node.children, instance, instancePath, instanceAt, `${instanceKey}/`, depth + 2);
      }
    }
  };
  walk(evaluation.compiled.index.roots, evaluation.root, [], [], '', 0);
  return out;
}

/**
 * The response as it should be stored: answers to hidden items are dropped (a hidden group takes its
 * instances with it), as are blank answers, answers to display items and linkIds not in the definition.
 * Kept answers are copied as they are (validate them with `validateResponse`); instances keep their ids
 * and order, and an instance with no answers left is kept so that its id survives.
 */
export function pruneHidden(definition: QuestionnaireDefinition, answers: Answers, options: { expressions?: ExpressionOutcome } = {}): Answers {
  const evaluation = new Evaluation(compileQuestionnaire(definition), answers, options.expressions ?? null);
  return pruneFrame(evaluation, evaluation.compiled.index.roots, evaluation.root, {});
}

export function pruneFrame(evaluation: Evaluation, nodes: readonly ItemNode[], frame: Frame, out: Answers): Answers {
  for (const node of nodes) {
    if (node.item.type === 'display' || !evaluation.isVisible(node, frame)) continue;
    if (node.repeats) {
      const instances: RepeatInstance[] = evaluation.instanceFrames(node, frame).map((instance) => ({
        instanceId: instance.ref!.instanceId,
        answers: pruneFrame(evaluation, node.children, instance, {}),
      }));
      if (instances.length) out[node.linkId] = instances;
    } else if (node.item.type === 'group') {
      pruneFrame(evaluation, node.children, frame, out);
    } else {
      const raw = frame.answers[node.linkId];
      if (!isEmptyAnswer(raw)) out[node.linkId] = Array.isArray(raw) ? ([...raw] as AnswerScalar[]) : raw!;
      // Items nested under a question answer in the same map.
      if (node.children.length) pruneFrame(evaluation, node.children, frame, out);
    }
  }
  return out;
}
