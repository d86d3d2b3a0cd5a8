import type { Address, Organization, Service } from '@casekit/core';
import type { Hsds3Address, Hsds3Directory, Hsds3Location, Hsds3Organization, Hsds3Phone, Hsds3Service } from './hsds-json.js';
import { languageName } from './languages.js';
import { HSDS_IDENTIFIER_SYSTEM, HSDS_TAX_ID_SYSTEM } from './map-directory.js';
import { NEED_DOMAIN_TAXONOMY_DESCRIPTION, NEED_DOMAIN_TAXONOMY_NAME, NEED_DOMAIN_TAXONOMY_URI, needDomainLabel } from './need-domains.js';
import type { CasekitDirectory } from './types.js';

/**
 * casekit's directory as HSDS 3 JSON: `{ organizations, services }`, each an HSDS 3 object with its
 * nested phones, locations, languages, schedules, service areas and taxonomy attributes. HSDS ids are
 * the records' `sourceId` where they have one (so a directory imported from HSDS goes back out under
 * its ids), else casekit's id; nested objects get ids derived from their parent's, the same on every
 * export. casekit's need domains go out as terms of the `casekit need domains` taxonomy, which
 * `fromHsds` reads back as categories.
 */
export function toHsds(directory: CasekitDirectory): Hsds3Directory {
  const hsdsIdOf = new Map(directory.organizations.map((o) => [o.id, o.sourceId ?? o.id]));
  return {
    organizations: directory.organizations.map(organizationToHsds),
    services: directory.services.map((service) => serviceToHsds(service, hsdsIdOf.get(service.organizationId) ?? service.organizationId)),
  };
}

function organizationToHsds(organization: Organization): Hsds3Organization {
  const id = organization.sourceId ?? organization.id;
  const taxId = organization.identifiers.find((identifier) => identifier.system === HSDS_TAX_ID_SYSTEM);
  return {
    id,
    name: organization.name,
    ...optional('alternate_name', organization.alternateName),
    // HSDS 3 requires a description; an empty one reads back as none.
    description: organization.description ?? '',
    ...optional('email', organization.contact.email),
    ...optional('website', organization.contact.url),
    ...optional('tax_id', taxId?.value),
    phones: phonesOf(id, organization.contact.phone),
    locations: organization.address ? [locationOf(id, organization.address)] : [],
    // Every identifier, in order (the tax id too, so fromHsds reads them back in the same order).
    organization_identifiers: organization.identifiers.map((identifier, index) => ({
        id: hsdsId(id, 'organization_identifier', index),
      ...(identifier.system === HSDS_IDENTIFIER_SYSTEM ? {} : { identifier_scheme: identifier.system }),
      identifier_type: identifier.type ?? '',
      identifier: identifier.value,
    })),
  };
}

function serviceToHsds(service: Service, organizationId: string): Hsds3Service {
  const id = service.sourceId ?? service.id;
  const { eligibility } = service;
  return {
    id,
    organization_id: organizationId,
    name: service.name,
    ...optional('alternate_name', service.alternateName),
    ...optional('description', service.description),
    ...optional('url', service.contact.url),
    ...optional('email', service.contact.email),
    status: service.status,
    ...(service.interpretationAvailable ? { interpretation_services: 'Interpretation available' } : {}),
    ...optional('application_process', service.applicationProcess),
    ...optional('fees_description', service.fees),
    ...optional('eligibility_description', eligibility.description),
    ...optional('minimum_age', eligibility.minAge),
    ...optional('maximum_age', eligibility.maxAge),
    phones: phonesOf(id, service.contact.phone),
    schedules: service.hours ? [{ id: hsdsId(id, 'schedule', 0), description: service.hours }] : [],
    service_areas: eligibility.serviceAreas.map((name, index) => ({ id: hsdsId(id, 'service_area', index), name })),
    service_at_locations: service.address ? [{ id: hsdsId(id, 'service_at_location', 0), location: locationOf(id, service.address) }] : [],
    languages: service.languages.map((code, index) => ({ id: hsdsId(id, 'language', index), code, name: languageName(code) })),
    attributes: [
      ...service.categories.map((domain) => ({
        id: hsdsId(id, 'attribute', domain),
        link_entity: 'service' as const,
        taxonomy_term: {
          id: hsdsId(NEED_DOMAIN_TAXONOMY_URI, domain),
          code: domain,
          name: needDomainLabel(domain),
          description: '',
          taxonomy_detail: { id: hsdsId(NEED_DOMAIN_TAXONOMY_URI), name: NEED_DOMAIN_TAXONOMY_NAME, description: NEED_DOMAIN_TAXONOMY_DESCRIPTION, uri: NEED_DOMAIN_TAXONOMY_URI },
        },
      })),
      ...service.taxonomyTerms.map((term) => ({
        id: hsdsId(id, 'attribute', term.system, term.code),
        link_entity: 'service' as const,
        taxonomy_term: {
          id: hsdsId(term.system, term.code),
          code: term.code,
          name: term.display ?? term.code,
          description: '',
          // A system that is a URI goes in `uri`; a bare name in `name` (fromHsds reads `uri`, else `name`).
          taxonomy_detail: { id: hsdsId(term.system), name: term.system, description: '', ...(isUri(term.system) ? { uri: term.system } : {}) },
        },
      })),
    ],
  };
}

/** casekit keeps one phone as text, extension included (`+1 555 0100 ext. 12`). */
function phonesOf(ownerId: string, phone: string | undefined): Hsds3Phone[] {
  if (!phone) return [];
  const match = /^(.*\S)\s+ext\.\s*(\S+)$/.exec(phone);
  return [{ id: hsdsId(ownerId, 'phone', 0), number: match ? match[1]! : phone, ...(match ? { extension: match[2]! } : {}) }];
}

function locationOf(ownerId: string, address: Address): Hsds3Location {
  const [first = '', ...rest] = address.line;
  const hsdsAddress: Hsds3Address = {
    id: hsdsId(ownerId, 'address', 0),
    address_1: first,
    ...optional('address_2', rest.length ? rest.join(', ') : undefined),
    // HSDS 3 requires these; casekit's address may lack them, and an empty value reads back as none.
    city: address.city ?? '',
    ...optional('region', address.district),
    state_province: address.state ?? '',
    postal_code: address.postalCode ?? '',
    country: address.country ?? '',
    address_type: 'physical',
  };
  return { id: hsdsId(ownerId, 'location', 0), location_type: 'physical', addresses: [hsdsAddress] };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function isUri(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(value);
}

/**
 * A UUID-shaped id (HSDS 3 ids are UUIDs) derived from its parts, so the same record exports with the
 * same nested ids every time. Not an RFC 9562 name-based UUID (that needs SHA-1, which is async in
 * browsers); marked as version 8, the "custom" version.
 */
export function hsdsId(...parts: (string | number)[]): string {
  const input = parts.join('\u001f');
  let hex = '';
  for (let seed = 0; seed < 4; seed++) {
    let hash = 0x811c9dc5 ^ (seed * 0x9e3779b1);
    for (let i = 0; i < input.length; i++) {
      hash ^= input.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    hex += (hash >>> 0).toString(16).padStart(8, '0');
  }
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
