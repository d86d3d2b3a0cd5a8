import { ValidationError, type ValidationIssue } from '../errors/errors.js';
import { parse, safeParse } from '../internal/parse.js';
import { deepFreeze } from './deep-freeze.js';
import type { NeedDomain } from '../records/common.js';
import { compileCondition, indexDefinition, type CompiledCondition, type DefinitionIndex, type ItemNode } from './definition-index.js';
import {
  QuestionnaireDefinitionSchema,
  type Behavior,
  type FlagRule,
  type Operator,
  type QuestionnaireDefinition,
  type RuleCondition,
  type ScoringRule,
} from './questionnaire-schema.js';

export type CompiledRuleCondition =
  | { kind: 'question'; condition: CompiledCondition }
  | { kind: 'score'; score: string; operator: Operator; answer: number | boolean };

export interface CompiledRule {
  readonly conditions: CompiledRuleCondition[];
  readonly behavior: Behavior;
}

/** A definition checked once and indexed for evaluation; see `compileQuestionnaire`. */
export interface CompiledQuestionnaire {
  /** The checked definition: a frozen, parsed copy of what was passed in. */
  readonly definition: QuestionnaireDefinition;
  readonly index: DefinitionIndex;
  /** For each answer map (null = top level, else the repeating group owning it): the linkIds that answer in it. */
  readonly keysByScope: ReadonlyMap<ItemNode | null, ReadonlySet<string>>;
  readonly scoring: readonly { rule: ScoringRule; items: ItemNode[] }[];
  readonly flags: readonly { flag: FlagRule; rule: CompiledRule }[];
  readonly needRules: readonly { domain: NeedDomain; rule: CompiledRule }[];
}

// Keyed by the caller's object: definitions are treated as immutable once used (the shipped instruments
// are frozen). Editing a definition in place after use would leave a stale entry, so build a new object.
const cache = new WeakMap<object, CompiledQuestionnaire>();

/**
 * Checks and indexes a definition once per object (cached), so visibility, validation and scoring on
 * every keystroke cost time linear in the items and answers, never quadratic. Throws ValidationError
 * with paths into the definition (e.g. `['items', 2, 'enableWhen', 0, 'question']`) when it is invalid.
 */
export function compileQuestionnaire(definition: QuestionnaireDefinition): CompiledQuestionnaire {
  const cached = cache.get(definition);
  if (cached) return cached;
  // The checked copy is frozen: it is a cache key too (parseQuestionnaire hands it out).
  const parsed = deepFreeze(parse(QuestionnaireDefinitionSchema, definition));
  const index = indexDefinition(parsed);

  const keysByScope = new Map<ItemNode | null, Set<string>>();
  for (const node of index.nodes) {
    if (node.item.type === 'display' || (node.item.type === 'group' && !node.repeats)) continue;
    const owner = node.scope[node.scope.length - 1] ?? null;
    let keys = keysByScope.get(owner);
    if (!keys) keysByScope.set(owner, (keys = new Set()));
    keys.add(node.linkId);
  }

  const compileRule = (when: RuleCondition[], behavior: Behavior | undefined): CompiledRule => ({
    behavior: behavior ?? 'any',
    conditions: when.map((c): CompiledRuleCondition =>
      'question' in c
        ? { kind: 'question', condition: compileCondition(c, [], index.byLinkId)! }
        : { kind: 'score', score: c.score, operator: c.operator, answer: c.answer },
    ),
  });

  const compiled: CompiledQuestionnaire = {
    definition: parsed,
    index,
    keysByScope,
    scoring: (parsed.scoring ?? []).map((rule) => ({ rule, items: rule.items.map((id) => index.byLinkId.get(id)!) })),
    flags: (parsed.flags ?? []).map((flag) => ({ flag, rule: compileRule(flag.when, flag.behavior) })),
    needRules: (parsed.needRules ?? []).map((r) => ({ domain: r.domain, rule: compileRule(r.when, r.behavior) })),
  };
  cache.set(definition, compiled);
  cache.set(parsed, compiled);
  return compiled;
}

/** Parses an untrusted definition (e.g. loaded from storage or a host's JSON) and returns the checked copy. */
export function parseQuestionnaire(input: unknown): QuestionnaireDefinition {
  // The shape is checked by parse() inside compile; the cast only lets the WeakMap key be the input.
  if (typeof input !== 'object' || input === null) return parse(QuestionnaireDefinitionSchema, input);
  return compileQuestionnaire(input as QuestionnaireDefinition).definition;
}

/**
 * Every problem with a definition (shape and cross-item checks), with paths into it and casekit's
 * English messages; empty when it is valid. For importers that repair rather than throw.
 */
export function questionnaireIssues(input: unknown): ValidationIssue[] {
  const result = safeParse(QuestionnaireDefinitionSchema, input);
  return result.success ? [] : ValidationError.fromZod(result.error).issues;
}
