import type { Answers } from './answers.js';
import { compileQuestionnaire } from './compile.js';
import { Evaluation } from './evaluation.js';
import { localizedText } from './localized-text.js';
import type { QuestionnaireDefinition } from './questionnaire-schema.js';

export interface ScoreResult {
  /** The sum; null when nothing is answered, or when the rule `requiresAll` and an item is unanswered. */
  value: number | null;
  /** The band the value falls in (first match), when the rule has bands and there is a value. */
  band?: { code: string; label: string };
  /** The band's `raisesRisk`, when the score is complete and its band sets one. */
  raisesRisk?: 'low' | 'moderate' | 'high';
  /** Every item of the rule is answered. */
  complete: boolean;
  /** How many of the rule's items are answered (hidden items count as unanswered). */
  answered: number;
  /** How many items the rule has. */
  total: number;
}

export interface FlagResult {
  id: string;
  label: string;
  severity: 'info' | 'warning' | 'critical';
}

export interface RuleOptions {
  /** Language of the returned labels; defaults to the definition's language, then English. */
  lang?: string;
}

/** Scores by rule id. Answers to hidden items and answers of the wrong type do not count. */
export function computeScores(definition: QuestionnaireDefinition, answers: Answers, options: RuleOptions = {}): Record<string, ScoreResult> {
  return scoresOf(new Evaluation(compileQuestionnaire(definition), answers), options);
}

export function scoresOf(evaluation: Evaluation, options: RuleOptions): Record<string, ScoreResult> {
  const lang = options.lang ?? evaluation.compiled.definition.language ?? 'en';
  const out: Record<string, ScoreResult> = {};
  for (const { rule, items } of evaluation.compiled.scoring) {
    const { value, answered } = evaluation.score(items, rule.requiresAll === true);
    const result: ScoreResult = { value, complete: answered === items.length, answered, total: items.length };
    const band = value === null ? undefined : rule.bands?.find((b) => value >= b.min && value <= b.max);
    if (band) result.band = { code: band.code, label: localizedText(band.label, lang) };
    // Only a complete score says how severe things are: a partial sum can only understate it.
    if (band?.raisesRisk && result.complete) result.raisesRisk = band.raisesRisk;
    out[rule.id] = result;
  }
  return out;
}

/**
 * Flags raised by the answers, in definition order (e.g. PHQ-9 `suicide-risk`). A host must surface
 * `critical` flags to the case manager at once; casekit only computes them.
 */
export function computeFlags(definition: QuestionnaireDefinition, answers: Answers, options: RuleOptions = {}): FlagResult[] {
  return flagsOf(new Evaluation(compileQuestionnaire(definition), answers), options);
}

export function flagsOf(evaluation: Evaluation, options: RuleOptions): FlagResult[] {
  const lang = options.lang ?? evaluation.compiled.definition.language ?? 'en';
  return evaluation.compiled.flags
    .filter(({ rule }) => evaluation.testRule(rule))
    .map(({ flag }) => ({ id: flag.id, label: localizedText(flag.label, lang), severity: flag.severity ?? 'warning' }));
}
