import type { CollectionName, StoredRecord } from '@casekit/core';
import { casekitExtension, fhirIdFor, fromFhir, MAIN_RESOURCE_TYPE, RESOURCE_TYPES, toFhir } from '@casekit/fhir';
import type { FhirResource } from '../client/fhir-types.js';

/**
 * casekit records ↔ the FHIR resources that hold them, with the server's versionId kept apart from
 * casekit's `version`. @casekit/fhir keeps casekit's version and updatedAt in the `record-version` and
 * `record-updated` extensions of a record's main resource (they win on import); `meta.versionId` and
 * `meta.lastUpdated` belong to the server, so they are not sent.
 */
export const RECORD_VERSION_URL = casekitExtension('record-version');
export const RECORD_UPDATED_URL = casekitExtension('record-updated');

/** The main resource type of each collection (what a record is found by on the server). */
export const MAIN_TYPE: Readonly<Record<CollectionName, string>> = MAIN_RESOURCE_TYPE;

/** Every resource type the mapping writes for records that go to the server (drafts never do). */
export const SYNCED_TYPES: readonly string[] = [
  ...new Set((Object.keys(RESOURCE_TYPES) as CollectionName[]).filter((c) => c !== 'drafts').flatMap((c) => RESOURCE_TYPES[c])),
];

/**
 * The tag on every resource casekit writes. Sync asks the server for tagged resources only (`_tag`), so
 * a replica on an EHR holds casekit's records, never the rest of the EHR's Patients or Observations.
 */
export const SYNC_TAG = { system: 'https://fhir.casekit.dev/CodeSystem/sync-scope', code: 'casekit' } as const;
export const SYNC_TAG_PARAM = `${SYNC_TAG.system}|${SYNC_TAG.code}`;

/** `Type/id`. */
export type ResourceRef = string;
/** `collection/id` of a casekit record. */
export type RecordKey = string;

export const refOf = (resource: { resourceType: string; id?: string }): ResourceRef => `${resource.resourceType}/${resource.id ?? ''}`;
export const recordKey = (collection: CollectionName, id: string): RecordKey => `${collection}/${id}`;
export const mainRefOf = (collection: CollectionName, id: string): ResourceRef => `${MAIN_TYPE[collection]}/${fhirIdFor(id)}`;

export function splitRef(ref: ResourceRef): { resourceType: string; id: string } {
  const slash = ref.indexOf('/');
  return { resourceType: ref.slice(0, slash), id: ref.slice(slash + 1) };
}

export function splitKey(key: RecordKey): { collection: CollectionName; id: string } {
  const slash = key.indexOf('/');
  return { collection: key.slice(0, slash) as CollectionName, id: key.slice(slash + 1) };
}

/** The resources to send for a record: tagged with SYNC_TAG, without the meta a server assigns. */
export function resourcesFor(record: StoredRecord, collection: CollectionName): (FhirResource & { id: string })[] {
  return toFhir(record, collection).map((resource) => {
    const { versionId: _versionId, lastUpdated: _lastUpdated, ...meta } = (resource.meta ?? {}) as NonNullable<FhirResource['meta']>;
    meta.tag = [...(meta.tag ?? []), { ...SYNC_TAG }];
    return { ...resource, meta } as FhirResource & { id: string };
  });
}

/** The refs of every resource a record is written as. */
export function refsFor(record: StoredRecord, collection: CollectionName): ResourceRef[] {
  return toFhir(record, collection).map(refOf);
}

export interface PulledRecord {
  collection: CollectionName;
  record: StoredRecord;
  /** True when the version came from casekit's extension (false: a resource written by another system). */
  versioned: boolean;
  refs: ResourceRef[];
}

/**
 * Records from server resources. Each main resource's casekit version and updatedAt are restored from
 * the extensions (a resource without them, written by another system, gets version 1 and the server's
 * lastUpdated; the caller bumps the version past the replica's when the content differs).
 */
export function recordsFrom(resources: readonly FhirResource[]): PulledRecord[] {
  const versioned = new Set<ResourceRef>();
  const prepared = resources.map((resource) => {
    const extensions = (resource as FhirResource & { extension?: { url: string }[] }).extension ?? [];
    if (extensions.some((e) => e.url === RECORD_VERSION_URL)) {
      versioned.add(refOf(resource));
      return resource;
    }
    // Written by another system: the server's versionId is no casekit version.
    return { ...resource, meta: { ...resource.meta, versionId: '1' } };
  });
  const { records } = fromFhir(prepared as never);
  return records.map(({ collection, record }) => ({
    collection,
    record,
    versioned: versioned.has(mainRefOf(collection, record.id)),
    refs: refsFor(record, collection),
  }));
}

/** Structural equality of two JSON values, ignoring key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => sameJson(v, (b as unknown[])[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
