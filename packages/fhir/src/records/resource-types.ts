import type { CollectionName } from '@casekit/core';
import type { ResourceType } from '@medplum/fhirtypes';

/** The resource a collection's record is, and is found by (on a server, in AuditEvent.entity.what). */
export const MAIN_RESOURCE_TYPE: Readonly<Record<CollectionName, ResourceType>> = {
  clients: 'Patient',
  cases: 'EpisodeOfCare',
  assessments: 'QuestionnaireResponse',
  plans: 'CarePlan',
  referrals: 'ServiceRequest',
  notes: 'DocumentReference',
  consents: 'Consent',
  organizations: 'Organization',
  services: 'HealthcareService',
  drafts: 'Basic',
  audit: 'AuditEvent',
};

/**
 * Every resource type a collection's records are written as, main one first (a case is also its
 * CareTeam and a Condition per need). A FHIR storage syncs these; the docs' table is checked against
 * what `toFhir` produces, and so is this list (records/docs-table.test.ts).
 */
export const RESOURCE_TYPES: Readonly<Record<CollectionName, readonly ResourceType[]>> = {
  clients: ['Patient'],
  cases: ['EpisodeOfCare', 'CareTeam', 'Condition'],
  assessments: ['QuestionnaireResponse', 'Observation'],
  plans: ['CarePlan', 'Goal', 'Task'],
  referrals: ['ServiceRequest', 'Task'],
  notes: ['DocumentReference'],
  consents: ['Consent'],
  organizations: ['Organization'],
  services: ['HealthcareService', 'Location'],
  drafts: ['Basic'],
  audit: ['AuditEvent'],
};
