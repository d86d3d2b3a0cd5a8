/** Building blocks shared by the record mappings: casekit extensions, actor references, meta, contact points, addresses. */
import type { ActorRef, Address as CasekitAddress, ContactPoints, StatusChange } from '@casekit/core';
import type { Address, CodeableConcept, Coding, ContactPoint, Extension, Identifier, Meta, Reference, Resource, ResourceType } from '@medplum/fhirtypes';
import { CASEKIT_ID_SYSTEM, casekitExtension } from '../extensions.js';
import { fhirIdFor } from '../ids.js';
import { isFhirCode, SYSTEMS } from './codes.js';

export type Json = { [key: string]: unknown };

/** A reference assignable to any typed reference element (medplum types each element's allowed targets). */
export type AnyReference = Reference<never>;

/** A casekit extension with one value, e.g. `ext('case-priority', { valueCode: 'high' })`. */
export function ext(name: string, value: Omit<Extension, 'url'>): Extension {
  return { url: casekitExtension(name), ...value };
}

/** A complex extension from named parts; parts whose value is undefined are left out. */
export function complexExt(name: string, parts: (Extension | undefined)[]): Extension {
  return { url: casekitExtension(name), extension: parts.filter((p): p is Extension => p !== undefined) };
}

/** A part of a complex extension (relative url), or undefined when the value is absent or empty. */
export function part(url: string, key: keyof Extension, value: unknown): Extension | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return { url, [key]: value } as Extension;
}

export function findExt(list: readonly Extension[] | undefined, name: string): Extension | undefined {
  const url = name.includes(':') ? name : casekitExtension(name);
  return list?.find((e) => e.url === url);
}

export function findExts(list: readonly Extension[] | undefined, name: string): Extension[] {
  const url = name.includes(':') ? name : casekitExtension(name);
  return list?.filter((e) => e.url === url) ?? [];
}

/** The parts of a complex extension by relative url. */
export function partsOf(extension: Extension | undefined): Map<string, Extension> {
  return new Map((extension?.extension ?? []).map((e) => [e.url, e]));
}

/** Drops undefined values (casekit side: empty arrays are kept, they are values there). */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Drops undefined values and empty arrays, so no FHIR element is empty and records compare equal. */
export function compact<T extends object>(value: T): T {
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    out[key] = v;
  }
  return out as T;
}

/** A string for an optional FHIR element: FHIR has no empty strings. */
export function text(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

// ------------------------------------------------------------------------------------------------
// Actors (staff are not records): logical references by identifier, role in an extension.

export function actorReference(actor: ActorRef, type: 'Practitioner' | 'PractitionerRole' = 'Practitioner'): AnyReference {
  return compact<AnyReference>({
    extension: actor.role ? [ext('actor-role', { valueString: actor.role })] : undefined,
    type,
    identifier: { system: SYSTEMS.actor, value: actor.id },
    display: text(actor.name),
  });
}

/** An actor named only by id and name (assignees, care team members). */
export function actorIdReference(id: string | undefined, name: string | undefined, type: 'Practitioner' | 'PractitionerRole' = 'Practitioner'): AnyReference | undefined {
  if (id === undefined && text(name) === undefined) return undefined;
  return compact<AnyReference>({ type, identifier: id === undefined ? undefined : { system: SYSTEMS.actor, value: id }, display: text(name) });
}

/** The actor of a reference: casekit's actor identifier, else the id of a literal reference. */
export function actorOf(reference: Reference | undefined): ActorRef | undefined {
  const id = actorIdOf(reference);
  if (id === undefined) return undefined;
  return { id, name: reference?.display ?? '', role: findExt(reference?.extension, 'actor-role')?.valueString ?? '' };
}

export function actorIdOf(reference: Reference | undefined): string | undefined {
  if (!reference) return undefined;
  if (reference.identifier?.value !== undefined && (reference.identifier.system === SYSTEMS.actor || !reference.reference)) return reference.identifier.value;
  return reference.reference?.split('/').pop();
}

// ------------------------------------------------------------------------------------------------
// References to other casekit records.

/** A literal reference to another record's resource; carries the casekit id too when the FHIR id is derived. */
export function recordReference(type: ResourceType, casekitId: string, display?: string): AnyReference {
  const id = fhirIdFor(casekitId);
  return compact<AnyReference>({ reference: `${type}/${id}`, identifier: id === casekitId ? undefined : { system: CASEKIT_ID_SYSTEM, value: casekitId }, display: text(display) });
}

/** The casekit id a reference names: its casekit identifier, else the id of a `type` literal reference. */
export function recordIdOf(reference: Reference | undefined, type: string): string | undefined {
  if (reference?.identifier?.system === CASEKIT_ID_SYSTEM && reference.identifier.value) return reference.identifier.value;
  return referencedId(reference, type);
}

/** The resource id a reference points at (`Patient/abc` -> `abc`); undefined for other types. */
export function referencedId(reference: Reference | undefined, type: string): string | undefined {
  const literal = reference?.reference;
  if (!literal) return undefined;
  const parts = literal.split('/');
  const id = parts.at(-1);
  if (parts.at(-2) !== type || !id) return undefined;
  return id;
}

// ------------------------------------------------------------------------------------------------
// Record meta: version -> meta.versionId, updatedAt -> meta.lastUpdated, createdAt -> extension; the
// casekit id in an identifier when it is not a FHIR id.

export function metaOf(record: { version: number; updatedAt: string }): Meta {
  return { versionId: String(record.version), lastUpdated: record.updatedAt };
}

export function createdExt(createdAt: string): Extension {
  return ext('record-created', { valueInstant: createdAt });
}

/** The identifier keeping a casekit id that is not a FHIR id (none when the id fits). */
export function idIdentifiers(casekitId: string, always = false): Identifier[] {
  return always || fhirIdFor(casekitId) !== casekitId ? [{ system: CASEKIT_ID_SYSTEM, value: casekitId }] : [];
}

export function casekitIdOf(resource: Resource & { identifier?: Identifier | Identifier[] }): string | undefined {
  const identifiers = Array.isArray(resource.identifier) ? resource.identifier : resource.identifier ? [resource.identifier] : [];
  return identifiers.find((i) => i.system === CASEKIT_ID_SYSTEM)?.value ?? findExt((resource as { extension?: Extension[] }).extension, 'record-id')?.valueString ?? resource.id;
}

export function withoutIdIdentifier(identifiers: readonly Identifier[] | undefined): Identifier[] {
  return (identifiers ?? []).filter((i) => i.system !== CASEKIT_ID_SYSTEM);
}

// ------------------------------------------------------------------------------------------------
// Status changes kept on resources with no statusHistory element.

export function statusChangeExt(change: StatusChange, extra: (Extension | undefined)[] = []): Extension {
  return complexExt('status-change', [
    change.from !== null && !isFhirCode(change.from) ? part('from', 'valueString', change.from) : part('from', 'valueCode', change.from ?? undefined),
    isFhirCode(change.to) ? part('to', 'valueCode', change.to) : part('to', 'valueString', change.to),
    part('at', 'valueInstant', change.at),
    part('by', 'valueReference', actorReference(change.by)),
    part('reason', 'valueString', change.reason),
    ...extra,
  ]);
}

export function statusChangeOf(extension: Extension): StatusChange & { parts: Map<string, Extension> } {
  const parts = partsOf(extension);
  return defined({
    from: parts.get('from')?.valueCode ?? parts.get('from')?.valueString ?? null,
    to: parts.get('to')?.valueCode ?? parts.get('to')?.valueString ?? '',
    at: parts.get('at')?.valueInstant ?? parts.get('at')?.valueDateTime ?? '',
    by: actorOf(parts.get('by')?.valueReference) ?? { id: 'unknown', name: '', role: '' },
    reason: parts.get('reason')?.valueString,
    parts,
  });
}

export function statusHistoryExts(history: readonly StatusChange[]): Extension[] {
  return history.map((change) => statusChangeExt(change));
}

export function statusHistoryOf(extensions: readonly Extension[] | undefined): StatusChange[] {
  return findExts(extensions, 'status-change').map((e) => {
    const { parts: _parts, ...change } = statusChangeOf(e);
    return change;
  });
}

// ------------------------------------------------------------------------------------------------
// Contact points and addresses.

export function telecomOf(contact: ContactPoints | undefined): ContactPoint[] {
  if (!contact) return [];
  return [
    contact.phone ? { system: 'phone' as const, value: contact.phone } : undefined,
    contact.email ? { system: 'email' as const, value: contact.email } : undefined,
    contact.url ? { system: 'url' as const, value: contact.url } : undefined,
  ].filter((c) => c !== undefined);
}

export function contactOf(telecom: readonly ContactPoint[] | undefined): ContactPoints {
  const find = (system: ContactPoint['system']) => telecom?.find((t) => t.system === system)?.value;
  return defined({ phone: find('phone'), email: find('email'), url: find('url') });
}

export const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

/** An address; one with no parts at all (casekit keeps `{ line: [] }`) carries data-absent-reason, as FHIR has no empty elements. */
export function addressOf(address: CasekitAddress): Address {
  const out = addressParts(address);
  return Object.keys(out).length ? out : { extension: [{ url: DATA_ABSENT_REASON, valueCode: 'unknown' }] };
}

function addressParts(address: CasekitAddress): Address {
  return compact({
    line: address.line.filter((l) => text(l) !== undefined),
    city: text(address.city),
    district: text(address.district),
    state: text(address.state),
    postalCode: text(address.postalCode),
    country: text(address.country),
  });
}

export function casekitAddressOf(address: Address): CasekitAddress {
  return { line: address.line ?? [], ...defined({ city: address.city, district: address.district, state: address.state, postalCode: address.postalCode, country: address.country }) };
}

export function codeableText(value: string | undefined): CodeableConcept | undefined {
  const t = text(value);
  return t === undefined ? undefined : { text: t };
}

export function coding(system: string, code: string, display?: string): CodeableConcept {
  return { coding: [compact({ system, code, display: text(display) })] };
}

export function codeIn(concept: CodeableConcept | undefined, system: string): string | undefined {
  return concept?.coding?.find((c) => c.system === system)?.code;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A FHIR dateTime as a casekit instant. Ours are always instants; a date or a partial date from
 * elsewhere becomes midnight UTC of its first day, and the report says so.
 */
export function instantOf(value: string | undefined, report: (path: string, reason: string) => void, path: string): string | undefined {
  if (value === undefined || INSTANT.test(value)) return value;
  const day = value.length === 4 ? `${value}-01-01` : value.length === 7 ? `${value}-01` : value.slice(0, 10);
  const instant = `${day}T00:00:00.000Z`;
  report(path, `"${value}" is not an instant; imported as ${instant}`);
  return instant;
}

/**
 * A casekit code (free text in casekit: score keys, band codes, answer codes, taxonomy codes) as a
 * Coding. One that is no FHIR code (spaces at the ends, doubled spaces) keeps its exact value as JSON
 * text in the `code-text` extension, with the text as display unless a display is given.
 */
export function codingOf(system: string | undefined, value: string, display?: string): Coding {
  if (isFhirCode(value)) return compact({ system, code: value, display: text(display) });
  return compact({ extension: [ext('code-text', { valueString: JSON.stringify(value) })], system, display: display !== undefined ? text(display) : text(value.trim()) });
}

export function codeOfCoding(coding: Coding | undefined): string | undefined {
  const marked = findExt(coding?.extension, 'code-text')?.valueString;
  if (marked !== undefined) {
    try {
      const value: unknown = JSON.parse(marked);
      if (typeof value === 'string') return value;
    } catch {
      // not casekit's mark: use the code
    }
  }
  return coding?.code;
}

/**
 * casekit's copy of the case's assignee on a CarePlan or ServiceRequest (the `case-assignee` extension):
 * the worklist's index key, kept in step with EpisodeOfCare.careManager by casekit. Resources written
 * elsewhere lack it, and casekit then finds them by a slower scan.
 */
export function caseAssigneeExt(assigneeId: string | null | undefined): Extension | undefined {
  if (assigneeId === undefined) return undefined;
  // A case known to have no assignee: its own extension, since a Reference cannot say "nobody".
  if (assigneeId === null) return ext('case-unassigned', { valueBoolean: true });
  return ext('case-assignee', { valueReference: actorIdReference(assigneeId, undefined)! });
}

export function caseAssigneeOf(extensions: Extension[] | undefined): string | null | undefined {
  if (findExt(extensions, 'case-unassigned')?.valueBoolean === true) return null;
  return actorIdOf(findExt(extensions, 'case-assignee')?.valueReference);
}
