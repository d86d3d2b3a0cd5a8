import type { AuditEvent } from '../audit/audit-schema.js';
import type { CaseRecord } from '../case/case-schema.js';
import type { ManagerContext } from '../internal/context.js';
import { COLLECTIONS, type CollectionName } from '../records/record.js';
import type { StoredRecord } from '../storage/storage-port.js';
import { mayReadRecord } from './record-visibility.js';

/** How to find the case of an event and the cases of a client (from a cache, an export snapshot, ...). */
export interface CaseLookup {
  caseOf(caseId: string): CaseRecord | undefined;
  casesOfClient(clientId: string): readonly CaseRecord[];
  /** Whether the actor may read a record a list read named (`recordIds`); records no longer stored count as hidden. */
  mayReadListed(collection: string, id: string): boolean;
}

/**
 * Whether this actor may read an audit event. The policy decides, asked with the event's case and its
 * client's cases; and an event is never more visible than what it is about: an event of a case the
 * actor may not read, or of a client seen only through such cases, stays hidden whatever the policy
 * says about `audit` — so a policy that hides a case hides its trail too.
 */
export function mayReadAuditEvent(context: ManagerContext, event: AuditEvent, lookup: CaseLookup): boolean {
  const caseId = caseOfEvent(event);
  const caseRecord = caseId ? lookup.caseOf(caseId) : undefined;
  const clientId = clientOf(event);
  const clientCases = clientId ? lookup.casesOfClient(clientId) : undefined;
  if (!context.allows({ action: 'read', collection: 'audit', record: event, case: caseRecord, clientCases })) return false;
  if (caseRecord && !context.allows({ action: 'read', collection: 'cases', record: caseRecord, case: caseRecord })) return false;
  // A read of a list is about every record it named: shown only when the actor may see each of them.
  if (event.recordIds && !event.recordIds.every((id) => lookup.mayReadListed(event.collection, id))) return false;
  if (!caseId && clientCases?.length) return clientCases.some((c) => context.allows({ action: 'read', collection: 'cases', record: c, case: c }));
  return true;
}

/** The case an event concerns: its `caseId`, or the case itself for events about a case record. */
function caseOfEvent(event: AuditEvent): string | undefined {
  return event.caseId ?? (event.collection === 'cases' && !event.recordIds ? event.recordId : undefined);
}

/** The client an event concerns: its `clientId`, or the record itself for events about a client record. */
function clientOf(event: AuditEvent): string | undefined {
  return event.clientId ?? (event.collection === 'clients' && !event.recordIds ? event.recordId : undefined);
}

/** A lookup that loads, once each, the cases, clients' cases and listed records the events name. */
export async function storageLookup(context: ManagerContext, events: readonly AuditEvent[]): Promise<CaseLookup> {
  const cases = new Map<string, CaseRecord | undefined>();
  const clients = new Map<string, CaseRecord[]>();
  const listed = new Map<string, StoredRecord | undefined>();
  const loadCase = async (id: string) => {
    if (!cases.has(id)) cases.set(id, await context.storage.get<CaseRecord & { id: string; version: number }>('cases', id));
  };
  const loadClient = async (id: string) => {
    if (!clients.has(id)) clients.set(id, await context.casesOfClient(id));
  };
  for (const event of events) {
    const caseId = caseOfEvent(event);
    if (caseId) await loadCase(caseId);
    const clientId = clientOf(event);
    if (clientId) await loadClient(clientId);
    if (!event.recordIds || !(COLLECTIONS as readonly string[]).includes(event.collection)) continue;
    const collection = event.collection as CollectionName;
    const wanted = event.recordIds.filter((id) => !listed.has(`${collection}/${id}`));
    const found = await context.storage.getMany(collection, wanted);
    for (const [i, id] of wanted.entries()) {
      const record = found[i];
      listed.set(`${collection}/${id}`, record);
      if (!record) continue;
      if (collection === 'cases') cases.set(id, record as unknown as CaseRecord);
      if (typeof record['caseId'] === 'string') await loadCase(record['caseId']);
      if (collection === 'clients') await loadClient(id);
      if (typeof record['clientId'] === 'string') await loadClient(record['clientId']);
    }
  }
  const lookup: CaseLookup = {
    caseOf: (id) => cases.get(id),
    casesOfClient: (id) => clients.get(id) ?? [],
    mayReadListed: (collection, id) => {
      const record = listed.get(`${collection}/${id}`);
      return !!record && mayReadRecord(context, collection as CollectionName, record, lookup);
    },
  };
  return lookup;
}
