/**
 * The referral packet (what the receiving organisation sees of the client) <-> a Patient contained in
 * the ServiceRequest and named by its supportingInfo. A FHIR receiver reads it as an ordinary Patient
 * holding only what was shared: name text, telecom (phone, email), address, communication (preferred
 * language) with patient-interpreterRequired, birthDate. Which fields the consent (or override)
 * permitted travels in `packet-shares`, so "shared, but not on file" survives the round trip.
 */
import type { ReferralPacket, ShareableClientField } from '@casekit/core';
import type { Extension, Patient, Reference, ServiceRequest } from '@medplum/fhirtypes';
import { INTERPRETER_REQUIRED } from './client.js';
import { SYSTEMS } from './codes.js';
import { addressOf, casekitAddressOf, compact, contactOf, defined, ext, findExt, findExts, telecomOf, text } from './elements.js';

export const PACKET_ID = 'packet';
export const PACKET_REFERENCE: Reference = { reference: `#${PACKET_ID}`, display: 'Client details shared with the receiving organisation' };

export function packetPatient(packet: ReferralPacket): Patient {
  return compact({
    resourceType: 'Patient' as const,
    id: PACKET_ID,
    extension: [
      ...packet.shares.map((field) => ext('packet-shares', { valueCode: field })),
      packet.interpreterNeeded !== undefined ? { url: INTERPRETER_REQUIRED, valueBoolean: packet.interpreterNeeded } : undefined,
    ].filter((e): e is Extension => e !== undefined),
    name: text(packet.clientName) ? [{ text: packet.clientName }] : undefined,
    telecom: telecomOf({ phone: packet.phone, email: packet.email }),
    address: packet.address ? [addressOf(packet.address)] : undefined,
    communication: packet.language ? [{ language: { coding: [{ system: SYSTEMS.bcp47, code: packet.language }] }, preferred: true }] : undefined,
    birthDate: packet.birthDate,
  });
}

/** The packet of a ServiceRequest casekit (or a sender following this mapping) wrote; undefined without one. */
export function packetOf(request: ServiceRequest): ReferralPacket | undefined {
  if (!request.supportingInfo?.some((s) => s.reference === `#${PACKET_ID}`)) return undefined;
  const patient = request.contained?.find((r): r is Patient => r.resourceType === 'Patient' && r.id === PACKET_ID);
  if (!patient) return undefined;
  const contact = contactOf(patient.telecom);
  const language = patient.communication?.find((c) => c.preferred) ?? patient.communication?.[0];
  return defined({
    clientName: patient.name?.[0]?.text ?? [patient.name?.[0]?.given?.join(' '), patient.name?.[0]?.family].filter(Boolean).join(' '),
    shares: findExts(patient.extension, 'packet-shares').map((e) => e.valueCode as ShareableClientField),
    phone: contact.phone,
    email: contact.email,
    address: patient.address?.[0] ? casekitAddressOf(patient.address[0]) : undefined,
    language: language?.language.coding?.find((c) => c.system === SYSTEMS.bcp47 || c.code)?.code,
    interpreterNeeded: findExt(patient.extension, INTERPRETER_REQUIRED)?.valueBoolean,
    birthDate: patient.birthDate,
  });
}
