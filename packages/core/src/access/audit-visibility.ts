import type { AuditEvent } from '../audit/audit-schema.js';
import type { CaseRecord } from '../case/case-schema.js';
import type { ManagerContext } from '../internal/context.js';

/** How to find the case of an event and the cases of a client (from a cache, an export snapshot, ...). */
export interface CaseLookup {
  caseOf(caseId: string): CaseRecord | undefined;
  casesOfClient(clientId: string): readonly CaseRecord[];
}

/**
 * Whether this actor may read an audit event. The policy decides, asked with the event's case and its
 * client's cases; and an event is never more visible than what it is about: an event of a case the
 * actor may not read, or of a client seen only through such cases, stays hidden whatever the policy
 * says about `audit` — so a policy that hides a case hides its trail too.
 */
export function mayReadAuditEvent(context: ManagerContext, event: AuditEvent, lookup: CaseLookup): boolean {
  const caseRecord = event.caseId ? lookup.caseOf(event.caseId) : undefined;
  const clientId = clientOf(event);
  const clientCases = clientId ? lookup.casesOfClient(clientId) : undefined;
  if (!context.allows({ action: 'read', collection: 'audit', record: event, case: caseRecord, clientCases })) return false;
  if (caseRecord && !context.allows({ action: 'read', collection: 'cases', record: caseRecord, case: caseRecord })) return false;
  if (!event.caseId && clientCases?.length) return clientCases.some((c) => context.allows({ action: 'read', collection: 'cases', record: c, case: c }));
  return true;
}

/** The client an event concerns: its `clientId`, or the record itself for events about a client record. */
function clientOf(event: AuditEvent): string | undefined {
  return event.clientId ?? (event.collection === 'clients' && !event.recordIds ? event.recordId : undefined);
}

/** A lookup that loads cases from storage on demand, once each. */
export async function storageLookup(context: ManagerContext, events: readonly AuditEvent[]): Promise<CaseLookup> {
  const cases = new Map<string, CaseRecord | undefined>();
  const clients = new Map<string, CaseRecord[]>();
  for (const event of events) {
    if (event.caseId && !cases.has(event.caseId)) cases.set(event.caseId, await context.storage.get<CaseRecord & { id: string; version: number }>('cases', event.caseId));
    const clientId = clientOf(event);
    if (clientId && !clients.has(clientId)) clients.set(clientId, await context.casesOfClient(clientId));
  }
  return { caseOf: (id) => cases.get(id), casesOfClient: (id) => clients.get(id) ?? [] };
}
