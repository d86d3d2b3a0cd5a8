/**
 * The one base URL under which casekit's own FHIR extensions are defined. An extension is used only
 * where R4 has no element for a value (e.g. a status change's reason and actor on EpisodeOfCare, or
 * casekit's record version); where R4 has an element, that element is used.
 */
export const CASEKIT_EXTENSION_BASE = 'https://fhir.casekit.dev/StructureDefinition/';

/** The full URL of a casekit extension, e.g. `casekitExtension('record-version')`. */
export function casekitExtension(name: string): string {
  return CASEKIT_EXTENSION_BASE + name;
}

/** The identifier system holding casekit's record id when it is not a valid FHIR id. */
export const CASEKIT_ID_SYSTEM = 'https://fhir.casekit.dev/id';
