/**
 * A whole caseload export as one FHIR Bundle and back. A `transaction` Bundle PUTs every resource at
 * `Type/id` (update-as-create), so loading the same Bundle twice leaves the server as after the first
 * time; references between entries are relative (`Patient/abc`) and resolve to entries of the Bundle
 * or records already on the server. A `collection` Bundle is the same resources without requests.
 */
import { COLLECTIONS, type CaseloadExport, type CollectionName, type StoredRecord } from '@casekit/core';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { casekitExtension } from '../extensions.js';
import { createReport, type MappingReport } from '../report.js';
import { actorOf, actorReference } from '../records/elements.js';
import { fromFhir, type FromFhirOptions } from '../records/from-fhir.js';
import { toFhir } from '../records/to-fhir.js';

export interface ToFhirBundleOptions {
  type: 'transaction' | 'collection';
}

export interface FromFhirBundleResult {
  /** What `manager.importCaseload` accepts. */
  export: CaseloadExport;
  report: MappingReport;
}

const EXPORTED_BY = casekitExtension('exported-by');

export function toFhirBundle(caseload: CaseloadExport, options: ToFhirBundleOptions): Bundle {
  const notes = (caseload.collections.notes ?? []) as (StoredRecord & { amends?: string })[];
  const amendedNoteIds = new Set(notes.map((n) => n.amends).filter((id): id is string => id !== undefined));
  const entry: BundleEntry[] = [];
  for (const collection of COLLECTIONS) {
    for (const record of caseload.collections[collection] ?? []) {
      for (const resource of toFhir(record, collection, { amendedNoteIds })) {
        entry.push(options.type === 'transaction' ? { resource, request: { method: 'PUT', url: `${resource.resourceType}/${resource.id!}` } } : { resource });
      }
    }
  }
  return {
    resourceType: 'Bundle',
    meta: { extension: [{ url: EXPORTED_BY, valueReference: actorReference(caseload.exportedBy) }] },
    type: options.type,
    timestamp: caseload.exportedAt,
    entry,
  };
}

/** The caseload in a Bundle of casekit's (or anyone's) resources, with a report of what did not map. */
export function fromFhirBundle(bundle: Bundle, options: FromFhirOptions = {}): FromFhirBundleResult {
  const report = createReport();
  const resources = (bundle.entry ?? []).map((e, i) => {
    if (!e.resource) report.add(`Bundle.entry[${i}]`, 'An entry without a resource is skipped');
    return e.resource;
  }).filter((r): r is Resource => r !== undefined);
  const now = options.now ?? new Date().toISOString();
  const mapped = fromFhir(resources, { now });
  const collections: Partial<Record<CollectionName, StoredRecord[]>> = {};
  for (const collection of COLLECTIONS) collections[collection] = [];
  const seen = new Set<string>();
  for (const { collection, record } of mapped.records) {
    // importCaseload refuses a file with one id twice in a collection: the first resource wins.
    if (seen.has(`${collection}/${record.id}`)) {
      report.add(`${collection}/${record.id}`, 'Two resources give the same casekit record; the first is kept');
      continue;
    }
    seen.add(`${collection}/${record.id}`);
    collections[collection]!.push(record);
  }
  const by = actorOf(bundle.meta?.extension?.find((e) => e.url === EXPORTED_BY)?.valueReference);
  if (!by) report.add('Bundle.meta', 'No casekit exported-by extension: the export is attributed to "FHIR import"');
  if (!bundle.timestamp) report.add('Bundle.timestamp', 'No timestamp: the import time is used as the export time');
  return {
    export: {
      format: 'casekit.caseload',
      formatVersion: 1,
      exportedAt: bundle.timestamp ?? now,
      exportedBy: by ?? { id: 'fhir-import', name: 'FHIR import', role: 'admin' },
      collections,
    },
    report: { entries: [...report.entries, ...mapped.report.entries] },
  };
}
