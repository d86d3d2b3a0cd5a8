import type { ValidationIssue } from '../errors/errors.js';
import type { Behavior, ChoiceItem, Condition, Item, Operator, Option, QuestionnaireDefinition } from './questionnaire-schema.js';

/** A condition resolved against the index, ready to evaluate. */
export interface CompiledCondition {
  readonly target: ItemNode;
  readonly operator: Operator;
  readonly answer: string | number | boolean;
  /**
   * How many enclosing repeating groups the condition's owner and its target share. The target's
   * answer is read in the owner's instance at that depth; any deeper repeating groups of the target
   * (not enclosing the owner) are searched in all their instances.
   */
  readonly common: number;
}

/** One item of a definition with what the logic needs precomputed, so no evaluation searches the tree. */
export interface ItemNode {
  readonly item: Item;
  readonly linkId: string;
  readonly parent: ItemNode | null;
  readonly children: ItemNode[];
  /** Position in document order. */
  readonly order: number;
  /** Where the item sits in the definition, e.g. `['items', 2, 'items', 0]` (for definition errors). */
  readonly definitionPath: (string | number)[];
  /** Enclosing repeating groups, outermost first (not the item itself): where its answers live. */
  readonly scope: ItemNode[];
  /** A repeating group: its answer is a list of instances. */
  readonly repeats: boolean;
  /** A question whose answer is a list (multi-choice, or any question with `repeats`). */
  readonly multiple: boolean;
  /** Options by code, for choice types. */
  readonly options: ReadonlyMap<string, Option> | null;
  /** enableWhen resolved to nodes (conditions on unknown linkIds are left out; checks report them). */
  readonly conditions: CompiledCondition[];
  readonly behavior: Behavior;
  /** `pattern` compiled once, anchored to the whole answer. */
  readonly pattern: RegExp | null;
}

export interface DefinitionIndex {
  readonly roots: ItemNode[];
  /** Every item in document order. */
  readonly nodes: ItemNode[];
  /** First item per linkId (duplicates are reported in `issues`). */
  readonly byLinkId: ReadonlyMap<string, ItemNode>;
  readonly issues: ValidationIssue[];
}

/** Walks the item tree once. Linear in the number of items. */
export function indexDefinition(definition: QuestionnaireDefinition): DefinitionIndex {
  const nodes: ItemNode[] = [];
  const byLinkId = new Map<string, ItemNode>();
  const issues: ValidationIssue[] = [];

  const visit = (items: Item[], parent: ItemNode | null, path: (string | number)[], scope: ItemNode[]): ItemNode[] =>
    items.map((item, index) => {
      const definitionPath = [...path, 'items', index];
      const repeats = item.type === 'group' && item.repeats === true;
      const options = isChoice(item) ? new Map(item.options.map((o) => [o.code, o])) : null;
      const multiple = item.type === 'multi-choice' || (item.type !== 'group' && item.type !== 'display' && item.repeats === true);
      const node: ItemNode = {
        item,
        linkId: item.linkId,
        parent,
        children: [],
        order: nodes.length,
        definitionPath,
        scope,
        repeats,
        multiple,
        options,
        conditions: [],
        behavior: item.enableBehavior ?? 'all',
        pattern: compilePattern(item),
      };
      nodes.push(node);
      if (byLinkId.has(item.linkId)) {
        issues.push({
          path: [...definitionPath, 'linkId'],
          message: `linkId "${item.linkId}" is used by more than one item`,
          code: 'duplicate',
        });
      } else {
        byLinkId.set(item.linkId, node);
      }
      // Groups hold items; so may questions (FHIR items nested under a question). Their answers live in
      // the same answer map as the question's, since linkIds are unique.
      const children = 'items' in item ? item.items : undefined;
      if (children) node.children.push(...visit(children, node, definitionPath, repeats ? [...scope, node] : scope));
      return node;
    });

  const roots = visit(definition.items, null, [], []);
  // Second pass: conditions may point forward in the document.
  for (const node of nodes) {
    for (const condition of node.item.enableWhen ?? []) {
      const compiled = compileCondition(condition, node.scope, byLinkId);
      if (compiled) node.conditions.push(compiled);
    }
  }
  return { roots, nodes, byLinkId, issues };
}

/** Resolves a condition owned by an item whose enclosing repeating groups are `scope` ([] for rules). */
export function compileCondition(
  condition: Condition,
  scope: readonly ItemNode[],
  byLinkId: ReadonlyMap<string, ItemNode>,
): CompiledCondition | null {
  const target = byLinkId.get(condition.question);
  if (!target) return null;
  let common = 0;
  while (common < scope.length && common < target.scope.length && scope[common] === target.scope[common]) common++;
  return { target, operator: condition.operator, answer: condition.answer, common };
}

/** choice, multi-choice and open-choice items: the ones with options. */
export function isChoice(item: Item): item is ChoiceItem {
  return item.type === 'choice' || item.type === 'multi-choice' || item.type === 'open-choice';
}

function compilePattern(item: Item): RegExp | null {
  if ((item.type !== 'string' && item.type !== 'text' && item.type !== 'url') || item.pattern === undefined) return null;
  try {
    return new RegExp(`^(?:${item.pattern})$`, 'u');
  } catch {
    return null;
  }
}
