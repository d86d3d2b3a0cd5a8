import type { CollectionName, StoredRecord } from '@casekit/core';
import type { Resource } from '@medplum/fhirtypes';
import type { ToFhirOptions } from './context.js';
import { MAPPINGS } from './mappings.js';
import { markText } from './text-marks.js';

const DRAFT_SKIP = new Set(['data']);

/**
 * The FHIR R4 resources for one casekit record, the main resource first: a client is a Patient; a case
 * an EpisodeOfCare, its CareTeam and one SDOH Condition per need; a plan a CarePlan, its Goals and a
 * Task per task intervention; a referral a ServiceRequest and the Task fulfilling it; an assessment a
 * QuestionnaireResponse and one Observation per score; and so on (see docs/guides/fhir.md).
 */
export function toFhir(record: StoredRecord, collection: CollectionName, options: ToFhirOptions = {}): Resource[] {
  const mapping = MAPPINGS[collection];
  if (!mapping) throw new TypeError(`Unknown collection "${String(collection)}"`);
  // A draft's data travels as JSON text, so its strings need no marks.
  return markText(mapping.toFhir(record as never, options), record, collection === 'drafts' ? DRAFT_SKIP : undefined);
}

export type { ToFhirOptions };
