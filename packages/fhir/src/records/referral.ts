/**
 * referrals <-> ServiceRequest (what is asked) + Task (its fulfilment), after the Gravity SDOH Clinical
 * Care IG: Task.focus -> ServiceRequest, Task.code `fulfill`, intent `order`, requester a
 * PractitionerRole, owner the receiving Organization, authoredOn, statusReason when rejected,
 * cancelled, failed or on hold, businessStatus for the outcome. The referral history is kept on the Task.
 */
import type { Referral, ReferralStatus } from '@casekit/core';
import type { Resource, ServiceRequest, Task } from '@medplum/fhirtypes';
import { partIdFor } from '../ids.js';
import { GRAVITY_CATEGORY, SYSTEMS } from './codes.js';
import type { RecordMapping } from './context.js';
import {
  caseAssigneeExt,
  caseAssigneeOf,
  actorOf,
  actorReference,
  codeIn,
  compact,
  complexExt,
  contactOf,
  defined,
  ext,
  findExt,
  findExts,
  part,
  partsOf,
  recordIdOf,
  recordReference,
  statusChangeExt,
  statusChangeOf,
  telecomOf,
  text,
  type AnyReference,
} from './elements.js';
import { episodeExt, episodeIdOf, goalResourceId } from './plan.js';
import { readRecordMeta, recordHeader } from './record-meta.js';
import { PACKET_REFERENCE, packetOf, packetPatient } from './referral-packet.js';
import { CASEKIT_ID_SYSTEM } from '../extensions.js';

export const PERTAINS_TO_GOAL = 'http://hl7.org/fhir/StructureDefinition/resource-pertainsToGoal';
export const referralTaskId = (referralId: string) => partIdFor(referralId, 'fulfilment');

const TO_REQUEST: Readonly<Record<ReferralStatus, ServiceRequest['status']>> = {
  draft: 'draft',
  requested: 'active',
  accepted: 'active',
  'in-progress': 'active',
  'on-hold': 'on-hold',
  completed: 'completed',
  rejected: 'revoked',
  failed: 'revoked',
  cancelled: 'revoked',
  'entered-in-error': 'entered-in-error',
};

function organizationReference(id: string | undefined, name: string): AnyReference {
  return id ? { ...recordReference('Organization', id, name), type: 'Organization' } : compact<AnyReference>({ type: 'Organization', display: text(name) });
}

export const referralMapping: RecordMapping<Referral> = {
  collection: 'referrals',
  primaryTypes: ['ServiceRequest'],
  toFhir(referral) {
    const header = recordHeader(referral);
    const service = referral.service;
    const category = [{ coding: [{ system: SYSTEMS.gravity, code: GRAVITY_CATEGORY[service.category] }, { system: SYSTEMS.needDomain, code: service.category }] }];
    const patient = recordReference('Patient', referral.clientId, referral.clientName);
    const requester = referral.requestedBy ? actorReference(referral.requestedBy, 'PractitionerRole') : undefined;
    const owner = organizationReference(service.organizationId, service.organizationName);
    const consent = referral.consent;
    const request: ServiceRequest = compact({
      resourceType: 'ServiceRequest' as const,
      id: header.id,
      meta: header.meta,
      contained: referral.packet ? [packetPatient(referral.packet)] : undefined,
      extension: [
        ...header.extension,
        episodeExt(referral.caseId),
        caseAssigneeExt(referral.caseAssigneeId),
        referral.goalId ? { url: PERTAINS_TO_GOAL, valueReference: compact({ reference: referral.planId ? `Goal/${goalResourceId(referral.planId, referral.goalId)}` : undefined, identifier: { system: CASEKIT_ID_SYSTEM, value: referral.goalId } }) } : undefined,
        ...telecomOf(service.contact).map((contact) => ext('service-contact', { valueContactPoint: contact })),
        consent && 'override' in consent
          ? complexExt('consent-override', [
              part('reason', 'valueString', consent.override.reason),
              part('by', 'valueReference', actorReference(consent.override.by)),
              part('at', 'valueInstant', consent.override.at),
              ...(consent.override.shares ?? []).map((field) => part('shares', 'valueCode', field)),
            ])
          : undefined,
      ].filter((e) => e !== undefined),
      identifier: header.identifier,
      basedOn: referral.planId ? [recordReference('CarePlan', referral.planId)] : undefined,
      status: TO_REQUEST[referral.status],
      intent: 'order' as const,
      category,
      priority: referral.urgency,
      code: { text: service.serviceName },
      subject: patient,
      authoredOn: referral.requestedAt,
      requester,
      performer: [service.serviceId ? { ...recordReference('HealthcareService', service.serviceId, service.serviceName), type: 'HealthcareService' as const } : undefined, owner].filter((r) => r !== undefined),
      reasonCode: [{ text: referral.reason }],
      supportingInfo: [consent && 'consentId' in consent ? recordReference('Consent', consent.consentId) : undefined, referral.packet ? PACKET_REFERENCE : undefined].filter((r) => r !== undefined),
    });
    const first = referral.history[0];
    const task: Task = compact({
      resourceType: 'Task' as const,
      id: referralTaskId(referral.id),
      meta: header.meta,
      extension: [
        episodeExt(referral.caseId),
        referral.acknowledgedAt ? ext('acknowledged-at', { valueInstant: referral.acknowledgedAt }) : undefined,
        ...referral.history.map((change) =>
          statusChangeExt(change, [part('side', 'valueCode', change.side), part('recordedFor', 'valueCode', change.recordedFor)]),
        ),
      ].filter((e) => e !== undefined),
      status: referral.status,
      statusReason: statusReasonOf(referral),
      businessStatus: referral.outcome ? compact({ coding: [{ system: SYSTEMS.referralOutcome, code: referral.outcome.code }], text: text(referral.outcome.note) }) : undefined,
      intent: 'order' as const,
      priority: referral.urgency,
      code: { coding: [{ system: SYSTEMS.taskCode, code: 'fulfill' }] },
      focus: { reference: `ServiceRequest/${request.id}` },
      for: patient,
      // Gravity requires authoredOn and requester; a draft has neither yet, so the draft's creation stands in.
      authoredOn: referral.requestedAt ?? referral.createdAt,
      requester: requester ?? (first ? actorReference(first.by, 'PractitionerRole') : undefined),
      owner,
      executionPeriod: referral.completedAt ? { end: referral.completedAt } : undefined,
      restriction: referral.acknowledgementDueAt ? { period: { end: referral.acknowledgementDueAt } } : undefined,
    });
    return [request, task];
  },
  fromFhir(resource: Resource, context) {
    const request = resource as ServiceRequest;
    const meta = readRecordMeta(request, context);
    if (!meta) return undefined;
    const tasks = context.referencing('Task', `ServiceRequest/${request.id}`).filter((t): t is Task => (t as Task).focus?.reference === `ServiceRequest/${request.id}`);
    const task = tasks[0];
    if (task) context.claim(task);
    else context.report(`ServiceRequest/${request.id}`, 'No Task has this ServiceRequest as its focus: the referral status comes from ServiceRequest.status');
    tasks.slice(1).forEach((t) => context.report(`Task/${t.id}`, 'A second Task for the same ServiceRequest is not imported (casekit keeps one fulfilment per referral)'));
    const ext = (name: string) => findExt(request.extension, name);
    const performers = request.performer ?? [];
    const serviceRef = performers.find((p) => p.type === 'HealthcareService' || p.reference?.startsWith('HealthcareService/'));
    const orgRef = task?.owner ?? performers.find((p) => p.type === 'Organization' || p.reference?.startsWith('Organization/'));
    const goalRef = request.extension?.find((e) => e.url === PERTAINS_TO_GOAL)?.valueReference;
    const override = partsOf(ext('consent-override'));
    const overrideShares = (ext('consent-override')?.extension ?? []).filter((e) => e.url === 'shares').map((e) => e.valueCode!);
    const consentRef = request.supportingInfo?.find((s) => s.reference?.startsWith('Consent/'));
    const status = (task?.status ?? fromRequestStatus(request.status)) as string;
    if (status === 'ready' || status === 'received') context.report('Task.status', `"${status}" is not a Gravity referral status; imported as "requested"`);
    const history = task
      ? findExts(task.extension, 'status-change').map((e) => {
          const { parts, ...change } = statusChangeOf(e);
          return defined({ ...change, side: parts.get('side')?.valueCode ?? 'requester', recordedFor: parts.get('recordedFor')?.valueCode });
        })
      : [];
    const serviceName = request.code?.text ?? request.code?.coding?.[0]?.display ?? serviceRef?.display;
    const organizationName = orgRef?.display;
    if (!serviceName) context.report('ServiceRequest.code', 'No service name: "Service" is used');
    if (!organizationName) context.report('ServiceRequest.performer', 'No receiving organisation name: "Unknown organisation" is used');
    const category = codeIn(request.category?.[0], SYSTEMS.needDomain) ?? Object.entries(GRAVITY_CATEGORY).find(([, g]) => g !== 'sdoh-category-unspecified' && request.category?.some((c) => codeIn(c, SYSTEMS.gravity) === g))?.[0];
    if (!category) context.report('ServiceRequest.category', 'No need domain casekit knows: filed under "social-support"');
    const outcomeCode = codeIn(task?.businessStatus, SYSTEMS.referralOutcome);
    return defined({
      ...meta,
      goalId: recordIdOf(goalRef, 'Goal'),
      planId: recordIdOf(request.basedOn?.find((b) => b.reference?.startsWith('CarePlan/')), 'CarePlan'),
      reason: request.reasonCode?.map((r) => r.text ?? r.coding?.[0]?.display).filter(Boolean).join('; ') || request.note?.[0]?.text || 'Referral',
      urgency: request.priority ?? task?.priority ?? 'routine',
      caseId: episodeIdOf(request.extension) ?? episodeIdOf(task?.extension),
      clientId: recordIdOf(request.subject, 'Patient'),
      clientName: request.subject.display ?? '',
      caseAssigneeId: caseAssigneeOf(request.extension),
      service: defined({
        serviceId: recordIdOf(serviceRef, 'HealthcareService'),
        organizationId: recordIdOf(orgRef, 'Organization'),
        organizationName: organizationName ?? 'Unknown organisation',
        serviceName: serviceName ?? 'Service',
        category: category ?? 'social-support',
        contact: contactOf(findExts(request.extension, 'service-contact').map((e) => e.valueContactPoint!).filter(Boolean)),
      }),
      status: status === 'ready' || status === 'received' ? 'requested' : status,
      history,
      consent: consentRef
        ? { consentId: recordIdOf(consentRef, 'Consent') }
        : override.size
          ? {
              override: defined({
                reason: override.get('reason')?.valueString,
                by: actorOf(override.get('by')?.valueReference),
                at: override.get('at')?.valueInstant,
                shares: overrideShares.length ? overrideShares : undefined,
              }),
            }
          : undefined,
      packet: packetOf(request),
      requestedBy: actorOf(request.requester),
      requestedAt: request.authoredOn,
      acknowledgementDueAt: task?.restriction?.period?.end,
      acknowledgedAt: findExt(task?.extension, 'acknowledged-at')?.valueInstant,
      completedAt: task?.executionPeriod?.end,
      outcome: task?.businessStatus ? defined({ code: outcomeCode ?? 'other', note: task.businessStatus.text }) : undefined,
      statusReason: findExt(task?.statusReason?.extension, 'derived-status-reason') ? undefined : task?.statusReason?.text,
    });
  },
};

const OUTCOME_TEXT: Readonly<Record<string, string>> = {
  'service-provided': 'Service provided',
  'partially-provided': 'Service partly provided',
  'not-provided': 'Service not provided',
  'client-declined': 'Client declined',
  'unable-to-contact': 'Unable to contact the client',
  other: 'Other',
};

/**
 * Gravity asks for statusReason.text when a Task is rejected, cancelled, on hold or failed; casekit
 * does not require a reason there. When it has none, the outcome (or "No reason recorded") stands in,
 * marked as derived so that the import leaves statusReason unset again.
 */
function statusReasonOf(referral: Referral): Task['statusReason'] {
  if (text(referral.statusReason)) return { text: referral.statusReason! };
  if (!['rejected', 'cancelled', 'on-hold', 'failed'].includes(referral.status)) return undefined;
  const derived = text(referral.outcome?.note) ?? (referral.outcome ? OUTCOME_TEXT[referral.outcome.code] : undefined) ?? 'No reason recorded';
  return { extension: [ext('derived-status-reason', { valueBoolean: true })], text: derived };
}

function fromRequestStatus(status: ServiceRequest['status']): ReferralStatus {
  const map: Record<ServiceRequest['status'], ReferralStatus> = { draft: 'draft', active: 'requested', 'on-hold': 'on-hold', revoked: 'cancelled', completed: 'completed', 'entered-in-error': 'entered-in-error', unknown: 'requested' };
  return map[status];
}

