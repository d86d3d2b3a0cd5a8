import { deepClone, evalFhirPath, generateId, getSearchParameter, gone, notFound, OperationOutcomeError, preconditionFailed, validateResource } from '@medplum/core';
import type { SearchRequest, SortRule, WithId } from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import type { UpdateResourceOptions } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';

export interface StrictRepositoryOptions {
  /** `sequential` ("1", "2", … like HAPI) or `uuid` (opaque, like Medplum). Clients must treat both as opaque. */
  versionIds?: 'sequential' | 'uuid';
  /** Clock for `meta.lastUpdated`. */
  now?: () => Date;
  /** Refuse writes that are not valid R4 structure (default true, as Medplum's server does). */
  validate?: boolean;
}

/** One version of one resource, in commit order. `_history` answers from these; deletes are versions too. */
export interface VersionRecord {
  resourceType: string;
  id: string;
  versionId: string;
  lastUpdated: string;
  method: 'POST' | 'PUT' | 'DELETE';
  /** The stored version; absent for a delete. */
  resource?: Resource;
}

type ResourceMaps = Map<string, Map<string, Resource>>;
type HistoryMaps = Map<string, Map<string, Resource[]>>;

interface Snapshot {
  resources: ResourceMaps;
  history: HistoryMaps;
  versionCounts: Map<string, number>;
  tombstones: Map<string, VersionRecord>;
  logLength: number;
}

/**
 * @medplum/fhir-router's `MemoryRepository` with the gaps closed that a production FHIR server does not
 * have (see the header of fhir-server.ts for the list). Not safe for interleaved use: the test server
 * runs one request at a time, so a transaction's snapshot is never raced by another write.
 */
export class StrictMemoryRepository extends MemoryRepository {
  private readonly versionIdStyle: 'sequential' | 'uuid';
  private readonly now: () => Date;
  private readonly validate: boolean;
  private readonly versionCounts = new Map<string, number>();
  private readonly tombstones = new Map<string, VersionRecord>();
  private readonly log: VersionRecord[] = [];
  private inTransaction = false;

  constructor(options: StrictRepositoryOptions = {}) {
    super();
    this.versionIdStyle = options.versionIds ?? 'sequential';
    this.now = options.now ?? (() => new Date());
    this.validate = options.validate ?? true;
  }

  /** The stored current version, or undefined when absent or deleted. */
  current(resourceType: string, id: string): Resource | undefined {
    const stored = this.stored().get(resourceType)?.get(id);
    return stored ? deepClone(stored) : undefined;
  }

  isDeleted(resourceType: string, id: string): boolean {
    return this.tombstones.has(`${resourceType}/${id}`);
  }

  /** Every version written, oldest first, optionally of one type and after an instant (`_since`). */
  versions(filter: { resourceType?: string; id?: string; since?: string } = {}): VersionRecord[] {
    const since = filter.since === undefined ? undefined : Date.parse(filter.since);
    return this.log.filter(
      (v) =>
        (filter.resourceType === undefined || v.resourceType === filter.resourceType) &&
        (filter.id === undefined || v.id === filter.id) &&
        (since === undefined || Date.parse(v.lastUpdated) > since),
    );
  }

  // Gap: the stock repository keeps a client-sent meta.versionId / meta.lastUpdated on create (a POST
  // can pin its own version), and its version ids are random. Here the server always assigns both.
  override async createResource<T extends Resource>(resource: T): Promise<WithId<T>> {
    const id = resource.id ?? this.generateId();
    const key = `${resource.resourceType}/${id}`;
    const count = (this.versionCounts.get(key) ?? 0) + 1;
    const versionId = this.versionIdStyle === 'sequential' ? String(count) : generateId();
    const lastUpdated = this.now().toISOString();
    const version = { ...resource, id, meta: { ...resource.meta, versionId, lastUpdated } };
    // Gap: the stock repository stores anything. validateResource throws an OperationOutcome (400)
    // whose issues carry FHIRPath expressions, as a production server's would.
    if (this.validate) validateResource(version);
    const stored = await super.createResource(version);
    this.versionCounts.set(key, count);
    this.tombstones.delete(key);
    this.log.push({ resourceType: stored.resourceType, id, versionId, lastUpdated, method: count === 1 ? 'POST' : 'PUT', resource: deepClone(stored) });
    return stored;
  }

  // Gap: the stock repository answers 404 to If-Match on a missing resource; HTTP (RFC 9110 §13.1.1)
  // says the precondition is false when there is no current representation, so 412.
  override async updateResource<T extends Resource>(resource: T, options?: UpdateResourceOptions): Promise<WithId<T>> {
    if (options?.ifMatch !== undefined && resource.id) {
      this.checkIfMatch(resource.resourceType, resource.id, options.ifMatch);
    }
    return super.updateResource(resource);
  }

  // Gap: the stock delete ignores If-Match, keeps no version, and a second delete answers 404 (R4: "has
  // no effect", 200). Here a delete is a new version, reads answer 410 Gone, and If-Match is checked.
  override async deleteResource(resourceType: string, id: string, options?: UpdateResourceOptions): Promise<void> {
    const key = `${resourceType}/${id}`;
    if (options?.ifMatch !== undefined) this.checkIfMatch(resourceType, id, options.ifMatch);
    if (!this.stored().get(resourceType)?.has(id)) {
      if (this.tombstones.has(key)) return;
      throw new OperationOutcomeError(notFound);
    }
    await super.deleteResource(resourceType, id);
    const count = (this.versionCounts.get(key) ?? 0) + 1;
    const versionId = this.versionIdStyle === 'sequential' ? String(count) : generateId();
    const record: VersionRecord = { resourceType, id, versionId, lastUpdated: this.now().toISOString(), method: 'DELETE' };
    this.versionCounts.set(key, count);
    this.tombstones.set(key, record);
    this.log.push(record);
  }

  override async readResource<T extends Resource>(resourceType: string, id: string): Promise<T> {
    if (this.tombstones.has(`${resourceType}/${id}`)) throw new OperationOutcomeError(gone);
    return super.readResource<T>(resourceType, id);
  }

  override async readVersion<T extends Resource>(resourceType: string, id: string, versionId: string): Promise<T> {
    const version = this.log.find((v) => v.resourceType === resourceType && v.id === id && v.versionId === versionId);
    if (!version) throw new OperationOutcomeError(notFound);
    if (!version.resource) throw new OperationOutcomeError(gone);
    return deepClone(version.resource) as T;
  }

  // Gap: the stock readHistory calls `.reverse()` on its stored array, so every read flips the order of
  // the history it keeps (and of later reads); it also forgets deletes and 404s once a resource is deleted.
  override async readHistory<T extends Resource>(resourceType: string, id: string): Promise<Bundle<T>> {
    const records = this.versions({ resourceType, id }).reverse();
    if (!records.length) throw new OperationOutcomeError(notFound);
    return { resourceType: 'Bundle', type: 'history', total: records.length, entry: records.map((r) => historyEntry<T>(r)) };
  }

  // Gap: the stock search sorts once per `_sort` key in turn, so the *last* key wins (`_sort=a,b` orders
  // by b), and compares JSON text with localeCompare. Here keys apply in order, values by type, stable.
  override async search<T extends Resource>(searchRequest: SearchRequest<T>): Promise<Bundle<WithId<T>>> {
    const { sortRules, offset, count } = searchRequest;
    const all = await super.search<T>({ ...searchRequest, sortRules: undefined, offset: undefined, count: undefined });
    let entry = all.entry ?? [];
    if (sortRules?.length) entry = [...entry].sort((a, b) => compareBySortRules(a.resource, b.resource, sortRules));
    const start = offset ?? 0;
    entry = entry.slice(start, count === undefined ? undefined : start + count);
    return { resourceType: 'Bundle', type: 'searchset', total: all.total ?? 0, ...(entry.length ? { entry } : {}) };
  }

  // Gap: the stock withTransaction just runs the callback, so a failed transaction keeps the entries
  // applied before the failure. Here a failure restores the state from before the transaction began.
  override async withTransaction<TResult>(callback: (client: undefined) => Promise<TResult>): Promise<TResult> {
    if (this.inTransaction) return callback(undefined);
    const snapshot = this.snapshot();
    this.inTransaction = true;
    try {
      return await callback(undefined);
    } catch (error) {
      this.restore(snapshot);
      throw error;
    } finally {
      this.inTransaction = false;
    }
  }

  override clear(): void {
    super.clear();
    this.versionCounts.clear();
    this.tombstones.clear();
    this.log.length = 0;
  }

  private checkIfMatch(resourceType: string, id: string, versionId: string): void {
    const current = this.stored().get(resourceType)?.get(id);
    if (current?.meta?.versionId !== versionId) throw new OperationOutcomeError(preconditionFailed);
  }

  // The stock class keeps its maps private; element access is TypeScript's sanctioned way in.
  private stored(): ResourceMaps {
    return this['resources'] as unknown as ResourceMaps;
  }

  private storedHistory(): HistoryMaps {
    return this['history'] as unknown as HistoryMaps;
  }

  // Stored resource objects are never mutated in place (each version is a new object), so copying the
  // maps and history arrays is a complete snapshot.
  private snapshot(): Snapshot {
    return {
      resources: new Map([...this.stored()].map(([type, byId]) => [type, new Map(byId)])),
      history: new Map([...this.storedHistory()].map(([type, byId]) => [type, new Map([...byId].map(([id, list]) => [id, [...list]]))])),
      versionCounts: new Map(this.versionCounts),
      tombstones: new Map(this.tombstones),
      logLength: this.log.length,
    };
  }

  private restore(snapshot: Snapshot): void {
    replace(this.stored(), snapshot.resources);
    replace(this.storedHistory(), snapshot.history);
    replace(this.versionCounts, snapshot.versionCounts);
    replace(this.tombstones, snapshot.tombstones);
    this.log.length = snapshot.logLength;
  }
}

function replace<K, V>(target: Map<K, V>, source: Map<K, V>): void {
  target.clear();
  for (const [key, value] of source) target.set(key, value);
}

/** A history Bundle entry for one version (R4 http.html#history: request + response, no resource for a delete). */
export function historyEntry<T extends Resource = Resource>(record: VersionRecord): BundleEntry<T> {
  const url = record.method === 'POST' ? record.resourceType : `${record.resourceType}/${record.id}`;
  return {
    ...(record.resource ? { resource: deepClone(record.resource) as T } : {}),
    request: { method: record.method, url },
    response: {
      status: record.method === 'POST' ? '201' : record.method === 'DELETE' ? '204' : '200',
      etag: `W/"${record.versionId}"`,
      lastModified: record.lastUpdated,
    },
  };
}

function compareBySortRules(a: Resource | undefined, b: Resource | undefined, rules: readonly SortRule[]): number {
  if (!a || !b) return 0;
  for (const rule of rules) {
    const order = compareValues(sortValue(a, rule.code), sortValue(b, rule.code));
    // Missing values sort last in both directions (as HAPI and PostgreSQL's NULLS LAST do for ascending).
    if (order === MISSING_FIRST || order === MISSING_SECOND) return order === MISSING_FIRST ? 1 : -1;
    if (order !== 0) return rule.descending ? -order : order;
  }
  return 0;
}

const MISSING_FIRST = 2;
const MISSING_SECOND = -2;

function sortValue(resource: Resource, code: string): string | number | undefined {
  const expression = getSearchParameter(resource.resourceType, code)?.expression;
  if (!expression) return undefined;
  return sortable(evalFhirPath(expression, resource)[0]);
}

const FHIR_DATE = /^\d{4}(-\d{2}(-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

function sortable(value: unknown): string | number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (FHIR_DATE.test(value)) {
      const time = Date.parse(value.length === 4 ? `${value}-01-01` : value.length === 7 ? `${value}-01` : value);
      if (Number.isFinite(time)) return time;
    }
    return value;
  }
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    // HumanName, CodeableConcept, Coding, Identifier, Quantity, Period: the part a server sorts by.
    const first = v.family ?? v.text ?? v.display ?? v.code ?? v.value ?? v.start;
    return first === undefined ? JSON.stringify(value) : sortable(first);
  }
  return String(value);
}

function compareValues(a: string | number | undefined, b: string | number | undefined): number {
  if (a === undefined && b === undefined) return 0;
  if (a === undefined) return MISSING_FIRST;
  if (b === undefined) return MISSING_SECOND;
  if (typeof a !== typeof b) return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
  return a < b ? -1 : a > b ? 1 : 0;
}
