import { isInstance, type Answers, type AnswerScalar, type AnswerValue, type InstanceRef } from './answers.js';
import type { CompiledQuestionnaire, CompiledRule } from './compile.js';
import type { CompiledCondition, ItemNode } from './definition-index.js';
import { combine, compare, isCoding, isQuantity, testAnswers, usableValue } from './enable-when.js';

/**
 * One answer map being evaluated: the top level (depth 0) or one instance of a repeating group
 * (depth = how many repeating groups enclose it). Frames are built lazily and memoize visibility,
 * so one evaluation computes each item's visibility once per instance.
 */
export interface Frame {
  readonly answers: Answers;
  readonly parent: Frame | null;
  readonly depth: number;
  /** The instance this frame is (null at the top level). */
  readonly ref: InstanceRef | null;
  /** Position of the instance in its group's list (-1 at the top level). */
  readonly index: number;
  readonly memo: Map<ItemNode, boolean>;
  readonly instances: Map<ItemNode, Frame[]>;
  /** Names this answer map in expression results: '' at the top level, else `group/instance/` parts escaped. */
  readonly key: string;
}

/** A stable key for an item in a frame, as `visibleItems` builds keys (each part escaped, `/` between). */
export function itemKey(frameKey: string, linkId: string): string {
  return frameKey + encodeURIComponent(linkId);
}

/** Results of an ExpressionEngine run that visibility uses (see `expressions.ts`). */
export interface ExpressionOutcome {
  /** enableWhenExpression results by `itemKey`; items without a result are shown. */
  readonly enabled: ReadonlyMap<string, boolean>;
}

const EMPTY: Answers = Object.freeze({}) as Answers;

function frame(answers: unknown, parent: Frame | null, ref: InstanceRef | null, index: number): Frame {
  const map = typeof answers === 'object' && answers !== null && !Array.isArray(answers) ? (answers as Answers) : EMPTY;
  const key = parent && ref ? `${parent.key}${encodeURIComponent(ref.group)}/${encodeURIComponent(ref.instanceId)}/` : '';
  return { answers: map, parent, depth: parent ? parent.depth + 1 : 0, ref, index, memo: new Map(), instances: new Map(), key };
}

/**
 * Visibility and answer lookup for one answers object against one compiled definition. Create one per
 * call (cheap); it must not outlive a change to the answers.
 *
 * Where a condition looks for its question (the in-instance rule): linkIds are unique, so the question
 * has one place in the tree. If it is a sibling in the same repeating-group instance, or anywhere in an
 * enclosing instance or at the top level, its answer is read in the instance that encloses the item being
 * evaluated — so "age" in household member 2 drives only member 2's follow-ups. If the question lies in a
 * repeating group that does not enclose the item (or a rule looks into a repeating group from the top
 * level), every instance is searched: the condition holds if any instance satisfies it (for `!=`: if no
 * instance has the value).
 */
export class Evaluation {
  readonly root: Frame;
  private scoreValues: Map<string, number | null> | undefined;

  constructor(
    readonly compiled: CompiledQuestionnaire,
    answers: Answers,
    readonly expressions: ExpressionOutcome | null = null,
  ) {
    this.root = frame(answers, null, null, -1);
  }

  /** Frames of a repeating group's instances; `owner` is the frame its answers live in. Malformed entries are skipped. */
  instanceFrames(group: ItemNode, owner: Frame): Frame[] {
    let frames = owner.instances.get(group);
    if (!frames) {
      const raw = owner.answers[group.linkId];
      frames = [];
      if (Array.isArray(raw)) {
        raw.forEach((entry: unknown, index) => {
          if (isInstance(entry)) frames!.push(frame(entry.answers, owner, { group: group.linkId, instanceId: entry.instanceId }, index));
        });
      }
      owner.instances.set(group, frames);
    }
    return frames;
  }

  /** The frame an item at `at` answers in, or null when an instance named in `at` does not exist. */
  frameFor(node: ItemNode, at: readonly InstanceRef[]): Frame | null {
    let current = this.root;
    for (let depth = 0; depth < node.scope.length; depth++) {
      const group = node.scope[depth]!;
      const ref = at.find((r) => r.group === group.linkId);
      const next = ref && this.instanceFrames(group, current).find((f) => f.ref!.instanceId === ref.instanceId);
      if (!next) return null;
      current = next;
    }
    return current;
  }

  /** Whether the item is shown in this frame: its parent is shown and its enableWhen holds. */
  isVisible(node: ItemNode, at: Frame): boolean {
    const known = at.memo.get(node);
    if (known !== undefined) return known;
    at.memo.set(node, false); // guards recursion should a cyclic definition slip through
    let visible = true;
    const parent = node.parent;
    if (parent) visible = this.isVisible(parent, parent.repeats ? at.parent! : at);
    if (visible && node.conditions.length) {
      visible = combine(node.conditions.length, node.behavior, (i) => this.testCondition(node.conditions[i]!, at));
    }
    if (visible && node.item.enableWhenExpression && this.expressions) {
      visible = this.expressions.enabled.get(itemKey(at.key, node.linkId)) ?? true;
    }
    at.memo.set(node, visible);
    return visible;
  }

  /** The item's answer if it is shown, usable and non-empty; else undefined. */
  value(node: ItemNode, at: Frame): AnswerValue | undefined {
    const value = usableValue(node, at.answers[node.linkId]);
    return value !== undefined && this.isVisible(node, at) ? value : undefined;
  }

  testCondition(condition: CompiledCondition, owner: Frame): boolean {
    let from = owner;
    while (from.depth > condition.common) from = from.parent!;
    const values: AnswerValue[] = [];
    this.collect(condition.target, from, values);
    return testAnswers(condition.target, values, condition.operator, condition.answer);
  }

  testRule(rule: CompiledRule): boolean {
    return combine(rule.conditions.length, rule.behavior, (i) => {
      const c = rule.conditions[i]!;
      if (c.kind === 'question') return this.testCondition(c.condition, this.root);
      const score = this.scores().get(c.score) ?? null;
      if (c.operator === 'exists') return (score !== null) === c.answer;
      return score !== null && compare(score, c.operator, c.answer);
    });
  }

  /** Score values by rule id (null when not computable), shared by flag and need rules. */
  scores(): Map<string, number | null> {
    if (!this.scoreValues) {
      this.scoreValues = new Map(this.compiled.scoring.map(({ rule, items }) => [rule.id, this.score(items, rule.requiresAll === true).value]));
    }
    return this.scoreValues;
  }

  /** Sums the items' contributions; null when nothing is answered, or when `requiresAll` and one is missing. */
  score(items: readonly ItemNode[], requiresAll: boolean): { value: number | null; answered: number } {
    let sum = 0;
    let answered = 0;
    for (const node of items) {
      const value = this.value(node, this.root);
      if (value === undefined) continue;
      answered++;
      for (const one of Array.isArray(value) ? (value as AnswerScalar[]) : [value as AnswerScalar]) sum += contribution(node, one);
    }
    const value = answered === 0 || (requiresAll && answered < items.length) ? null : sum;
    return { value, answered };
  }

  /** Walks down from `from` to the target's answer maps, searching every instance of groups below `from`. */
  private collect(target: ItemNode, from: Frame, out: AnswerValue[]): void {
    if (from.depth === target.scope.length) {
      const value = this.value(target, from);
      if (value !== undefined) out.push(value);
      return;
    }
    const group = target.scope[from.depth]!;
    for (const child of this.instanceFrames(group, from)) this.collect(target, child, out);
  }
}

/** What one answer adds to a score: its number, 1/0 for yes/no, a quantity's value, or the option's score. */
function contribution(node: ItemNode, value: AnswerScalar): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (isQuantity(value)) return value.value;
  const code = typeof value === 'string' ? value : isCoding(value) ? value.code : undefined;
  return (code !== undefined && node.options?.get(code)?.score) || 0;
}
