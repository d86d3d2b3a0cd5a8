/** What the record mappings share while mapping one way or the other. */
import type { CollectionName } from '@casekit/core';
import type { Reference, Resource } from '@medplum/fhirtypes';
import type { Json } from './elements.js';

export interface ToFhirOptions {
  /** Ids of signed notes that later notes amend (their DocumentReference.docStatus is `amended`). */
  amendedNoteIds?: ReadonlySet<string>;
}

export interface FromContext {
  /** The resource a literal reference (`Type/id`) points at, among those being imported. */
  resolve(reference: Reference | string | undefined): Resource | undefined;
  /** Resources of `type` that refer to `target` (`Type/id`), e.g. the Observations derived from a QuestionnaireResponse. */
  referencing(type: string, target: string): Resource[];
  /** Marks a resource as mapped as part of a record (so it is not reported as left over). */
  claim(resource: Resource): void;
  report(path: string, reason: string): void;
  /** The instant used when a resource has no meta.lastUpdated. */
  now: string;
}

/** One collection's mapping. `fromFhir` returns the record as plain JSON, validated by the caller against the core schema. */
export interface RecordMapping<R> {
  collection: CollectionName;
  /** The resource types a record of this collection starts from on import. */
  primaryTypes: readonly string[];
  toFhir(record: R, options: ToFhirOptions): Resource[];
  fromFhir(resource: Resource, context: FromContext): Json | undefined;
}

export const refString = (resource: Resource): string => `${resource.resourceType}/${resource.id ?? ''}`;
