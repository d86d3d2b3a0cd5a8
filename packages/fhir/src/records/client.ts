/** clients <-> Patient. */
import type { Client, Identifier as CasekitIdentifier } from '@casekit/core';
import type { HumanName, Identifier, Patient, Resource } from '@medplum/fhirtypes';
import type { RecordMapping } from './context.js';
import { addressOf, casekitAddressOf, compact, contactOf, defined, findExt, recordIdOf, recordReference, telecomOf, text, withoutIdIdentifier } from './elements.js';
import { SYSTEMS, V2_IDENTIFIER_TYPES } from './codes.js';
import { readRecordMeta, recordHeader } from './record-meta.js';

export const INTERPRETER_REQUIRED = 'http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired';

export function identifierOf(identifier: CasekitIdentifier): Identifier {
  const type = identifier.type === undefined || identifier.type === '' ? undefined : V2_IDENTIFIER_TYPES.has(identifier.type) ? { coding: [{ system: SYSTEMS.v2IdentifierType, code: identifier.type }] } : { text: identifier.type };
  return compact({ system: identifier.system, value: identifier.value, type });
}

export function casekitIdentifierOf(identifier: Identifier): CasekitIdentifier | undefined {
  if (!identifier.system || !identifier.value) return undefined;
  return compact({ system: identifier.system, value: identifier.value, type: identifier.type?.coding?.[0]?.code ?? identifier.type?.text });
}

export const clientMapping: RecordMapping<Client> = {
  collection: 'clients',
  primaryTypes: ['Patient'],
  toFhir(client) {
    const header = recordHeader(client);
    const names: HumanName[] = [{ use: 'official', family: client.name.family, given: client.name.given }];
    if (text(client.name.preferred)) names.push({ use: 'usual', text: client.name.preferred! });
    const patient: Patient = compact({
      resourceType: 'Patient' as const,
      id: header.id,
      meta: header.meta,
      extension: [...header.extension, { url: INTERPRETER_REQUIRED, valueBoolean: client.interpreterNeeded }],
      identifier: [...header.identifier, ...client.identifiers.map(identifierOf)],
      active: client.active,
      name: names,
      telecom: telecomOf(client.contact),
      gender: client.gender,
      birthDate: client.birthDate,
      address: client.address ? [addressOf(client.address)] : undefined,
      communication: client.language ? [{ language: { coding: [{ system: SYSTEMS.bcp47, code: client.language }] }, preferred: true }] : undefined,
      link: client.linkedTo ? [{ other: recordReference('Patient', client.linkedTo), type: 'replaced-by' as const }] : undefined,
    });
    return [patient];
  },
  fromFhir(resource: Resource, context) {
    const patient = resource as Patient;
    const meta = readRecordMeta(patient, context);
    if (!meta) return undefined;
    const official = patient.name?.find((n) => n.use === 'official') ?? patient.name?.find((n) => n.use !== 'usual' && n.family) ?? patient.name?.[0];
    const usual = patient.name?.find((n) => n.use === 'usual' && n !== official);
    const preferredLanguage = patient.communication?.find((c) => c.preferred) ?? patient.communication?.[0];
    const language = preferredLanguage?.language.coding?.find((c) => c.system === SYSTEMS.bcp47 || c.code)?.code;
    const linked = patient.link?.find((l) => l.type === 'replaced-by');
    return defined({
      ...meta,
      name: defined({ given: official?.given ?? [], family: official?.family ?? '', preferred: usual?.text ?? usual?.given?.join(' ') }),
      birthDate: patient.birthDate,
      gender: patient.gender,
      contact: contactOf(patient.telecom),
      address: patient.address?.[0] ? casekitAddressOf(patient.address[0]) : undefined,
      language,
      interpreterNeeded: findExt(patient.extension, INTERPRETER_REQUIRED)?.valueBoolean ?? false,
      identifiers: withoutIdIdentifier(patient.identifier).map(casekitIdentifierOf).filter((i) => i !== undefined),
      linkedTo: recordIdOf(linked?.other, 'Patient'),
      active: patient.active ?? true,
    });
  },
};
