/**
 * How a QuestionnaireResponse names its questionnaire: a canonical URL with `|version`. One scheme for
 * the record mapping (which has only ids) and the definition-shaped responses (which have the
 * definition), so an assessment exported either way points at the same Questionnaire.
 */

export const QUESTIONNAIRE_BASE = 'https://fhir.casekit.dev/Questionnaire/';

/**
 * The canonical of a casekit questionnaire: `url` when the definition came with one (kept from a FHIR
 * import), else its id when that is already a URL (definitions loaded from FHIR take their canonical URL
 * as id), else under casekit's base; `|version` appended.
 */
export function questionnaireCanonical(questionnaireId: string, version: string, url?: string): string {
  return `${url ?? questionnaireUrl(questionnaireId)}|${encodeURIComponent(version)}`;
}

/** `Questionnaire.url` for a definition id: the id when it is already a URL, else under casekit's base. */
export function questionnaireUrl(questionnaireId: string): string {
  return /^[a-z][a-z0-9+.-]*:\S+$/i.test(questionnaireId) ? questionnaireId : QUESTIONNAIRE_BASE + encodeURIComponent(questionnaireId);
}

/** The definition id a `Questionnaire.url` stands for (the inverse of `questionnaireUrl`). */
export function questionnaireIdOfUrl(url: string): string {
  const bare = url.split('|')[0]!;
  return bare.startsWith(QUESTIONNAIRE_BASE) ? decodeOr(bare.slice(QUESTIONNAIRE_BASE.length)) : bare;
}

export function parseQuestionnaireCanonical(canonical: string): { questionnaireId: string; version?: string } {
  const bar = canonical.lastIndexOf('|');
  const url = bar >= 0 ? canonical.slice(0, bar) : canonical;
  const version = bar >= 0 ? decodeOr(canonical.slice(bar + 1)) : undefined;
  const questionnaireId = questionnaireIdOfUrl(url);
  return version === undefined ? { questionnaireId } : { questionnaireId, version };
}

function decodeOr(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

