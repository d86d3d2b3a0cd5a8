import type { QuestionnaireDefinition } from '../questionnaire-schema.js';

/**
 * The instruments casekit ships, each loaded when first used: a dynamic import a bundler turns into a
 * chunk of its own (about 7 KB gzipped for both), so hosts that never run them never download them.
 */
const LOADERS: Readonly<Record<string, () => Promise<QuestionnaireDefinition>>> = Object.freeze({
  'casekit-social-needs-intake': () => import('./social-needs-intake.js').then((module) => module.SOCIAL_NEEDS_INTAKE),
  'phq-9': () => import('./phq9.js').then((module) => module.PHQ9),
});

/** The ids of the instruments casekit ships. */
export const INSTRUMENT_IDS: readonly string[] = Object.freeze(Object.keys(LOADERS));

/** Whether casekit ships an instrument with this id. */
export function isInstrumentId(id: string): boolean {
  return Object.hasOwn(LOADERS, id);
}

/**
 * A shipped instrument by id, loaded on first use; undefined for an id casekit does not ship. With
 * `version`, only that exact version is returned, so a stored assessment is never read against a
 * different version of its questions.
 */
export async function loadInstrument(id: string, version?: string): Promise<QuestionnaireDefinition | undefined> {
  if (!isInstrumentId(id)) return undefined;
  const definition = await LOADERS[id]!();
  return version === undefined || definition.version === version ? definition : undefined;
}
