import type { Option } from '@casekit/core';
import type { Extension, Questionnaire, QuestionnaireItem, ValueSet, ValueSetExpansionContains } from '@medplum/fhirtypes';
import { SCORE_EXTENSIONS } from './sdc-extensions.js';

/**
 * Looks up a value set by canonical URL (possibly `url|version`). Synchronous on purpose: the mapping is
 * a pure function. A host whose value sets live on a terminology server fetches them first
 * (`valueSetUrls(questionnaire)` lists what is needed) and passes them as `valueSets`.
 */
export type ValueSetResolver = (url: string) => ValueSet | undefined;

export interface ValueSetSource {
  /** Value sets the host already has, matched by `url` (and `version` when the reference names one). */
  valueSets?: readonly ValueSet[];
  resolveValueSet?: ValueSetResolver;
}

/** The answerValueSet URLs a questionnaire needs from outside (contained `#id` references excluded), each once. */
export function valueSetUrls(questionnaire: Questionnaire): string[] {
  const urls = new Set<string>();
  const walk = (items: readonly QuestionnaireItem[] | undefined) => {
    for (const item of items ?? []) {
      if (item.answerValueSet && !item.answerValueSet.startsWith('#')) urls.add(item.answerValueSet);
      walk(item.item);
    }
  };
  walk(questionnaire.item);
  return [...urls];
}

/** Finds the value set an answerValueSet names: contained (`#id`), passed in, or from the host's resolver. */
export function findValueSet(reference: string, questionnaire: Questionnaire, source: ValueSetSource): ValueSet | undefined {
  if (reference.startsWith('#')) {
    const id = reference.slice(1);
    return questionnaire.contained?.find((r): r is ValueSet => r.resourceType === 'ValueSet' && r.id === id);
  }
  const [url, version] = reference.split('|') as [string, string | undefined];
  const passed = source.valueSets?.find((vs) => vs.url === url && (version === undefined || vs.version === version));
  return passed ?? source.resolveValueSet?.(reference);
}

/**
 * The options of a value set: its expansion when it has one, else the concepts its compose lists
 * explicitly (with exclusions applied). Null when it cannot be enumerated here (a whole code system,
 * a filter, or another value set included): the reason is returned instead.
 */
export function expandValueSet(valueSet: ValueSet): { options: Option[] } | { reason: string } {
  if (valueSet.expansion?.contains?.length) {
    const options: Option[] = [];
    const walk = (contains: readonly ValueSetExpansionContains[]) => {
      for (const c of contains) {
        if (c.code && !c.abstract && !c.inactive) options.push(option(c.code, c.display, c.system, c.extension));
        if (c.contains) walk(c.contains);
      }
    };
    walk(valueSet.expansion.contains);
    return { options };
  }
  const compose = valueSet.compose;
  if (!compose?.include?.length) return { reason: 'the value set has neither an expansion nor a compose' };
  const excluded = new Set<string>();
  for (const exclude of compose.exclude ?? []) for (const c of exclude.concept ?? []) excluded.add(`${exclude.system ?? ''}|${c.code}`);
  const options: Option[] = [];
  for (const include of compose.include) {
    if (include.filter?.length || include.valueSet?.length || !include.concept?.length) {
      return { reason: 'the value set includes a whole code system, a filter or another value set, which need a terminology server to expand' };
    }
    for (const c of include.concept) {
      if (!excluded.has(`${include.system ?? ''}|${c.code}`)) options.push(option(c.code, c.display, include.system, c.extension));
    }
  }
  return { options };
}

function option(code: string, display: string | undefined, system: string | undefined, extension: readonly Extension[] | undefined): Option {
  const out: Option = { code, display: display || code };
  if (system) out.system = system;
  const score = scoreOf(extension);
  if (score !== undefined) out.score = score;
  return out;
}

/** The score an option or concept carries (ordinalValue, itemWeight or the ISO 21090 CO value). */
export function scoreOf(extension: readonly Extension[] | undefined): number | undefined {
  for (const url of SCORE_EXTENSIONS) {
    const found = extension?.find((e) => e.url === url);
    const value = found?.valueDecimal ?? found?.valueInteger;
    if (typeof value === 'number') return value;
  }
  return undefined;
}
