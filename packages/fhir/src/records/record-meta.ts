import type { Extension, Identifier, Resource } from '@medplum/fhirtypes';
import type { FromContext } from './context.js';
import { casekitIdOf, createdExt, ext, findExt, idIdentifiers, metaOf } from './elements.js';
import { fhirIdFor } from '../ids.js';

interface Meta {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** id, meta and the created-at extension of a record's main resource (and the casekit id identifier when needed). */
export function recordHeader(record: Meta): { id: string; meta: { versionId: string; lastUpdated: string }; extension: Extension[]; identifier: Identifier[] } {
  return { id: fhirIdFor(record.id), meta: metaOf(record) as { versionId: string; lastUpdated: string }, extension: recordMetaExts(record), identifier: idIdentifiers(record.id) };
}

/**
 * casekit's created-at, version and updated-at. `meta.versionId` and `meta.lastUpdated` say the same in
 * a Bundle casekit wrote, but a FHIR server replaces both with its own on every write; these keep
 * casekit's (its `version` is what the next write is checked against), and they win on import.
 */
export function recordMetaExts(record: Meta): Extension[] {
  return [createdExt(record.createdAt), ext('record-version', { valueInteger: record.version }), ext('record-updated', { valueInstant: record.updatedAt })];
}

/** The record meta of a resource; fills what a resource from elsewhere lacks (and says so). */
export function readRecordMeta(resource: Resource, context: FromContext): Meta | undefined {
  const type = resource.resourceType;
  const id = casekitIdOf(resource as Resource & { identifier?: Identifier[] });
  if (!id) {
    context.report(type, 'The resource has no id, so it cannot become a casekit record');
    return undefined;
  }
  const extensions = (resource as { extension?: Extension[] }).extension;
  const versionExt = findExt(extensions, 'record-version')?.valueInteger;
  const versionId = resource.meta?.versionId;
  let version = versionExt !== undefined && versionExt >= 1 ? versionExt : versionId !== undefined && /^[1-9][0-9]{0,14}$/.test(versionId) ? Number(versionId) : undefined;
  if (version === undefined) {
    if (versionId !== undefined) context.report(`${type}.meta.versionId`, `"${versionId}" is not a casekit version (a positive integer); the record starts at version 1`);
    version = 1;
  }
  let updatedAt = findExt(extensions, 'record-updated')?.valueInstant ?? resource.meta?.lastUpdated;
  if (updatedAt === undefined) {
    context.report(`${type}.meta.lastUpdated`, 'No last-updated time: the import time is used');
    updatedAt = context.now;
  }
  const createdAt = findExt(extensions, 'record-created')?.valueInstant ?? updatedAt;
  return { id, version, createdAt, updatedAt };
}

/** Whether casekit wrote this resource (it carries casekit's created-at extension): then an absent history means an empty one. */
export function madeByCasekit(resource: Resource): boolean {
  return findExt((resource as { extension?: Extension[] }).extension, 'record-created') !== undefined;
}
