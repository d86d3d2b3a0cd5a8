import { caseAssigneeCopy } from '../case/case-assignee-copies.js';
import * as z from 'zod/mini';
import { OPEN_CASE_STATUSES, type CaseRecord } from '../case/case-schema.js';
import type { Client } from '../client/client-schema.js';
import { SharesSchema, type ShareableClientField } from '../consent/consent-schema.js';
import { findShareConsent, loadConsents, normalizeShares } from '../consent/consents-api.js';
import type { Organization, Service } from '../directory/directory-schema.js';
import { definedOnly, patchSchemaOf } from '../internal/patch-schema.js';
import { ConflictError, TransitionError, ValidationError } from '../errors/errors.js';
import type { ManagerContext } from '../internal/context.js';
import { parse, parseId, parseOptions, parseRef } from '../internal/parse.js';
import { assertTransition } from '../internal/state-machine.js';
import type { VersionRef } from '../internal/writer.js';
import { actorRef, Id, Instant } from '../records/common.js';
import { allowedReferralTransitions, REFERRAL_MACHINE } from './referral-machine.js';
import { buildReferralPacket } from './referral-packet.js';
import {
  REFERRAL_SIDE_STATUSES,
  ReferralFieldsSchema,
  ReferralOutcomeSchema,
  ReferralSchema,
  ReferralServiceInputSchema,
  ReferralStatusSchema,
  type Referral,
  type ReferralConsent,
  type ReferralPacket,
  type ReferralService,
  type ReferralSide,
  type ReferralStatus,
  type ReferralStatusChange,
} from './referral-schema.js';

const ConsentOverrideInputSchema = z.strictObject({
  reason: z.string().check(z.trim(), z.minLength(1, 'Give the reason for sending without a consent on file'), z.maxLength(2000)),
  /** Client fields to share beyond the name (see `SHAREABLE_CLIENT_FIELDS`); absent: the name only. Audited with the override. */
  shares: z.optional(SharesSchema),
});
export type ConsentOverrideInput = z.input<typeof ConsentOverrideInputSchema>;

export const ReferralInputSchema = z.strictObject({
  ...ReferralFieldsSchema.shape,
  caseId: Id,
  service: ReferralServiceInputSchema,
  /** Send at once (status `requested`) instead of saving a draft. Needs consent or `consentOverride`. */
  send: z._default(z.boolean(), false),
  consentOverride: z.optional(ConsentOverrideInputSchema),
});
export type ReferralInput = z.input<typeof ReferralInputSchema>;

export const ReferralPatchSchema = patchSchemaOf(z.extend(ReferralFieldsSchema, { service: ReferralServiceInputSchema }));
export type ReferralPatch = z.input<typeof ReferralPatchSchema>;

const TransitionOptionsSchema = z.strictObject({
  /** Why: required for rejected and entered-in-error; kept as the status reason for cancelled, on-hold and failed. */
  reason: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(2000))),
  /** How it ended: required for completed and failed, refused otherwise. */
  outcome: z.optional(ReferralOutcomeSchema),
  /** A case manager recording the receiving organisation's answer (e.g. after a phone call). */
  recordedFor: z.optional(z.literal('performer')),
  /** Send without a consent on file (only with `requested`); the policy must allow `override-consent`. */
  consentOverride: z.optional(ConsentOverrideInputSchema),
});
export type ReferralTransitionOptions = z.input<typeof TransitionOptionsSchema>;

const SharePreviewOptionsSchema = z.strictObject({ consentOverride: z.optional(ConsentOverrideInputSchema) });
export type ReferralSharePreviewOptions = z.input<typeof SharePreviewOptionsSchema>;

/** A referral not created yet, for `sharePreview`: what `create({ caseId, service, ..., send: true })` would share. */
const NewReferralShareTargetSchema = z.strictObject({ caseId: Id, service: ReferralServiceInputSchema });
export type NewReferralShareTarget = z.input<typeof NewReferralShareTargetSchema>;

/**
 * What sending would rest on: the consent on file, an override (when one was passed to the preview), or
 * nothing yet (`override-needed`: `send` would refuse without a consent override).
 */
export type ReferralShareBasis = { consentId: string } | 'override' | 'override-needed';

/** What `referrals.sharePreview` returns. */
export interface ReferralSharePreview {
  /** The client the packet is about (the read is audited on this client). */
  clientId: string;
  /** Exactly what `send` would snapshot onto the referral now. */
  packet: ReferralPacket;
  basis: ReferralShareBasis;
}

const OverdueQuerySchema = z.strictObject({ asOf: z.optional(Instant), organizationId: z.optional(Id) });
export type ReferralOverdueQuery = z.input<typeof OverdueQuerySchema>;

export interface ReferralsApi {
  /**
   * Creates a referral on an open case, to a directory service (`service: { serviceId }`, whose details
   * are copied) or a free-text one. A draft unless `send: true`, which needs an active consent to share
   * with the receiving organisation or a `consentOverride` with a reason (audited as an override).
   */
  create(input: ReferralInput): Promise<Referral>;
  get(id: string): Promise<Referral>;
  /** The referrals of a case, oldest first. */
  forCase(caseId: string): Promise<Referral[]>;
  /**
   * Referrals addressed to an organisation that this actor may see, oldest first — a provider's inbox.
   * Drafts are left out unless `statuses` names them.
   */
  forOrganization(organizationId: string, options?: { statuses?: ReferralStatus[] }): Promise<Referral[]>;
  /** Edits a draft (reason, urgency, links, service). Sent referrals change only by transitions. */
  update(ref: VersionRef, patch: ReferralPatch): Promise<Referral>;
  /**
   * Moves a referral through the Gravity Task flow. The referring side sets draft, requested, cancelled
   * and entered-in-error; the receiving organisation (a provider of it, or a case manager passing
   * `recordedFor: 'performer'`) sets accepted, rejected, in-progress, on-hold, failed, completed and
   * cancelled. A status of the other side is a TransitionError listing what this actor may do.
   */
  transition(ref: VersionRef, to: ReferralStatus, options?: ReferralTransitionOptions): Promise<Referral>;
  /** Sends a draft: `transition(ref, 'requested', options)`. */
  send(ref: VersionRef, options?: { consentOverride?: ConsentOverrideInput }): Promise<Referral>;
  /**
   * What sending this draft now would share with the receiving organisation: the packet `send` would
   * snapshot (the client's name plus the fields the consent on file shares, or, without one, those the
   * `consentOverride` names) and its basis. Writes nothing but the audit of the read: the packet
   * discloses client fields, so it is audited as a read of the client. Allowed to whoever may send it.
   *
   * Given `{ caseId, service }` instead of a draft's ref, it previews a referral not created yet: what
   * `create({ caseId, service, ..., send: true })` would share, allowed to whoever may create it.
   */
  sharePreview(target: VersionRef | NewReferralShareTarget, options?: ReferralSharePreviewOptions): Promise<ReferralSharePreview>;
  /** True when the referral was sent and not accepted or rejected by its acknowledgement due time. */
  isOverdue(referral: Pick<Referral, 'status' | 'acknowledgementDueAt'>, asOf?: string): boolean;
  /** Overdue referrals this actor may see (optionally of one receiving organisation), most overdue first. */
  overdue(query?: ReferralOverdueQuery): Promise<Referral[]>;
  /** Statuses the referral may move to next when set by `side` (default: this actor's side). */
  allowedTransitions(referral: Pick<Referral, 'status' | 'service'>, side?: ReferralSide): ReferralStatus[];
}

const REASON_REQUIRED: readonly ReferralStatus[] = ['rejected', 'entered-in-error'];
const OUTCOME_REQUIRED: readonly ReferralStatus[] = ['completed', 'failed'];
const KEEPS_STATUS_REASON: readonly ReferralStatus[] = ['rejected', 'cancelled', 'on-hold', 'failed', 'entered-in-error'];

export function createReferralsApi(context: ManagerContext): ReferralsApi {
  /** A provider actor of the receiving organisation acts for the performer; everyone else for the requester. */
  const actorSide = (referral: Pick<Referral, 'service'>): ReferralSide =>
    context.actor.organizationId !== undefined && context.actor.organizationId === referral.service.organizationId ? 'performer' : 'requester';

  const isOverdue = (referralInput: Pick<Referral, 'status' | 'acknowledgementDueAt'>, asOfInput?: string): boolean => {
    const referral = parse(z.looseObject({ status: ReferralStatusSchema, acknowledgementDueAt: z.optional(Instant) }), referralInput, ['referral']);
    const asOf = parse(z.optional(Instant), asOfInput, ['asOf']);
    return referral.status === 'requested' &&
    referral.acknowledgementDueAt !== undefined &&
    Date.parse(asOf ?? context.now()) > Date.parse(referral.acknowledgementDueAt);
  };

  async function resolveService(input: z.output<typeof ReferralServiceInputSchema>): Promise<ReferralService> {
    if (input.serviceId !== undefined) {
      const service = await context.load<Service>('services', input.serviceId);
      if (service.status !== 'active') {
        throw new ValidationError([{ path: ['service', 'serviceId'], message: `${service.name} is no longer offered`, code: 'inactive' }]);
      }
      if (input.category !== undefined && !service.categories.includes(input.category)) {
        throw new ValidationError([{ path: ['service', 'category'], message: `${service.name} does not address ${input.category}`, code: 'invalid_value' }]);
      }
      return {
        serviceId: service.id,
        organizationId: service.organizationId,
        organizationName: service.organizationName,
        serviceName: service.name,
        category: input.category ?? service.categories[0]!,
        contact: service.contact,
      };
    }
    if (input.organizationId !== undefined) await context.load<Organization>('organizations', input.organizationId);
    return {
      ...(input.organizationId !== undefined ? { organizationId: input.organizationId } : {}),
      organizationName: input.organizationName!,
      serviceName: input.serviceName!,
      category: input.category!,
      contact: input.contact ?? {},
    };
  }

  async function checkPlan(planId: string | undefined, caseId: string): Promise<void> {
    if (planId === undefined) return;
    const plan = await context.storage.get('plans', planId);
    if (!plan || plan['caseId'] !== caseId) {
      throw new ValidationError([{ path: ['planId'], message: 'Choose a care plan of this case', code: 'invalid_value' }]);
    }
  }

  /**
   * The consent that allows sending, or the override. A missing consent is a ValidationError on path
   * `['consent']`, not a PermissionError: nothing is wrong with *who* is acting — the same actor may send
   * once a consent is recorded or with an override — what is missing is a fact about the client, and a
   * field path lets a form show the message beside the consent step and offer both ways forward. A
   * PermissionError is thrown only when the policy refuses the override itself.
   * When a consent is on file it is used and any override is not needed (and not recorded).
   */
  async function consentToSend(
    referral: Pick<Referral, 'clientId' | 'clientName' | 'service'> & Partial<Referral>,
    caseRecord: CaseRecord,
    override: ConsentOverrideInput | undefined,
    at: string,
  ): Promise<{ consent: ReferralConsent; packet: ReferralPacket; overrideReason?: string }> {
    const found = await shareConsentOf(referral, at);
    if (found) return { consent: { consentId: found.id }, packet: await packetOf(referral, found.shares) };
    if (override) {
      context.authorize({ action: 'override-consent', collection: 'referrals', record: referral, case: caseRecord });
      const shares = normalizeShares(override.shares);
      return {
        consent: { override: { reason: override.reason, by: actorRef(context.actor), at, ...(shares ? { shares } : {}) } },
        packet: await packetOf(referral, shares),
        overrideReason: `${override.reason}${shares ? ` (shares ${shares.join(', ')})` : ''}`,
      };
    }
    throw new ValidationError([
      {
        path: ['consent'],
        code: 'consent-required',
        message: `${referral.clientName} has no active consent to share information with ${referral.service.organizationName}: record the consent, or send with a consent override and a reason`,
      },
    ]);
  }

  async function shareConsentOf(referral: Pick<Referral, 'clientId' | 'service'>, at: string) {
    const target = { organizationId: referral.service.organizationId, organizationName: referral.service.organizationName };
    return findShareConsent(await loadConsents(context, referral.clientId), target, at);
  }

  /** The packet for `shares`, read from the client record as it is now (callers have authorised). */
  async function packetOf(referral: Pick<Referral, 'clientId' | 'clientName'>, shares: readonly ShareableClientField[] | undefined): Promise<ReferralPacket> {
    const client = await context.storage.get<Client & { id: string; version: number }>('clients', referral.clientId);
    return buildReferralPacket(client, referral.clientName, normalizeShares(shares) ?? []);
  }

  const sentFields = (at: string) => ({
    requestedAt: at,
    requestedBy: actorRef(context.actor),
    acknowledgementDueAt: new Date(Date.parse(at) + context.settings.referralAcknowledgementDays * 86_400_000).toISOString(),
  });

  /** Keeps the referrals this actor may read (loading each one's case once). */
  async function visible(referrals: readonly Referral[]): Promise<Referral[]> {
    const cases = new Map<string, CaseRecord | undefined>();
    const out: Referral[] = [];
    for (const referral of referrals) {
      if (!cases.has(referral.caseId)) cases.set(referral.caseId, await context.storage.get<CaseRecord & { id: string; version: number }>('cases', referral.caseId));
      if (context.allows({ action: 'read', collection: 'referrals', record: referral, case: cases.get(referral.caseId) })) out.push(referral);
    }
    return out;
  }

  /** The open case a referral is created from, which this actor may refer from (`create` and its preview). */
  async function caseToReferFrom(caseId: string): Promise<CaseRecord> {
    const caseRecord = await context.loadCase(caseId);
    // Who may not refer from this case learns nothing more about it (not even its status).
    context.authorize({ action: 'create', collection: 'referrals', record: { caseId: caseRecord.id, clientId: caseRecord.clientId }, case: caseRecord });
    if (!OPEN_CASE_STATUSES.includes(caseRecord.status)) {
      throw new ValidationError([{ path: ['caseId'], message: `The case is ${caseRecord.status}; reopen it to refer the client`, code: 'invalid_value' }]);
    }
    return caseRecord;
  }

  /** A saved draft `sharePreview` may look at: the same checks `send` makes before anything is read. */
  async function draftToSend(ref: VersionRef): Promise<Referral> {
    const referral = await context.load<Referral>('referrals', ref.id);
    if (ref.version !== referral.version) throw new ConflictError('referrals', referral.id, ref.version, referral.version);
    const caseRecord = await context.loadCase(referral.caseId);
    context.authorize({ action: 'transition', collection: 'referrals', record: referral, case: caseRecord });
    assertTransition(REFERRAL_MACHINE, referral.status, 'requested');
    return referral;
  }

  /** The referral `create` would make, for `sharePreview`: the same checks `create` makes, nothing stored. */
  async function unsavedDraft(target: z.output<typeof NewReferralShareTargetSchema>): Promise<Pick<Referral, 'caseId' | 'clientId' | 'clientName' | 'service'>> {
    const caseRecord = await caseToReferFrom(target.caseId);
    const draft = { caseId: caseRecord.id, clientId: caseRecord.clientId, clientName: caseRecord.clientName, service: await resolveService(target.service), status: 'draft' as const };
    context.authorize({ action: 'create', collection: 'referrals', record: draft, case: caseRecord });
    return draft;
  }

  const byCreated = (a: Referral, b: Referral) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  async function transition(refInput: VersionRef, toInput: ReferralStatus, optionsInput?: ReferralTransitionOptions): Promise<Referral> {
    const ref = parseRef(refInput);
    const to = parse(ReferralStatusSchema, toInput, ['to']);
    const options = parseOptions(TransitionOptionsSchema, optionsInput);
    const before = await context.load<Referral>('referrals', ref.id);
    if (ref.version !== before.version) throw new ConflictError('referrals', before.id, ref.version, before.version);
    const caseRecord = await context.loadCase(before.caseId);
    context.authorize({ action: 'transition', collection: 'referrals', record: before, case: caseRecord });

    const side = options.recordedFor === 'performer' ? 'performer' : actorSide(before);
    const recordedFor = side === 'performer' && actorSide(before) === 'requester' ? ('performer' as const) : undefined;
    assertTransition(REFERRAL_MACHINE, before.status, to);
    if (!REFERRAL_SIDE_STATUSES[side].includes(to)) {
      const message =
        side === 'requester'
          ? `Only the receiving organisation sets a referral to "${to}"; to record its answer, pass { recordedFor: 'performer' }`
          : `Only the referring side sets a referral to "${to}"`;
      throw new TransitionError('referral', before.status, to, allowedReferralTransitions(before.status, side), message);
    }

    const issues: ValidationError['issues'] = [];
    if (REASON_REQUIRED.includes(to) && !options.reason) issues.push({ path: ['reason'], message: `Give a reason for "${to}"`, code: 'required' });
    if (OUTCOME_REQUIRED.includes(to) && !options.outcome) issues.push({ path: ['outcome'], message: 'Record the outcome of the referral', code: 'required' });
    if (!OUTCOME_REQUIRED.includes(to) && options.outcome) issues.push({ path: ['outcome'], message: 'An outcome is recorded only when the referral is completed or failed', code: 'unexpected' });
    if (to !== 'requested' && options.consentOverride) issues.push({ path: ['consentOverride'], message: 'A consent override applies only to sending', code: 'unexpected' });
    if (issues.length) throw new ValidationError(issues);

    const writer = context.writer();
    const at = writer.timestamp;
    const sending = to === 'requested' ? await consentToSend(before, caseRecord, options.consentOverride, at) : undefined;
    const entry: ReferralStatusChange = {
      from: before.status,
      to,
      at,
      by: actorRef(context.actor),
      side,
      ...(recordedFor ? { recordedFor } : {}),
      ...(options.reason ? { reason: options.reason } : {}),
    };
    const { statusReason: _previousReason, ...rest } = before;
    const next: Referral = {
      ...rest,
      status: to,
      history: [...before.history, entry],
      ...(sending ? { consent: sending.consent, packet: sending.packet, ...sentFields(at) } : {}),
      ...((to === 'accepted' || to === 'rejected') && !before.acknowledgedAt ? { acknowledgedAt: at } : {}),
      ...(OUTCOME_REQUIRED.includes(to) ? { completedAt: at, outcome: options.outcome! } : {}),
      ...(KEEPS_STATUS_REASON.includes(to) && options.reason ? { statusReason: options.reason } : {}),
    };
    const auditReason = recordedFor ? `recorded for the receiving organisation${options.reason ? `: ${options.reason}` : ''}` : options.reason;
    const record = writer.update('referrals', ReferralSchema, before, next, {
      action: 'transition',
      caseId: before.caseId,
      clientId: before.clientId,
      transition: { from: before.status, to },
      reason: auditReason,
    }, ref.version);
    if (sending?.overrideReason) writer.note('referrals', record, { action: 'override', caseId: before.caseId, clientId: before.clientId, reason: `sent without consent: ${sending.overrideReason}` });
    await writer.commit();
    return record;
  }

  return {
    async create(input) {
      const fields = parse(ReferralInputSchema, input);
      if (!fields.send && fields.consentOverride) {
        throw new ValidationError([{ path: ['consentOverride'], message: 'A consent override applies only when sending', code: 'unexpected' }]);
      }
      const caseRecord = await caseToReferFrom(fields.caseId);
      await checkPlan(fields.planId, caseRecord.id);
      const service = await resolveService(fields.service);
      const { send, consentOverride, service: _input, ...rest } = fields;
      const status: ReferralStatus = send ? 'requested' : 'draft';
      const writer = context.writer();
      const at = writer.timestamp;
      const draft = {
        ...rest,
        clientId: caseRecord.clientId,
        clientName: caseRecord.clientName,
        ...caseAssigneeCopy(caseRecord),
        service,
        status,
        history: [{ from: null, to: status, at, by: actorRef(context.actor), side: 'requester' as const }],
      };
      context.authorize({ action: 'create', collection: 'referrals', record: draft, case: caseRecord });
      const sending = send ? await consentToSend(draft, caseRecord, consentOverride, at) : undefined;
      const record = writer.create('referrals', ReferralSchema, { ...draft, ...(sending ? { consent: sending.consent, packet: sending.packet, ...sentFields(at) } : {}) }, {
        caseId: caseRecord.id,
        clientId: caseRecord.clientId,
      });
      if (sending?.overrideReason) writer.note('referrals', record, { action: 'override', caseId: record.caseId, clientId: record.clientId, reason: `sent without consent: ${sending.overrideReason}` });
      await writer.commit();
      return record;
    },

    async get(idInput) {
      const record = await context.load<Referral>('referrals', parseId(idInput));
      context.authorize({ action: 'read', collection: 'referrals', record, case: await context.loadCase(record.caseId) });
      await context.disclose('referrals', [record], { caseId: record.caseId, clientId: record.clientId });
      return record;
    },

    async forCase(caseIdInput) {
      const caseId = parseId(caseIdInput, ['caseId']);
      const caseRecord = await context.loadCase(caseId);
      const page = await context.storage.find<Referral & { id: string; version: number }>('referrals', { index: 'caseId', equals: caseId });
      // Each referral is checked: someone outside the case (e.g. a receiving organisation) sees only those sent to them.
      const readable = page.items.filter((record) => context.allows({ action: 'read', collection: 'referrals', record, case: caseRecord }));
      if (!readable.length) context.authorize({ action: 'read', collection: 'referrals', record: { caseId }, case: caseRecord });
      await context.disclose('referrals', readable, { scope: caseId, caseId, clientId: caseRecord.clientId });
      return readable.sort(byCreated);
    },

    async forOrganization(organizationIdInput, optionsInput) {
      const organizationId = parseId(organizationIdInput, ['organizationId']);
      const { statuses } = parseOptions(z.strictObject({ statuses: z.optional(z.array(ReferralStatusSchema).check(z.maxLength(20))) }), optionsInput);
      const page = await context.storage.find<Referral & { id: string; version: number }>('referrals', { index: 'organizationId', equals: organizationId });
      const wanted = page.items.filter((r) => (statuses ? statuses.includes(r.status) : r.status !== 'draft'));
      const readable = (await visible(wanted)).sort(byCreated);
      await context.disclose('referrals', readable, { scope: organizationId });
      return readable;
    },

    async update(refInput, patchInput) {
      const ref = parseRef(refInput);
      const patch = definedOnly(parse(ReferralPatchSchema, patchInput));
      const before = await context.load<Referral>('referrals', ref.id);
      if (ref.version !== before.version) throw new ConflictError('referrals', before.id, ref.version, before.version);
      const caseRecord = await context.loadCase(before.caseId);
      context.authorize({ action: 'update', collection: 'referrals', record: before, case: caseRecord });
      if (before.status !== 'draft') {
        throw new ValidationError([{ path: ['status'], message: `Only a draft referral can be edited; this one is ${before.status}`, code: 'not-editable' }]);
      }
      await checkPlan(patch.planId, before.caseId);
      const { service: serviceInput, ...fields } = patch;
      const service = serviceInput ? await resolveService(serviceInput) : before.service;
      const writer = context.writer();
      const record = writer.update('referrals', ReferralSchema, before, { ...before, ...fields, service }, { caseId: before.caseId, clientId: before.clientId }, ref.version);
      await writer.commit();
      return record;
    },

    transition,

    send: async (ref, optionsInput) => transition(ref, 'requested', parseOptions(z.strictObject({ consentOverride: z.optional(ConsentOverrideInputSchema) }), optionsInput)),

    async sharePreview(targetInput, optionsInput) {
      // A ref (or the draft itself) has an id; a referral not created yet has none, only its case and service.
      const isNew = typeof targetInput === 'object' && targetInput !== null && !('id' in targetInput) && 'caseId' in targetInput;
      const { consentOverride } = parseOptions(SharePreviewOptionsSchema, optionsInput);
      const referral = isNew ? await unsavedDraft(parse(NewReferralShareTargetSchema, targetInput, ['target'])) : await draftToSend(parseRef(targetInput));
      const found = await shareConsentOf(referral, context.now());
      const basis: ReferralShareBasis = found ? { consentId: found.id } : consentOverride ? 'override' : 'override-needed';
      const packet = await packetOf(referral, found ? found.shares : consentOverride?.shares);
      await context.disclose('clients', [{ id: referral.clientId }], { caseId: referral.caseId, clientId: referral.clientId });
      return { clientId: referral.clientId, packet, basis };
    },

    isOverdue,

    async overdue(queryInput) {
      const query = parseOptions(OverdueQuerySchema, queryInput, ['query']);
      const asOf = query.asOf ?? context.now();
      const page = await context.storage.find<Referral & { id: string; version: number }>('referrals', { index: 'status', equals: 'requested' });
      const late = page.items.filter((r) => isOverdue(r, asOf) && (query.organizationId === undefined || r.service.organizationId === query.organizationId));
      const readable = (await visible(late)).sort((a, b) => Date.parse(a.acknowledgementDueAt!) - Date.parse(b.acknowledgementDueAt!) || byCreated(a, b));
      await context.disclose('referrals', readable, { scope: 'referrals.overdue' });
      return readable;
    },

    allowedTransitions: (referralInput, sideInput) => {
      const referral = parse(z.looseObject({ status: ReferralStatusSchema, service: z.looseObject({ organizationId: z.optional(Id) }) }), referralInput, ['referral']);
      const side = parse(z.optional(z.enum(['requester', 'performer'])), sideInput, ['side']);
      return allowedReferralTransitions(referral.status, side ?? actorSide(referral as unknown as Pick<Referral, "service">));
    },
  };
}
