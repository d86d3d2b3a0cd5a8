import type { QuestionnaireDefinition } from '../questionnaire-schema.js';
import { PHQ9 } from './phq9.js';
import { SOCIAL_NEEDS_INTAKE } from './social-needs-intake.js';

/**
 * The instruments casekit ships, by definition id, all loaded at once. `createCaseManager` does not use
 * this module: it loads each instrument when first needed (registry.ts), so a host that never runs a
 * PHQ-9 never downloads it. Import this only where everything must be at hand synchronously.
 */
export const INSTRUMENTS: Readonly<Record<string, QuestionnaireDefinition>> = /* @__PURE__ */ Object.freeze({
  [SOCIAL_NEEDS_INTAKE.id]: SOCIAL_NEEDS_INTAKE,
  [PHQ9.id]: PHQ9,
});

/**
 * A shipped instrument by id, or undefined. With `version`, only that exact version is returned, so a
 * stored assessment is never read against a different version of its questions.
 */
export function getInstrument(id: string, version?: string): QuestionnaireDefinition | undefined {
  const definition = Object.hasOwn(INSTRUMENTS, id) ? INSTRUMENTS[id] : undefined;
  return definition && (version === undefined || definition.version === version) ? definition : undefined;
}
