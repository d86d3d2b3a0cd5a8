import type { FhirClient, SearchParams } from '../client/fhir-client.js';
import type { ServerState } from './outbox-store.js';
import { refOf, type RecordKey, type ResourceRef } from './record-resources.js';

/** Audit events are append-only: never deleted, and too many to list on every reconcile. */
const NEVER_DELETED = new Set(['AuditEvent']);

/**
 * The refs the replica was read from or wrote (`state.versions`) that the server no longer lists in
 * scope: deleted there, or no longer visible to this user. A `_lastUpdated` search cannot tell, so the
 * ids of each type are listed (`_elements=id`, large pages) and compared.
 */
export async function refsGoneFromServer(client: FhirClient, types: readonly string[], state: ServerState, scope: SearchParams): Promise<ResourceRef[]> {
  const gone: ResourceRef[] = [];
  for (const type of types) {
    if (NEVER_DELETED.has(type)) continue;
    const known = new Set(Object.keys(state.versions).filter((ref) => ref.startsWith(`${type}/`)));
    if (!known.size) continue;
    for await (const page of client.searchPages(type, { ...scope, _elements: 'id', _count: 1000 })) {
      for (const resource of page.resources) known.delete(refOf(resource));
    }
    gone.push(...known);
  }
  return gone;
}

/** Which record each known resource belongs to. */
export function ownersOf(parts: ServerState['parts']): Map<ResourceRef, RecordKey> {
  const owners = new Map<ResourceRef, RecordKey>();
  for (const [key, refs] of Object.entries(parts)) for (const ref of refs) owners.set(ref, key);
  return owners;
}
