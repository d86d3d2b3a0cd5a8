/**
 * audit <-> AuditEvent. action: create -> C, read and export -> R, update, transition, approve and
 * override -> U, delete -> D, import -> E (the casekit action is the subtype). outcome: 0, or 4 (minor
 * failure) when the policy refused. The record acted on is the first entity (by casekit identifier, as
 * it may be gone); records listed by a read, the case and the client follow, each named by a detail.
 */
import type { AuditAction, AuditEvent as CasekitAuditEvent, CollectionName } from '@casekit/core';
import type { AuditEvent, AuditEventEntity, AuditEventEntityDetail, Resource, ResourceType } from '@medplum/fhirtypes';
import { CASEKIT_ID_SYSTEM } from '../extensions.js';
import { fhirIdFor } from '../ids.js';
import { SYSTEMS } from './codes.js';
import type { RecordMapping } from './context.js';
import { actorIdOf, compact, defined, ext, findExt, metaOf, text, type AnyReference } from './elements.js';
import { readRecordMeta, recordMetaExts } from './record-meta.js';
import { MAIN_RESOURCE_TYPE } from './resource-types.js';
import { IMPORTER } from './plan.js';

const ACTION: Readonly<Record<AuditAction, AuditEvent['action']>> = {
  create: 'C',
  read: 'R',
  export: 'R',
  update: 'U',
  transition: 'U',
  approve: 'U',
  override: 'U',
  delete: 'D',
  import: 'E',
};
const FROM_ACTION: Record<string, AuditAction> = { C: 'create', R: 'read', U: 'update', D: 'delete', E: 'import' };


const detail = (type: string, value: string | number | undefined): AuditEventEntityDetail | undefined => (value === undefined || value === '' ? undefined : { type, valueString: String(value) });

function entity(field: string, id: string, type: ResourceType | undefined, details: (AuditEventEntityDetail | undefined)[] = []): AuditEventEntity {
  return compact({ what: compact({ type, identifier: { system: CASEKIT_ID_SYSTEM, value: id } }), detail: [detail('field', field), ...details].filter((d) => d !== undefined) });
}

export const auditMapping: RecordMapping<CasekitAuditEvent> = {
  collection: 'audit',
  primaryTypes: ['AuditEvent'],
  toFhir(event) {
    const id = fhirIdFor(event.id);
    const main = entity('recordId', event.recordId, MAIN_RESOURCE_TYPE[event.collection as CollectionName], [
      detail('collection', event.collection),
      detail('part', event.part),
      detail('fromVersion', event.fromVersion),
      detail('toVersion', event.toVersion),
      detail('transitionFrom', event.transition?.from),
      detail('transitionTo', event.transition?.to),
      ...(event.changedFields ?? []).map((f) => detail('changedField', f)),
      event.changedFields && event.changedFields.length === 0 ? detail('changedFields', 'none') : undefined,
    ]);
    const resource: AuditEvent = compact({
      resourceType: 'AuditEvent' as const,
      id,
      meta: metaOf(event),
      extension: [
        ...recordMetaExts(event),
        id === event.id ? undefined : ext('record-id', { valueString: event.id }),
        text(event.reason) !== undefined ? ext('audit-reason', { valueString: event.reason }) : undefined,
        event.recordIds && event.recordIds.length === 0 ? ext('listed-none', { valueBoolean: true }) : undefined,
      ].filter((e) => e !== undefined),
      type: { system: SYSTEMS.auditEventType, code: 'rest' },
      subtype: [{ system: SYSTEMS.auditAction, code: event.action }],
      action: ACTION[event.action],
      recorded: event.at,
      outcome: event.outcome === 'refused' ? ('4' as const) : ('0' as const),
      agent: [
        compact({
          who: compact<AnyReference>({ type: 'Practitioner', identifier: { system: SYSTEMS.actor, value: event.actor.id }, display: text(event.actor.name) }),
          role: event.actor.role ? [{ text: event.actor.role }] : undefined,
          requestor: true,
        }),
      ],
      source: { observer: { display: 'casekit' } },
      entity: [
        main,
        ...(event.recordIds ?? []).map((recordId) => entity('recordIds', recordId, MAIN_RESOURCE_TYPE[event.collection as CollectionName])),
        event.caseId !== undefined ? entity('caseId', event.caseId, 'EpisodeOfCare') : undefined,
        event.clientId !== undefined ? entity('clientId', event.clientId, 'Patient') : undefined,
      ].filter((e) => e !== undefined),
    });
    return [resource];
  },
  fromFhir(resource: Resource, context) {
    const event = resource as AuditEvent;
    const meta = readRecordMeta(event, context);
    if (!meta) return undefined;
    const field = (e: AuditEventEntity) => e.detail?.find((d) => d.type === 'field')?.valueString;
    const idOf = (e: AuditEventEntity | undefined) => e?.what?.identifier?.value ?? e?.what?.reference?.split('/').pop();
    const entities = event.entity ?? [];
    const main = entities.find((e) => field(e) === 'recordId') ?? entities[0];
    const details = (type: string) => (main?.detail ?? []).filter((d) => d.type === type).map((d) => d.valueString ?? '');
    const one = (type: string) => details(type)[0];
    const number = (type: string) => (one(type) === undefined ? undefined : Number(one(type)));
    const listed = entities.filter((e) => field(e) === 'recordIds').map(idOf).filter((id): id is string => id !== undefined);
    const action = event.subtype?.map((s) => (s.system === SYSTEMS.auditAction ? s.code : undefined)).find(Boolean) ?? FROM_ACTION[event.action ?? 'R'] ?? 'read';
    const collection = one('collection') ?? Object.entries(MAIN_RESOURCE_TYPE).find(([, type]) => type === main?.what?.type || main?.what?.reference?.startsWith(`${type}/`))?.[0];
    if (!collection) context.report('AuditEvent.entity', 'The entity is not a casekit record: the event is filed under collection "external"');
    const agent = event.agent.find((a) => a.requestor) ?? event.agent[0];
    const from = one('transitionFrom');
    const to = one('transitionTo');
    const changed = details('changedField');
    return defined({
      ...meta,
      at: event.recorded,
      actor: agent ? { id: actorIdOf(agent.who) ?? agent.name ?? 'unknown', name: agent.who?.display ?? agent.name ?? '', role: agent.role?.[0]?.text ?? agent.role?.[0]?.coding?.[0]?.code ?? '' } : IMPORTER,
      action,
      collection: collection ?? 'external',
      recordId: idOf(main) ?? 'unknown',
      recordIds: listed.length ? listed : findExt(event.extension, 'listed-none') ? [] : undefined,
      outcome: event.outcome && event.outcome !== '0' ? 'refused' : undefined,
      caseId: idOf(entities.find((e) => field(e) === 'caseId')),
      clientId: idOf(entities.find((e) => field(e) === 'clientId')),
      fromVersion: number('fromVersion'),
      toVersion: number('toVersion'),
      transition: from !== undefined && to !== undefined ? { from, to } : undefined,
      part: one('part'),
      changedFields: changed.length ? changed : one('changedFields') === 'none' ? [] : undefined,
      reason: findExt(event.extension, 'audit-reason')?.valueString,
    });
  },
};


