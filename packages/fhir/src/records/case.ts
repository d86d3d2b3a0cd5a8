/**
 * cases <-> EpisodeOfCare + CareTeam + one Condition per identified need (Gravity SDOH Condition,
 * linked from EpisodeOfCare.diagnosis so their order is kept).
 */
import type { CaseRecord, CaseStatus, IdentifiedNeed, StatusChange } from '@casekit/core';
import type { CareTeam, Condition, EpisodeOfCare, EpisodeOfCareStatusHistory, Extension, Resource } from '@medplum/fhirtypes';
import { partIdFor } from '../ids.js';
import { GRAVITY_CATEGORY, isFhirCode, SYSTEMS } from './codes.js';
import type { FromContext, RecordMapping } from './context.js';
import {
  actorIdOf,
  actorIdReference,
  actorOf,
  actorReference,
  codeIn,
  compact,
  complexExt,
  defined,
  ext,
  findExt,
  instantOf,
  part,
  partsOf,
  recordIdOf,
  recordReference,
  text,
  type Json,
} from './elements.js';
import { madeByCasekit, readRecordMeta, recordHeader } from './record-meta.js';
import { IMPORTER } from './plan.js';

type EpisodeStatus = EpisodeOfCare['status'];

const TO_EPISODE: Readonly<Record<CaseStatus, EpisodeStatus>> = {
  referred: 'planned',
  intake: 'planned',
  waitlist: 'waitlist',
  active: 'active',
  'on-hold': 'onhold',
  closed: 'finished',
  cancelled: 'cancelled',
  'entered-in-error': 'entered-in-error',
};
const FROM_EPISODE: Readonly<Record<EpisodeStatus, CaseStatus>> = {
  planned: 'intake',
  waitlist: 'waitlist',
  active: 'active',
  onhold: 'on-hold',
  finished: 'closed',
  cancelled: 'cancelled',
  'entered-in-error': 'entered-in-error',
};

/** The casekit status is kept only where R4 cannot tell it (referred and intake are both `planned`). */
function statusExt(status: string): Extension[] {
  return TO_EPISODE[status as CaseStatus] === 'planned' || !(status in TO_EPISODE) ? [ext('case-status', { valueCode: status })] : [];
}
function statusFrom(status: EpisodeStatus | undefined, extensions: Extension[] | undefined): string {
  return findExt(extensions, 'case-status')?.valueCode ?? (status ? FROM_EPISODE[status] : 'intake');
}

export const caseTeamId = (caseId: string) => partIdFor(caseId, 'team');
export const caseNeedId = (caseId: string, index: number) => partIdFor(caseId, 'need', String(index));

function historyOf(history: readonly StatusChange[]): EpisodeOfCareStatusHistory[] {
  return history.map((change, index) => {
    const previous = history[index - 1];
    const fromDerived = previous ? previous.to : null;
    const next = history[index + 1];
    return compact({
      extension: [
        ...statusExt(change.to),
        complexExt('status-change', [
          change.from !== fromDerived ? (change.from === null ? part('fromNone', 'valueBoolean', true) : part('from', 'valueCode', change.from)) : undefined,
          part('by', 'valueReference', actorReference(change.by)),
          part('reason', 'valueString', change.reason),
        ]),
      ],
      status: TO_EPISODE[change.to as CaseStatus] ?? 'planned',
      period: compact({ start: change.at, end: next?.at }),
    });
  });
}

function historyFrom(entries: readonly EpisodeOfCareStatusHistory[], context: FromContext): StatusChange[] {
  const out: StatusChange[] = [];
  entries.forEach((entry, index) => {
    const parts = partsOf(findExt(entry.extension, 'status-change'));
    const previous = out.at(-1);
    out.push(
      defined({
        from: parts.get('fromNone')?.valueBoolean ? null : (parts.get('from')?.valueCode ?? previous?.to ?? null),
        to: statusFrom(entry.status, entry.extension),
        at: instantOf(entry.period.start, context.report, `EpisodeOfCare.statusHistory[${index}].period.start`) ?? '',
        by: actorOf(parts.get('by')?.valueReference) ?? IMPORTER,
        reason: parts.get('reason')?.valueString,
      }),
    );
  });
  return out;
}

function needCondition(record: CaseRecord, need: IdentifiedNeed, index: number): Condition {
  const derivedSource = need.assessmentId ? 'assessment' : 'manual';
  return compact({
    resourceType: 'Condition' as const,
    id: caseNeedId(record.id, index),
    extension: [need.status === 'addressed' ? ext('need-status', { valueCode: 'addressed' }) : undefined, need.source !== derivedSource ? ext('need-source', { valueCode: need.source }) : undefined].filter((e) => e !== undefined),
    clinicalStatus: { coding: [{ system: SYSTEMS.conditionClinical, code: need.status === 'resolved' ? 'resolved' : 'active' }] },
    category: [
      { coding: [{ system: SYSTEMS.conditionCategory, code: 'health-concern' }] },
      { coding: [{ system: SYSTEMS.gravity, code: GRAVITY_CATEGORY[need.domain] }] },
    ],
    code: { coding: [{ system: SYSTEMS.needDomain, code: need.domain }] },
    subject: recordReference('Patient', record.clientId),
    recordedDate: need.identifiedAt,
    evidence: need.assessmentId ? [{ detail: [recordReference('QuestionnaireResponse', need.assessmentId)] }] : undefined,
    note: text(need.note) ? [{ text: need.note! }] : undefined,
  });
}

function needFrom(condition: Condition, context: FromContext, path: string): Json | undefined {
  const domain = codeIn(condition.code, SYSTEMS.needDomain) ?? Object.entries(GRAVITY_CATEGORY).find(([, g]) => g !== 'sdoh-category-unspecified' && condition.category?.some((c) => codeIn(c, SYSTEMS.gravity) === g))?.[0];
  if (!domain) {
    context.report(path, 'The Condition names no casekit need domain or Gravity SDOH category casekit knows; the need is left out');
    return undefined;
  }
  const assessmentRef = condition.evidence?.flatMap((e) => e.detail ?? []).find((d) => d.reference?.startsWith('QuestionnaireResponse/'));
  const assessmentId = recordIdOf(assessmentRef, 'QuestionnaireResponse');
  const clinical = codeIn(condition.clinicalStatus, SYSTEMS.conditionClinical);
  return defined({
    domain,
    source: findExt(condition.extension, 'need-source')?.valueCode ?? (assessmentId ? 'assessment' : 'manual'),
    assessmentId,
    identifiedAt: instantOf(condition.recordedDate ?? condition.onsetDateTime, context.report, `${path}.recordedDate`) ?? context.now,
    status: findExt(condition.extension, 'need-status')?.valueCode ?? (clinical === 'resolved' || clinical === 'remission' || clinical === 'inactive' ? 'resolved' : 'identified'),
    note: condition.note?.map((n) => n.text).join('\n\n'),
  });
}

export const caseMapping: RecordMapping<CaseRecord> = {
  collection: 'cases',
  primaryTypes: ['EpisodeOfCare'],
  toFhir(record) {
    const header = recordHeader(record);
    const open = !['closed', 'cancelled', 'entered-in-error'].includes(record.status);
    const team: CareTeam = compact({
      resourceType: 'CareTeam' as const,
      id: caseTeamId(record.id),
      status: record.status === 'entered-in-error' ? ('entered-in-error' as const) : open ? ('active' as const) : ('inactive' as const),
      subject: recordReference('Patient', record.clientId, record.clientName),
      participant: record.careTeam.map((member) => ({ role: [isFhirCode(member.role) ? { coding: [{ system: SYSTEMS.careTeamRole, code: member.role }] } : { text: member.role }], member: actorIdReference(member.actorId, member.name)! })),
    });
    const needs = record.needs.map((need, index) => needCondition(record, need, index));
    const pending = record.pendingApproval;
    const transfer = record.pendingTransfer;
    const episode: EpisodeOfCare = compact({
      resourceType: 'EpisodeOfCare' as const,
      id: header.id,
      meta: compact({ ...header.meta, tag: record.tags.map((tag) => (isFhirCode(tag) ? { system: SYSTEMS.tag, code: tag } : { system: SYSTEMS.tag, display: tag })) }),
      extension: [
        ...header.extension,
        ...statusExt(record.status),
        text(record.title) ? ext('case-title', { valueString: record.title! }) : undefined,
        record.clientInterpreterNeeded !== undefined ? ext('client-interpreter-needed', { valueBoolean: record.clientInterpreterNeeded }) : undefined,
        ext('case-priority', { valueCode: record.priority }),
        ext('risk-level', { valueCode: record.riskLevel }),
        record.nextContactDue ? ext('next-contact-due', { valueDate: record.nextContactDue }) : undefined,
        record.activatedAt ? ext('activated-at', { valueInstant: record.activatedAt }) : undefined,
        record.lastContactAt ? ext('last-contact-at', { valueInstant: record.lastContactAt }) : undefined,
        record.closure ? complexExt('case-closure', [part('reason', 'valueCode', record.closure.reason), part('note', 'valueString', record.closure.note)]) : undefined,
        pending
          ? complexExt('pending-approval', [
              part('kind', 'valueCode', pending.kind),
              part('requestedBy', 'valueReference', actorReference(pending.requestedBy)),
              part('requestedAt', 'valueInstant', pending.requestedAt),
              part('closureReason', 'valueCode', pending.closureReason),
              part('note', 'valueString', pending.note),
            ])
          : undefined,
        transfer
          ? complexExt('pending-transfer', [
              part('to', 'valueReference', actorIdReference(transfer.to.id, transfer.to.name)),
              part('requestedBy', 'valueReference', actorReference(transfer.requestedBy)),
              part('requestedAt', 'valueInstant', transfer.requestedAt),
              part('reason', 'valueString', transfer.reason),
            ])
          : undefined,
      ].filter((e) => e !== undefined),
      identifier: header.identifier,
      status: TO_EPISODE[record.status],
      statusHistory: historyOf(record.statusHistory),
      type: [isFhirCode(record.program) ? { coding: [{ system: SYSTEMS.program, code: record.program }] } : { text: record.program }],
      diagnosis: needs.map((condition, index) => ({ condition: { reference: `Condition/${condition.id}` }, rank: index + 1 })),
      patient: recordReference('Patient', record.clientId, record.clientName),
      period: compact({ start: record.openedAt, end: record.closedAt }),
      referralRequest: text(record.referralSource) ? [{ display: record.referralSource! }] : undefined,
      careManager: actorIdReference(record.assigneeId, record.assigneeName),
      team: [{ reference: `CareTeam/${team.id}` }],
    });
    return [episode, team, ...needs];
  },
  fromFhir(resource: Resource, context) {
    const episode = resource as EpisodeOfCare;
    const meta = readRecordMeta(episode, context);
    if (!meta) return undefined;
    const clientId = recordIdOf(episode.patient, 'Patient');
    const teams = (episode.team ?? []).flatMap((ref, i) => {
      const team = context.resolve(ref);
      if (team?.resourceType === 'CareTeam') return [team as CareTeam];
      context.report(`EpisodeOfCare.team[${i}]`, 'The CareTeam is not among the imported resources; its members are not imported');
      return [];
    });
    teams.forEach((t) => context.claim(t));
    const careTeam = teams.flatMap((t, ti) =>
      (t.participant ?? []).flatMap((p, pi) => {
        const actorId = actorIdOf(p.member);
        const name = p.member?.display;
        if (!actorId || !name) {
          context.report(`CareTeam.participant[${pi}]`, `A care team member needs an id and a name; member ${ti}.${pi} is left out`);
          return [];
        }
        return [{ actorId, name, role: codeIn(p.role?.[0], SYSTEMS.careTeamRole) ?? p.role?.[0]?.text ?? p.role?.[0]?.coding?.[0]?.code ?? 'member' }];
      }),
    );
    const needs = (episode.diagnosis ?? [])
      .slice()
      .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
      .flatMap((d, i) => {
        const condition = context.resolve(d.condition);
        if (condition?.resourceType !== 'Condition') {
          context.report(`EpisodeOfCare.diagnosis[${i}]`, 'The condition is not among the imported resources; the need is left out');
          return [];
        }
        context.claim(condition);
        const need = needFrom(condition, context, `Condition/${condition.id}`);
        return need ? [need] : [];
      });
    const ext = (name: string) => findExt(episode.extension, name);
    const closure = partsOf(ext('case-closure'));
    const pending = partsOf(ext('pending-approval'));
    const transfer = partsOf(ext('pending-transfer'));
    const transferTo = transfer.get('to')?.valueReference;
    const history = historyFrom(episode.statusHistory ?? [], context);
    const openedAt = instantOf(episode.period?.start, context.report, 'EpisodeOfCare.period.start') ?? meta.createdAt;
    const status = statusFrom(episode.status, episode.extension);
    const program = codeIn(episode.type?.[0], SYSTEMS.program) ?? episode.type?.[0]?.text ?? episode.type?.[0]?.coding?.[0]?.code;
    if (!program) context.report('EpisodeOfCare.type', 'No program: the case is given the program "unspecified"');
    if (!episode.statusHistory?.length && !madeByCasekit(episode)) context.report('EpisodeOfCare.statusHistory', 'No status history: the case starts with its current status');
    return defined({
      ...meta,
      program: program ?? 'unspecified',
      title: ext('case-title')?.valueString,
      priority: ext('case-priority')?.valueCode ?? 'medium',
      riskLevel: ext('risk-level')?.valueCode ?? 'low',
      assigneeId: actorIdOf(episode.careManager),
      assigneeName: episode.careManager?.display,
      careTeam,
      needs,
      nextContactDue: ext('next-contact-due')?.valueDate,
      tags: (episode.meta?.tag ?? []).filter((t) => t.system === SYSTEMS.tag).map((t) => t.code ?? t.display ?? ''),
      referralSource: episode.referralRequest?.[0]?.display,
      clientId,
      clientName: episode.patient?.display ?? '',
      clientInterpreterNeeded: ext('client-interpreter-needed')?.valueBoolean,
      status,
      statusHistory: history.length || madeByCasekit(episode) ? history : [{ from: null, to: status, at: openedAt, by: IMPORTER }],
      openedAt,
      activatedAt: ext('activated-at')?.valueInstant,
      closedAt: instantOf(episode.period?.end, context.report, 'EpisodeOfCare.period.end'),
      closure: closure.size ? defined({ reason: closure.get('reason')?.valueCode, note: closure.get('note')?.valueString }) : undefined,
      lastContactAt: ext('last-contact-at')?.valueInstant,
      pendingApproval: pending.size
        ? defined({
            kind: pending.get('kind')?.valueCode,
            requestedBy: actorOf(pending.get('requestedBy')?.valueReference),
            requestedAt: pending.get('requestedAt')?.valueInstant,
            closureReason: pending.get('closureReason')?.valueCode,
            note: pending.get('note')?.valueString,
          })
        : undefined,
      pendingTransfer: transfer.size
        ? defined({
            to: defined({ id: actorIdOf(transferTo), name: transferTo?.display }),
            requestedBy: actorOf(transfer.get('requestedBy')?.valueReference),
            requestedAt: transfer.get('requestedAt')?.valueInstant,
            reason: transfer.get('reason')?.valueString,
          })
        : undefined,
    });
  },
};

