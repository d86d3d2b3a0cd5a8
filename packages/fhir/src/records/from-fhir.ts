import { checkRecord, COLLECTIONS, type CollectionName, type StoredRecord } from '@casekit/core';
import type { Bundle, Reference, Resource } from '@medplum/fhirtypes';
import { createReport, type MappingReport } from '../report.js';
import { refString, type FromContext } from './context.js';
import type { Json } from './elements.js';
import { MAPPINGS } from './mappings.js';
import { restoreText } from './text-marks.js';
import { toFhir } from './to-fhir.js';

export interface MappedRecord {
  collection: CollectionName;
  record: StoredRecord;
}

export interface FromFhirResult {
  /** The records, in the order of their main resources. */
  records: MappedRecord[];
  /** Everything that was not carried over, with where it was and why. */
  report: MappingReport;
}

export interface FromFhirOptions {
  /** The instant used for records whose resource has no meta.lastUpdated. Default: now. */
  now?: string;
}

/** Why resources casekit never makes a record from are left out. */
const LEFT_OUT: Readonly<Record<string, string>> = {
  Communication: 'casekit notes are DocumentReferences; a Communication is not imported',
  Task: 'A Task is imported only as part of a CarePlan (activity.reference) or as the fulfilment of a ServiceRequest (Task.focus)',
  Goal: 'A Goal is imported only as part of a CarePlan (CarePlan.goal)',
  Observation: 'An Observation is imported only as a score of a QuestionnaireResponse (Observation.derivedFrom)',
  Condition: 'A Condition is imported only as a need of an EpisodeOfCare (EpisodeOfCare.diagnosis)',
  CareTeam: 'A CareTeam is imported only as the team of an EpisodeOfCare (EpisodeOfCare.team)',
  Location: 'A Location is imported only as the address of a HealthcareService (HealthcareService.location)',
};

/**
 * casekit records from FHIR R4 resources (one, a list, or a Bundle's entries). Never throws on a valid
 * resource: what maps is returned, and everything else — elements casekit has no field for, values it
 * had to replace, resources that are no part of a record — is listed in the report.
 */
export function fromFhir(input: Resource | readonly Resource[], options: FromFhirOptions = {}): FromFhirResult {
  const report = createReport();
  const list = (Array.isArray(input) ? input : [input]) as unknown[];
  const resources: Resource[] = [];
  list.forEach((item, index) => {
    if (!isResource(item)) return report.add(`[${index}]`, 'Not a FHIR resource (an object with a resourceType); skipped');
    // Copies: the mapped records must not share arrays with the caller's resources.
    if (item.resourceType !== 'Bundle') return void resources.push(copy(item));
    for (const entry of (item as Bundle).entry ?? []) if (isResource(entry.resource)) resources.push(copy(entry.resource));
  });
  const byRef = new Map<string, Resource>();
  for (const resource of resources) if (resource.id) byRef.set(refString(resource), resource);
  const referrers = new Map<string, Resource[]>();
  for (const resource of resources) {
    for (const target of referencesIn(resource)) {
      const list = referrers.get(target);
      if (list) list.push(resource);
      else referrers.set(target, [resource]);
    }
  }
  const claimed = new Set<Resource>();
  const now = options.now ?? new Date().toISOString();
  const records: MappedRecord[] = [];
  const sources: { mapped: MappedRecord; resources: Resource[]; reported: Set<string> }[] = [];

  for (const resource of resources) {
    const collection = COLLECTIONS.find((c) => MAPPINGS[c].primaryTypes.includes(resource.resourceType));
    if (!collection || claimed.has(resource)) continue;
    const ref = resource.id ? refString(resource) : resource.resourceType;
    const used: Resource[] = [resource];
    const reportedPaths = new Set<string>();
    const context: FromContext = {
      resolve: (reference: Reference | string | undefined) => {
        const literal = typeof reference === 'string' ? reference : reference?.reference;
        return literal ? byRef.get(literal.split('/').slice(-2).join('/')) : undefined;
      },
      referencing: (type, target) => (referrers.get(target) ?? []).filter((r) => r.resourceType === type),
      claim: (r) => void (claimed.add(r), used.push(r)),
      report: (path, reason) => {
        const at = located(path, resource, ref);
        reportedPaths.add(at);
        report.add(at, reason);
      },
      now,
    };
    claimed.add(resource);
    let raw: Json | undefined;
    try {
      raw = MAPPINGS[collection].fromFhir(resource, context);
    } catch (error) {
      report.add(ref, `Could not be mapped (${error instanceof Error ? error.message : String(error)}); not imported`);
      continue;
    }
    if (!raw) continue;
    // The record may share arrays with the resource, which is compared with its rebuilt self below.
    raw = copy(raw);
    restoreText(resource, raw);
    const parsed = checkRecord(collection, raw);
    if (!parsed.success) {
      for (const issue of parsed.issues.slice(0, 10)) report.add(`${ref} (${collection}.${issue.path.join('.')})`, `${issue.message}; the record is not imported`);
      continue;
    }
    const mapped = { collection, record: parsed.record };
    records.push(mapped);
    sources.push({ mapped, resources: used, reported: reportedPaths });
  }

  // What was given but did not come back out is reported, element by element.
  const amendedNoteIds = new Set(records.filter((r) => r.collection === 'notes').map((r) => (r.record as { amends?: string }).amends).filter((id): id is string => id !== undefined));
  // A note given as amended stays amended when it comes back, even without the amending note.
  for (const { mapped, resources: given } of sources) if (mapped.collection === 'notes' && (given[0] as { docStatus?: string }).docStatus === 'amended') amendedNoteIds.add(mapped.record.id);
  for (const { mapped, resources: given, reported } of sources) {
    let regenerated: Resource[];
    try {
      regenerated = toFhir(mapped.record, mapped.collection, { amendedNoteIds });
    } catch {
      continue;
    }
    const byKey = new Map(regenerated.map((r) => [refString(r), r]));
    for (const resource of given) {
      const again = byKey.get(refString(resource));
      const ref = resource.id ? refString(resource) : resource.resourceType;
      if (!again) report.add(ref, 'Read into the record, but the record does not give this resource back in the same place');
      else diff(withoutServerMeta(resource) as unknown as Json, withoutServerMeta(again) as unknown as Json, ref, (path, reason) => {
        // The mapping already said what happened here (e.g. a date read as an instant).
        if (![...reported].some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`))) report.add(path, reason);
      });
    }
  }
  for (const resource of resources) {
    if (claimed.has(resource)) continue;
    report.add(resource.id ? refString(resource) : resource.resourceType, LEFT_OUT[resource.resourceType] ?? `No casekit record is made from a ${resource.resourceType}; not imported`);
  }
  return { records, report: { entries: report.entries } };
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * `meta.versionId` and `meta.lastUpdated` are bookkeeping: casekit keeps its own version and times in
 * extensions (which win), a FHIR server replaces these on every write (a FHIR storage keeps them beside
 * the record), and a resource from elsewhere has its meta read into the record's. Not data an import
 * could drop.
 */
function withoutServerMeta(resource: Resource): Resource {
  if (!resource.meta) return resource;
  const { versionId: _versionId, lastUpdated: _lastUpdated, ...meta } = resource.meta;
  const { meta: _meta, ...rest } = resource;
  return Object.keys(meta).length ? { ...rest, meta } : (rest as Resource);
}

function isResource(value: unknown): value is Resource {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { resourceType?: unknown }).resourceType === 'string';
}

function located(path: string, resource: Resource, ref: string): string {
  if (/^[A-Z][A-Za-z]+\/[^\s.]+/.test(path)) return path;
  return path.startsWith(resource.resourceType) ? ref + path.slice(resource.resourceType.length) : `${ref} ${path}`;
}

function referencesIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => referencesIn(v, out));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'reference' && typeof v === 'string') out.add(v.split('/').slice(-2).join('/'));
      else referencesIn(v, out);
    }
  }
  return out;
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => equal((a as Json)[k], (b as Json)[k]));
}

/** Reports every part of `given` that `again` (the resource rebuilt from the imported record) lacks or changed. */
function diff(given: unknown, again: unknown, path: string, report: (path: string, reason: string) => void): void {
  if (equal(given, again)) return;
  if (again === undefined) return report(path, 'No casekit field holds this; not imported');
  if (typeof given !== 'object' || given === null) return report(path, `Imported as ${JSON.stringify(again)}`);
  if (Array.isArray(given)) {
    const others: unknown[] = Array.isArray(again) ? again : [];
    given.forEach((item, i) => {
      if (others.some((o) => equal(o, item))) return;
      diff(item, closest(item, others) ?? (others.length === given.length ? others[i] : undefined), `${path}[${i}]`, report);
    });
    return;
  }
  if (typeof again !== 'object' || again === null || Array.isArray(again)) return report(path, 'Imported in another form');
  for (const [key, value] of Object.entries(given)) diff(value, (again as Json)[key], `${path}.${key}`, report);
}

/** The element of `candidates` whose every value `item` has too (a telecom kept for its number, without its rank). */
function closest(item: unknown, candidates: readonly unknown[]): unknown {
  if (typeof item !== 'object' || item === null) return undefined;
  return candidates.find((c) => typeof c === 'object' && c !== null && !Array.isArray(c) && Object.entries(c).every(([key, value]) => equal((item as Json)[key], value)));
}
