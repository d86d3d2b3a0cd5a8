import { casekitExtension } from '@casekit/fhir';
import { FhirStorageError } from './errors.js';
import type { Bundle, BundleEntry, FhirExtension, FhirResource } from './fhir-types.js';

/**
 * One write in a transaction. `ifMatch` is the server's versionId the write is based on (`"3"`, or an
 * ETag such as `W/"3"`); with it the server refuses the whole transaction if that resource has moved on.
 * - `PUT`: update, or create at a client-chosen id (update-as-create) when `ifMatch` is absent.
 * - `POST`: create with a server-assigned id; `ifNoneExist` (a search such as `identifier=sys|val`)
 *   makes it conditional: when one resource matches, nothing is created and the entry answers 200.
 * - `DELETE`: delete; `ifMatch` makes it version-aware (not every R4 server honours that).
 */
export type TransactionEntry<R extends FhirResource = FhirResource> =
  | { method: 'PUT'; resource: R & { id: string }; ifMatch?: string }
  | { method: 'POST'; resource: R; fullUrl?: string; ifNoneExist?: string }
  | { method: 'DELETE'; resourceType: string; id: string; ifMatch?: string };

/** What the server answered for one entry. */
export interface TransactionEntryResult {
  status: number;
  /** True for 201: a conditional create (`ifNoneExist`) that matched answers 200 and created nothing. */
  created: boolean;
  resourceType?: string;
  id?: string;
  /** The new version (from the entry's etag, its location's `_history`, or the resource's meta). */
  versionId?: string;
  etag?: string;
  lastModified?: string;
  location?: string;
  /** Absent when the server answers `Prefer: return=minimal` style. */
  resource?: FhirResource;
}

export interface TransactionResult {
  /** The idempotency marker stamped on every written resource. */
  transactionId: string;
  entries: TransactionEntryResult[];
  /**
   * True when the answer was lost and the result was rebuilt by re-reading: versions are known only for
   * PUT entries and conditional creates, and `status` is the interaction's usual success code.
   */
  recovered: boolean;
}

/**
 * The extension (on `meta`) that names the transaction that wrote a resource version. After a lost
 * answer, re-reading a PUT entry's resource tells whether the transaction landed. An extension rather
 * than a `meta.tag`: servers such as HAPI carry tags over to later versions, so tags would pile up and
 * could not tell this version from an earlier one.
 */
export const TRANSACTION_MARKER_URL = casekitExtension('transaction');

/** The transaction id stamped on a resource, if any. */
export function transactionMarkerOf(resource: FhirResource | undefined): string | undefined {
  return resource?.meta?.extension?.find((e) => e.url === TRANSACTION_MARKER_URL)?.valueString;
}

/** `W/"3"` from `3`; an ETag given as such is kept. */
export function toEtag(versionOrEtag: string): string {
  return /^(W\/)?"[^"]*"$/.test(versionOrEtag) ? versionOrEtag : `W/"${versionOrEtag}"`;
}

/** `3` from `W/"3"` or `"3"`; undefined for anything else. */
export function versionIdOfEtag(etag: string | undefined | null): string | undefined {
  return etag ? /^(?:W\/)?"([^"]+)"$/.exec(etag.trim())?.[1] : undefined;
}

/** The Bundle sent: always `type: transaction` (never `batch`, which would apply entries one by one). */
export function transactionBundle(baseUrl: string, entries: readonly TransactionEntry[], transactionId: string): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${transactionId}` },
    entry: entries.map((entry): BundleEntry => {
      switch (entry.method) {
        case 'PUT':
          return {
            fullUrl: `${baseUrl}/${entry.resource.resourceType}/${encodeURIComponent(entry.resource.id)}`,
            resource: stamp(entry.resource, transactionId),
            request: { method: 'PUT', url: `${entry.resource.resourceType}/${encodeURIComponent(entry.resource.id)}`, ...(entry.ifMatch ? { ifMatch: toEtag(entry.ifMatch) } : {}) },
          };
        case 'POST':
          return {
            ...(entry.fullUrl ? { fullUrl: entry.fullUrl } : {}),
            resource: stamp(entry.resource, transactionId),
            request: { method: 'POST', url: entry.resource.resourceType, ...(entry.ifNoneExist ? { ifNoneExist: entry.ifNoneExist } : {}) },
          };
        case 'DELETE':
          return { request: { method: 'DELETE', url: `${entry.resourceType}/${encodeURIComponent(entry.id)}`, ...(entry.ifMatch ? { ifMatch: toEtag(entry.ifMatch) } : {}) } };
      }
    }),
  };
}

/** Reads a transaction-response, refusing anything that is not one answer per entry, each a success. */
export function parseTransactionResponse(body: unknown, sent: number): TransactionEntryResult[] {
  const bundle = body as Partial<Bundle> | undefined;
  if (bundle?.resourceType !== 'Bundle' || bundle.type !== 'transaction-response') {
    const what = bundle?.resourceType === 'Bundle' ? `a ${bundle.type} Bundle` : 'no transaction-response';
    throw new FhirStorageError('unexpected-response', `The FHIR server answered a transaction with ${what}; it may not have applied it atomically`);
  }
  const entries = bundle.entry ?? [];
  if (entries.length !== sent) {
    throw new FhirStorageError('unexpected-response', `The FHIR server answered ${entries.length} entries to a transaction of ${sent}`);
  }
  return entries.map((entry, index) => {
    const status = Number.parseInt(entry.response?.status ?? '', 10);
    if (!(status >= 200 && status < 300)) {
      throw new FhirStorageError('unexpected-response', `Transaction entry ${index} answered ${entry.response?.status ?? 'no status'} inside a successful transaction`);
    }
    const location = entry.response?.location;
    const parsed = parseLocation(location);
    const resource = entry.resource;
    const versionId = versionIdOfEtag(entry.response?.etag) ?? parsed?.versionId ?? resource?.meta?.versionId;
    const result: TransactionEntryResult = { status, created: status === 201 };
    const resourceType = parsed?.resourceType ?? resource?.resourceType;
    const id = parsed?.id ?? resource?.id;
    if (resourceType) result.resourceType = resourceType;
    if (id) result.id = id;
    if (versionId) result.versionId = versionId;
    if (entry.response?.etag) result.etag = entry.response.etag;
    const lastModified = entry.response?.lastModified ?? resource?.meta?.lastUpdated;
    if (lastModified) result.lastModified = lastModified;
    if (location) result.location = location;
    if (resource) result.resource = resource;
    return result;
  });
}

/** `Type/id` and the version from a location such as `Patient/1/_history/2` or an absolute URL. */
export function parseLocation(location: string | undefined): { resourceType: string; id: string; versionId?: string } | undefined {
  if (!location) return undefined;
  const path = location.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/[?#].*$/, '');
  const match = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/([A-Za-z0-9\-.]{1,64}))?\/?$/.exec(path);
  if (!match?.[1] || !match[2]) return undefined;
  return { resourceType: match[1], id: match[2], ...(match[3] ? { versionId: match[3] } : {}) };
}

/**
 * True when sending the transaction again cannot apply any write twice even if the first attempt did
 * land: every write is guarded by a version (If-Match) or a condition (If-None-Exist).
 */
export function isGuarded(entries: readonly TransactionEntry[]): boolean {
  return entries.every((entry) => (entry.method === 'POST' ? Boolean(entry.ifNoneExist) : Boolean(entry.ifMatch)));
}

function stamp<T extends FhirResource>(resource: T, transactionId: string): T {
  const others = (resource.meta?.extension ?? []).filter((e) => e.url !== TRANSACTION_MARKER_URL);
  const marker: FhirExtension = { url: TRANSACTION_MARKER_URL, valueString: transactionId };
  return { ...resource, meta: { ...resource.meta, extension: [...others, marker] } };
}
