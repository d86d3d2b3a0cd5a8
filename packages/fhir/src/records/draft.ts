/**
 * drafts <-> Basic. A draft is private, unfinished work whose `data` is whatever JSON a widget needs:
 * no FHIR resource means that, and a QuestionnaireResponse `in-progress` would claim a questionnaire
 * structure the data need not have. Basic is R4's resource for concepts it has none for; a server
 * stores it without interpreting it. The data travel as JSON text; the draft is labelled restricted
 * (meta.security R) since only its owner may read it.
 */
import type { Draft } from '@casekit/core';
import type { Basic, Resource } from '@medplum/fhirtypes';
import { SYSTEMS } from './codes.js';
import type { RecordMapping } from './context.js';
import { actorIdOf, compact, defined, ext, findExt, recordIdOf, recordReference } from './elements.js';
import { episodeExt, episodeIdOf } from './plan.js';
import { readRecordMeta, recordHeader } from './record-meta.js';

export const draftMapping: RecordMapping<Draft> = {
  collection: 'drafts',
  primaryTypes: ['Basic'],
  toFhir(draft) {
    const header = recordHeader(draft);
    const basic: Basic = compact({
      resourceType: 'Basic' as const,
      id: header.id,
      meta: { ...header.meta, security: [{ system: SYSTEMS.v3Confidentiality, code: 'R' }] },
      extension: [...header.extension, ext('draft-kind', { valueString: draft.kind }), ext('draft-data', { valueString: JSON.stringify(draft.data) }), draft.caseId ? episodeExt(draft.caseId) : undefined].filter((e) => e !== undefined),
      identifier: header.identifier,
      code: { coding: [{ system: SYSTEMS.recordKind, code: 'draft' }] },
      subject: draft.clientId ? recordReference('Patient', draft.clientId) : undefined,
      author: { type: 'Practitioner', identifier: { system: SYSTEMS.actor, value: draft.ownerId } },
    });
    return [basic];
  },
  fromFhir(resource: Resource, context) {
    const basic = resource as Basic;
    if (!basic.code.coding?.some((c) => c.system === SYSTEMS.recordKind && c.code === 'draft')) {
      context.report(`Basic/${basic.id ?? ''}`, 'A Basic resource that is not a casekit draft is not imported');
      return undefined;
    }
    const meta = readRecordMeta(basic, context);
    if (!meta) return undefined;
    const raw = findExt(basic.extension, 'draft-data')?.valueString;
    let data: unknown = null;
    try {
      data = raw === undefined ? null : JSON.parse(raw);
    } catch {
      context.report('Basic.extension(draft-data)', 'The draft data is not JSON; the draft is imported with no data');
    }
    return defined({
      ...meta,
      ownerId: actorIdOf(basic.author),
      kind: findExt(basic.extension, 'draft-kind')?.valueString ?? 'unknown',
      caseId: episodeIdOf(basic.extension),
      clientId: recordIdOf(basic.subject, 'Patient'),
      data,
    });
  },
};

