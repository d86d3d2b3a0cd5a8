import * as z from 'zod/mini';
import type { AuditEvent } from '../audit/audit-schema.js';
import { mayReadAuditEvent, storageLookup } from '../access/audit-visibility.js';
import type { CaseRecord } from '../case/case-schema.js';
import type { Client } from '../client/client-schema.js';
import type { Consent } from '../consent/consent-schema.js';
import type { ManagerContext } from '../internal/context.js';
import { parseId, parseOptions } from '../internal/parse.js';
import { Instant, type ActorRef } from '../records/common.js';
import type { Referral } from '../referral/referral-schema.js';

/**
 * One disclosure of a client's information outside the agency's own staff (HIPAA §164.528: date,
 * recipient, what was disclosed, why):
 * - `referral`: a referral was sent to a provider organisation (the referral packet);
 * - `provider-access`: staff of that organisation opened or answered the referral;
 * - `export`: a caseload export that may hold the client's records left the system.
 */
export interface Disclosure {
  kind: 'referral' | 'provider-access' | 'export';
  at: string;
  /** Who received the information: the organisation, or for an export the actor who exported. */
  recipient: { name: string; organizationId?: string; actorId?: string };
  /** Who disclosed it (the referrer, the exporting actor) or, for provider access, who accessed it. */
  by: ActorRef;
  /** What was disclosed, as field names of the packet (`clientName`, `reason`, ...) or `caseload` for an export. */
  information: string[];
  /** Why: the referral's reason, or the export's audit reason. */
  purpose?: string;
  /** For `provider-access`: what the provider's staff did (`read`, or a `transition` with its statuses), for wording it. */
  access?: { action: string; from?: string; to?: string };
  /**
   * The ground for it: the consent on file (with its purpose), an override with its reason, or
   * `none` when the record names neither (an export, or a referral sent before consents were kept).
   * `consentDateTime` is when the consent was given (the consent's `dateTime`), when it is on file.
   */
  basis: { consentId: string; consentPurpose?: string; consentDateTime?: string } | { override: { reason: string; by: ActorRef; at: string } } | { none: true };
  /** The referral or audit event it was built from. */
  sourceId: string;
}

export interface DisclosureAccount {
  clientId: string;
  /** The period covered, `[from, to)`. */
  from: string;
  to: string;
  /** Oldest first. */
  disclosures: Disclosure[];
}

export interface DisclosuresApi {
  /**
   * The accounting of disclosures of one client's information over `[from, to)` (default: the six
   * years HIPAA asks for, up to now), built from referrals, consents and the audit trail. Reading it
   * is reading the client and their audit trail: the policy decides (by default supervisors and
   * admins), each source record is checked as its own read would be, and the read is audited.
   */
  forClient(clientId: string, options?: { from?: string; to?: string }): Promise<DisclosureAccount>;
}

const OptionsSchema = z.strictObject({ from: z.optional(Instant), to: z.optional(Instant) });
const SIX_YEARS_MS = 6 * 365.25 * 24 * 3600 * 1000;

export function createDisclosuresApi(context: ManagerContext): DisclosuresApi {
  return {
    async forClient(clientIdInput, optionsInput) {
      const clientId = parseId(clientIdInput, ['clientId']);
      const options = parseOptions(OptionsSchema, optionsInput);
      const to = options.to ?? context.now();
      const from = options.from ?? new Date(Date.parse(to) - SIX_YEARS_MS).toISOString();
      const client = await context.load<Client & { id: string; version: number }>('clients', clientId);
      const clientCases = await context.casesOfClient(clientId);
      context.authorizeClientRead(client, clientCases);
      context.authorize({ action: 'read', collection: 'audit', record: { clientId }, clientCases });

      const inPeriod = (at: string | undefined): at is string => !!at && at >= from && at < to;
      const cases = new Map(clientCases.map((c) => [c.id, c] as const));
      const referrals = (await context.storage.find<Referral & { id: string; version: number }>('referrals', { index: 'clientId', equals: clientId })).items.filter(
        (r) => r.requestedAt && context.allows({ action: 'read', collection: 'referrals', record: r, case: cases.get(r.caseId) as CaseRecord | undefined }),
      );
      const consents = new Map(
        (await context.storage.find<Consent & { id: string; version: number }>('consents', { index: 'clientId', equals: clientId })).items.map((c) => [c.id, c] as const),
      );

      const disclosures: Disclosure[] = referrals.filter((r) => inPeriod(r.requestedAt)).map((r) => referralDisclosure(r, consents));
      const events = await auditOf(context, [...referrals.map((r) => r.id), 'caseload'], from, to);
      const byReferral = new Map(referrals.map((r) => [r.id, r] as const));
      for (const event of events) {
        const referral = byReferral.get(event.recordId);
        if (referral && event.actor.role === 'provider' && event.outcome !== 'refused') {
          disclosures.push({
            kind: 'provider-access',
            at: event.at,
            recipient: { name: referral.service.organizationName, ...(referral.service.organizationId ? { organizationId: referral.service.organizationId } : {}), actorId: event.actor.id },
            by: event.actor,
            information: packetFields(referral),
            ...(event.transition ? { purpose: `${event.action}: ${event.transition.from} → ${event.transition.to}` } : { purpose: event.action }),
            access: { action: event.action, ...(event.transition ? { from: event.transition.from, to: event.transition.to } : {}) },
            basis: basisOf(referral, consents),
            sourceId: event.id,
          });
        } else if (event.recordId === 'caseload' && event.action === 'export' && event.at >= client.createdAt) {
          disclosures.push({
            kind: 'export',
            at: event.at,
            recipient: { name: event.actor.name || event.actor.id, actorId: event.actor.id },
            by: event.actor,
            information: ['caseload'],
            ...(event.reason ? { purpose: event.reason } : {}),
            basis: { none: true },
            sourceId: event.id,
          });
        }
      }
      disclosures.sort((a, b) => a.at.localeCompare(b.at) || a.sourceId.localeCompare(b.sourceId));
      await context.disclose('clients', [client], { scope: 'disclosures.forClient', clientId });
      return { clientId, from, to, disclosures };
    },
  };
}

function referralDisclosure(referral: Referral, consents: ReadonlyMap<string, Consent>): Disclosure {
  return {
    kind: 'referral',
    at: referral.requestedAt!,
    recipient: { name: referral.service.organizationName, ...(referral.service.organizationId ? { organizationId: referral.service.organizationId } : {}) },
    by: referral.requestedBy ?? { id: 'unknown', name: '', role: 'unknown' },
    information: packetFields(referral),
    purpose: referral.reason,
    basis: basisOf(referral, consents),
    sourceId: referral.id,
  };
}

/** What a receiving organisation sees of a referral: the referral's fields and the client fields its packet shares. */
function packetFields(referral: Referral): string[] {
  return ['clientName', 'reason', 'urgency', 'service', ...(referral.goalId ? ['goal'] : []), ...(referral.packet?.shares ?? [])];
}

function basisOf(referral: Referral, consents: ReadonlyMap<string, Consent>): Disclosure['basis'] {
  const consent = referral.consent;
  if (!consent) return { none: true };
  if ('override' in consent) return { override: consent.override };
  const onFile = consents.get(consent.consentId);
  return { consentId: consent.consentId, ...(onFile?.purpose ? { consentPurpose: onFile.purpose } : {}), ...(onFile?.dateTime ? { consentDateTime: onFile.dateTime } : {}) };
}

/** Audit events about these records in `[from, to)` that the actor may read, oldest first. */
async function auditOf(context: ManagerContext, recordIds: readonly string[], from: string, to: string): Promise<AuditEvent[]> {
  const pages = await Promise.all(
    recordIds.map((id) => context.storage.find<AuditEvent & { id: string; version: number }>('audit', { index: 'recordId+at', range: { gte: [id, from], lt: [id, to] } })),
  );
  const events = pages.flatMap((page) => page.items);
  const lookup = await storageLookup(context, events);
  return events.filter((event) => mayReadAuditEvent(context, event, lookup));
}
