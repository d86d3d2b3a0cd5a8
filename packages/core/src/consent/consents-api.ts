import * as z from 'zod/mini';
import { ConflictError, ValidationError } from '../errors/errors.js';
import type { Client } from '../client/client-schema.js';
import type { ManagerContext } from '../internal/context.js';
import { parse, parseId, parseOptions, parseRef, ReasonSchema } from '../internal/parse.js';
import { searchTokens } from '../internal/search-tokens.js';
import { assertTransition } from '../internal/state-machine.js';
import type { VersionRef } from '../internal/writer.js';
import { actorRef, Id } from '../records/common.js';
import { CONSENT_MACHINE } from './consent-machine.js';
import {
  ConsentInputSchema,
  ConsentSchema,
  ConsentStatusSchema,
  SHAREABLE_CLIENT_FIELDS,
  type Consent,
  type ConsentInput,
  type ConsentStatus,
  type ShareableClientField,
} from './consent-schema.js';

const ShareTargetInputSchema = z.union([Id, z.strictObject({ organizationId: z.optional(Id), organizationName: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))) })]);
const TransitionOptionsSchema = z.strictObject({ reason: z.optional(ReasonSchema) });
export type ConsentTransitionOptions = z.input<typeof TransitionOptionsSchema>;

/** Whom information would be shared with: a directory organisation, or a provider known only by name. */
export interface ShareTarget {
  organizationId?: string | undefined;
  organizationName?: string | undefined;
}

export interface ConsentsApi {
  /** Records a consent for a client (default status `active`, in force from now with no expiry). */
  record(input: ConsentInput): Promise<Consent>;
  get(id: string): Promise<Consent>;
  /** Moves a consent through its statuses (see `CONSENT_MACHINE`); entered-in-error needs a reason. */
  transition(ref: VersionRef, to: ConsentStatus, options?: ConsentTransitionOptions): Promise<Consent>;
  /** The client withdrew consent: it becomes `inactive`. Referrals already sent keep their record of it. */
  revoke(ref: VersionRef, reason: string): Promise<Consent>;
  /** Every consent of a client, newest first. */
  forClient(clientId: string): Promise<Consent[]>;
  /**
   * The consent that lets the client's information be shared with an organisation now (or at `asOf`):
   * active, in its period, scope `share-with-provider`, and granted to that organisation or to any
   * directory provider. `target` is an organisation id, or `{ organizationId?, organizationName? }` for
   * a provider outside the directory (matched against name-only grantees). Without a target only a
   * consent to share with any directory provider counts. Undefined when there is none.
   */
  activeShareConsent(clientId: string, target?: string | ShareTarget, asOf?: string): Promise<Consent | undefined>;
}

/** True when the consent is active and `asOf` lies in its period (start inclusive, end exclusive). */
export function isConsentInForce(consent: Pick<Consent, 'status' | 'period'>, asOf: string): boolean {
  const at = Date.parse(asOf);
  return (
    consent.status === 'active' &&
    Date.parse(consent.period.start) <= at &&
    (consent.period.end === undefined || at < Date.parse(consent.period.end))
  );
}

/** True when the consent's grantee covers the target (see `ConsentsApi.activeShareConsent`). */
export function granteeCovers(consent: Pick<Consent, 'grantee'>, target: ShareTarget): boolean {
  const grantee = consent.grantee;
  if (!grantee) return target.organizationId !== undefined || (target.organizationName === undefined && target.organizationId === undefined);
  // Organisations are told apart by id: two directory organisations may share a name ("Catholic
  // Charities" in two counties). Names decide only when neither side has an id.
  if (grantee.organizationId !== undefined || target.organizationId !== undefined) return grantee.organizationId === target.organizationId;
  return target.organizationName !== undefined && fold(grantee.name) === fold(target.organizationName);
}

/**
 * Of a client's consents, the one permitting sharing with `target` at `asOf`: the most recently
 * given wins when several do.
 */
export function findShareConsent(consents: readonly Consent[], target: ShareTarget, asOf: string): Consent | undefined {
  return consents
    .filter((c) => c.scope === 'share-with-provider' && isConsentInForce(c, asOf) && granteeCovers(c, target))
    .sort((a, b) => Date.parse(b.dateTime) - Date.parse(a.dateTime))[0];
}

const fold = (text: string) => searchTokens(text).join(' ');

/** Reads a client's consents without an authorisation check (callers have authorised already). */
export async function loadConsents(context: ManagerContext, clientId: string): Promise<Consent[]> {
  return (await context.storage.find<Consent & { id: string; version: number }>('consents', { index: 'clientId', equals: clientId })).items;
}

export function createConsentsApi(context: ManagerContext): ConsentsApi {
  /** A client's consents are seen and changed only by those who may see the client (see `mayReadClientRecord`). */
  async function authorizeOnClient(action: 'read' | 'create' | 'transition', record: { clientId: string; id?: string }): Promise<void> {
    const clientCases = await context.casesOfClient(record.clientId);
    context.authorize({ action, collection: 'consents', record, clientCases });
    context.authorizeClientRead({ id: record.id ?? record.clientId, ...record }, clientCases, 'consents');
  }

  async function transition(refInput: VersionRef, toInput: ConsentStatus, options?: ConsentTransitionOptions): Promise<Consent> {
    const ref = parseRef(refInput);
    const to = parse(ConsentStatusSchema, toInput, ['to']);
    const { reason } = parseOptions(TransitionOptionsSchema, options);
    const before = await context.load<Consent>('consents', ref.id);
    await authorizeOnClient('transition', before);
    // A stale ref is a conflict even when the current status would also refuse the move: the caller acted on old data.
    if (ref.version !== before.version) throw new ConflictError('consents', before.id, ref.version, before.version);
    assertTransition(CONSENT_MACHINE, before.status, to);
    if ((to === 'entered-in-error' || to === 'inactive') && !reason) {
      throw new ValidationError([{ path: ['reason'], message: 'Give a reason for this change', code: 'required' }]);
    }
    const writer = context.writer();
    const next: Consent = {
      ...before,
      status: to,
      statusHistory: [...before.statusHistory, { from: before.status, to, at: writer.timestamp, by: actorRef(context.actor), ...(reason ? { reason } : {}) }],
    };
    const record = writer.update('consents', ConsentSchema, before, next, { action: 'transition', clientId: before.clientId, transition: { from: before.status, to }, reason }, ref.version);
    await writer.commit();
    return record;
  }

  return {
    async record(input) {
      const fields = parse(ConsentInputSchema, input);
      await context.load<Client>('clients', fields.clientId);
      const at = context.now();
      const dateTime = fields.dateTime ?? at;
      const period = {
        start: startOf(fields.period?.start ?? dateTime),
        ...(fields.period?.end ? { end: endOf(fields.period.end) } : {}),
      };
      if (period.end !== undefined && Date.parse(period.end) <= Date.parse(period.start)) {
        throw new ValidationError([{ path: ['period', 'end'], message: 'The consent must end after it starts', code: 'too_small' }]);
      }
      const { period: _input, shares, ...rest } = fields;
      const normalized = normalizeShares(shares);
      const draft = {
        ...rest,
        ...(normalized ? { shares: normalized } : {}),
        dateTime,
        period,
        recordedBy: actorRef(context.actor),
        statusHistory: [{ from: null, to: fields.status, at, by: actorRef(context.actor) }],
      };
      await authorizeOnClient('create', draft);
      const writer = context.writer();
      const record = writer.create('consents', ConsentSchema, draft, { clientId: fields.clientId });
      await writer.commit();
      return record;
    },

    async get(idInput) {
      const record = await context.load<Consent>('consents', parseId(idInput));
      await authorizeOnClient('read', record);
      await context.disclose('consents', [record], { clientId: record.clientId });
      return record;
    },

    transition,

    async revoke(ref, reason) {
      return transition(ref, 'inactive', { reason });
    },

    async forClient(clientIdInput) {
      const clientId = parseId(clientIdInput, ['clientId']);
      await context.load<Client>('clients', clientId);
      await authorizeOnClient('read', { clientId });
      const consents = (await loadConsents(context, clientId)).sort((a, b) => Date.parse(b.dateTime) - Date.parse(a.dateTime) || (a.id < b.id ? 1 : -1));
      await context.disclose('consents', consents, { scope: clientId, clientId });
      return consents;
    },

    async activeShareConsent(clientIdInput, targetInput, asOf) {
      const clientId = parseId(clientIdInput, ['clientId']);
      const target = parse(z.optional(ShareTargetInputSchema), targetInput, ['target']);
      const at = parse(z.optional(z.iso.datetime({ offset: true })), asOf, ['asOf']) ?? context.now();
      await context.load<Client>('clients', clientId);
      await authorizeOnClient('read', { clientId });
      const resolved: ShareTarget = typeof target === 'string' ? { organizationId: target } : (target ?? {});
      const found = findShareConsent(await loadConsents(context, clientId), resolved, at);
      if (found) await context.disclose('consents', [found], { clientId });
      return found;
    },
  };
}

/** Shares in vocabulary order, so equal consents store equal lists; an empty list means the name only, as no list does. */
export function normalizeShares(shares: readonly ShareableClientField[] | undefined): ShareableClientField[] | undefined {
  if (!shares?.length) return undefined;
  return SHAREABLE_CLIENT_FIELDS.filter((field) => shares.includes(field));
}

/** A date entered as the start of a period means the start of that day (UTC). */
function startOf(value: string): string {
  return value.length === 10 ? `${value}T00:00:00.000Z` : value;
}

/** A date entered as the end of a period means the end of that day: the period ends when the next day begins. */
function endOf(value: string): string {
  if (value.length !== 10) return value;
  const d = new Date(`${value}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}
