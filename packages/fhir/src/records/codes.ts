import type { NeedDomain } from '@casekit/core';

/** casekit's own code systems, for values R4 has an element for but no code system (programs, need domains, ...). */
export const CASEKIT_CODE_BASE = 'https://fhir.casekit.dev/CodeSystem/';
export const codeSystem = (name: string): string => CASEKIT_CODE_BASE + name;

export const SYSTEMS = {
  needDomain: codeSystem('need-domain'),
  program: codeSystem('program'),
  tag: codeSystem('case-tag'),
  noteType: codeSystem('note-type'),
  auditAction: codeSystem('audit-action'),
  recordKind: codeSystem('record-kind'),
  scoreCode: codeSystem('score'),
  scoreBand: codeSystem('score-band'),
  referralOutcome: codeSystem('referral-outcome'),
  consentScope: codeSystem('consent-scope'),
  careTeamRole: codeSystem('care-team-role'),
  /** Actors (staff) are not records: they are named by identifier in this system. */
  actor: 'https://fhir.casekit.dev/actor',
  /** The id a directory record has in the directory it was imported from (`sourceId`). */
  sourceId: 'https://fhir.casekit.dev/source-id',
  bcp47: 'urn:ietf:bcp:47',
  gravity: 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes',
  goalAchievement: 'http://terminology.hl7.org/CodeSystem/goal-achievement',
  goalPriority: 'http://terminology.hl7.org/CodeSystem/goal-priority',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  dataAbsent: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
  v2IdentifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  v3ActCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  v3ParticipationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  v3Confidentiality: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
  consentScopeR4: 'http://terminology.hl7.org/CodeSystem/consentscope',
  consentCategoryLoinc: 'http://loinc.org',
  auditEventType: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
  taskCode: 'http://hl7.org/fhir/CodeSystem/task-code',
  ucum: 'http://unitsofmeasure.org',
} as const;

/**
 * Need domains as Gravity SDOH categories (SDOHCC-CodeSystemTemporaryCodes), where one fits; the
 * casekit domain always travels too (in casekit's own system), so domains without an exact Gravity
 * category are `sdoh-category-unspecified` there and still map back exactly.
 */
export const GRAVITY_CATEGORY: Readonly<Record<NeedDomain, string>> = {
  housing: 'housing-instability',
  food: 'food-insecurity',
  transportation: 'transportation-insecurity',
  utilities: 'utility-insecurity',
  safety: 'sdoh-category-unspecified',
  finances: 'financial-insecurity',
  employment: 'employment-status',
  health: 'sdoh-category-unspecified',
  'mental-health': 'sdoh-category-unspecified',
  'substance-use': 'sdoh-category-unspecified',
  legal: 'sdoh-category-unspecified',
  education: 'educational-attainment',
  'social-support': 'social-connection',
};

/** v2 table 0203 identifier types, written as codings; other casekit identifier types travel as text. */
export const V2_IDENTIFIER_TYPES = new Set(['DL', 'PPN', 'BRN', 'MR', 'MCN', 'EN', 'TAX', 'NIIP', 'PRN', 'MD', 'DR', 'ACSN', 'UDI', 'SNO', 'SB', 'PLAC', 'FILL', 'JHN', 'MB', 'SS', 'PI', 'PT', 'AN']);

/** A FHIR `code` has no leading, trailing or doubled whitespace. */
export function isFhirCode(value: string): boolean {
  return /^[^\s]+( [^\s]+)*$/.test(value);
}

/** A FHIR `uri` has no whitespace. */
export function isFhirUri(value: string): boolean {
  return /^\S+$/.test(value);
}
