/**
 * organizations <-> Organization; services <-> HealthcareService (+ a Location for the address where
 * the service is delivered). Need domains are HealthcareService.category (casekit and Gravity codes),
 * source taxonomy terms HealthcareService.type, languages communication, service areas coverageArea
 * (Locations named by display), the eligibility description eligibility.comment, hours
 * availabilityExceptions.
 */
import type { Organization as CasekitOrganization, Service } from '@casekit/core';
import type { Coding, HealthcareService, Location, Organization, Resource } from '@medplum/fhirtypes';
import { partIdFor } from '../ids.js';
import { GRAVITY_CATEGORY, isFhirUri, SYSTEMS } from './codes.js';
import type { FromContext, RecordMapping } from './context.js';
import { addressOf, casekitAddressOf, codeIn, codeOfCoding, codingOf, compact, contactOf, defined, ext, findExt, recordIdOf, recordReference, telecomOf, text, withoutIdIdentifier } from './elements.js';
import { casekitIdentifierOf, identifierOf } from './client.js';
import { readRecordMeta, recordHeader } from './record-meta.js';

export const serviceLocationId = (serviceId: string) => partIdFor(serviceId, 'location');

function sourceIdentifier(sourceId: string | undefined) {
  return text(sourceId) ? [{ system: SYSTEMS.sourceId, value: sourceId! }] : [];
}

export const organizationMapping: RecordMapping<CasekitOrganization> = {
  collection: 'organizations',
  primaryTypes: ['Organization'],
  toFhir(org) {
    const header = recordHeader(org);
    const resource: Organization = compact({
      resourceType: 'Organization' as const,
      id: header.id,
      meta: header.meta,
      extension: [...header.extension, text(org.description) ? ext('description', { valueMarkdown: org.description! }) : undefined].filter((e) => e !== undefined),
      identifier: [...header.identifier, ...sourceIdentifier(org.sourceId), ...org.identifiers.map(identifierOf)],
      active: true,
      name: org.name,
      alias: text(org.alternateName) ? [org.alternateName!] : undefined,
      telecom: telecomOf(org.contact),
      address: org.address ? [addressOf(org.address)] : undefined,
    });
    return [resource];
  },
  fromFhir(resource: Resource, context) {
    const org = resource as Organization;
    const meta = readRecordMeta(org, context);
    if (!meta) return undefined;
    if (!org.name) context.report('Organization.name', 'No name: "Unnamed organisation" is used');
    const identifiers = withoutIdIdentifier(org.identifier);
    return defined({
      ...meta,
      name: org.name ?? 'Unnamed organisation',
      alternateName: org.alias?.[0],
      description: findExt(org.extension, 'description')?.valueMarkdown,
      contact: contactOf(org.telecom),
      address: org.address?.[0] ? casekitAddressOf(org.address[0]) : undefined,
      identifiers: identifiers.filter((i) => i.system !== SYSTEMS.sourceId).map(casekitIdentifierOf).filter((i) => i !== undefined),
      sourceId: identifiers.find((i) => i.system === SYSTEMS.sourceId)?.value,
    });
  },
};

function taxonomyCoding(term: Service['taxonomyTerms'][number]): Coding {
  const systemFits = isFhirUri(term.system);
  const coding = codingOf(systemFits ? term.system : undefined, term.code, term.display ?? '');
  return systemFits ? coding : { ...coding, extension: [...(coding.extension ?? []), ext('taxonomy-name', { valueString: term.system })] };
}

export const serviceMapping: RecordMapping<Service> = {
  collection: 'services',
  primaryTypes: ['HealthcareService'],
  toFhir(service) {
    const header = recordHeader(service);
    const location: Location | undefined = service.address
      ? { resourceType: 'Location', id: serviceLocationId(service.id), status: service.status === 'active' ? 'active' : 'inactive', address: addressOf(service.address), managingOrganization: recordReference('Organization', service.organizationId) }
      : undefined;
    const e = service.eligibility;
    const age = (value: number | undefined) => (value === undefined ? undefined : { value, unit: 'a', system: SYSTEMS.ucum, code: 'a' });
    const resource: HealthcareService = compact({
      resourceType: 'HealthcareService' as const,
      id: header.id,
      meta: header.meta,
      extension: [
        ...header.extension,
        text(service.alternateName) ? ext('alternate-name', { valueString: service.alternateName! }) : undefined,
        ext('interpretation-available', { valueBoolean: service.interpretationAvailable }),
        e.minAge !== undefined || e.maxAge !== undefined ? ext('eligible-age', { valueRange: compact({ low: age(e.minAge), high: age(e.maxAge) }) }) : undefined,
        text(service.applicationProcess) ? ext('application-process', { valueMarkdown: service.applicationProcess! }) : undefined,
        text(service.fees) ? ext('fees', { valueString: service.fees! }) : undefined,
      ].filter((x) => x !== undefined),
      identifier: [...header.identifier, ...sourceIdentifier(service.sourceId)],
      active: service.status === 'active',
      providedBy: recordReference('Organization', service.organizationId, service.organizationName),
      category: service.categories.map((domain) => ({ coding: [{ system: SYSTEMS.needDomain, code: domain }, { system: SYSTEMS.gravity, code: GRAVITY_CATEGORY[domain] }] })),
      type: service.taxonomyTerms.map((term) => ({ coding: [taxonomyCoding(term)] })),
      location: location ? [{ reference: `Location/${location.id}` }] : undefined,
      name: service.name,
      comment: text(service.description),
      telecom: telecomOf(service.contact),
      coverageArea: e.serviceAreas.map((area) => ({ display: area })),
      eligibility: text(e.description) ? [{ comment: e.description! }] : undefined,
      communication: service.languages.map((code) => ({ coding: [{ system: SYSTEMS.bcp47, code }] })),
      availabilityExceptions: text(service.hours),
    });
    return location ? [resource, location] : [resource];
  },
  fromFhir(resource: Resource, context: FromContext) {
    const service = resource as HealthcareService;
    const meta = readRecordMeta(service, context);
    if (!meta) return undefined;
    const location = service.location?.map((ref) => context.resolve(ref)).find((r): r is Location => r?.resourceType === 'Location');
    if (location) context.claim(location);
    if ((service.location?.length ?? 0) > 1) context.report('HealthcareService.location', 'casekit keeps one address per service: the first Location is imported');
    const ages = findExt(service.extension, 'eligible-age')?.valueRange;
    const categories = (service.category ?? []).map((c) => codeIn(c, SYSTEMS.needDomain) ?? Object.entries(GRAVITY_CATEGORY).find(([, g]) => g !== 'sdoh-category-unspecified' && codeIn(c, SYSTEMS.gravity) === g)?.[0]).filter((d): d is string => d !== undefined);
    if (!categories.length) context.report('HealthcareService.category', 'No need domain casekit knows: filed under "social-support"');
    const organizationId = recordIdOf(service.providedBy, 'Organization');
    if (!organizationId) context.report('HealthcareService.providedBy', 'No providing Organization: the service cannot be imported');
    return defined({
      ...meta,
      organizationId,
      name: service.name ?? 'Unnamed service',
      alternateName: findExt(service.extension, 'alternate-name')?.valueString,
      description: service.comment ?? service.extraDetails,
      categories: categories.length ? categories : ['social-support'],
      taxonomyTerms: (service.type ?? []).flatMap((t) => t.coding ?? []).filter((c) => codeOfCoding(c) !== undefined).map((c) => defined({ system: c.system ?? findExt(c.extension, 'taxonomy-name')?.valueString ?? 'unknown', code: codeOfCoding(c)!, display: c.display })),
      languages: (service.communication ?? []).map((c) => c.coding?.[0]?.code).filter((c): c is string => c !== undefined),
      interpretationAvailable: findExt(service.extension, 'interpretation-available')?.valueBoolean ?? false,
      eligibility: defined({
        minAge: ages?.low?.value,
        maxAge: ages?.high?.value,
        serviceAreas: (service.coverageArea ?? []).map((a) => a.display).filter((d): d is string => d !== undefined),
        description: service.eligibility?.map((e) => e.comment).filter(Boolean).join('\n\n') || undefined,
      }),
      contact: contactOf(service.telecom),
      address: location?.address ? casekitAddressOf(location.address) : undefined,
      hours: service.availabilityExceptions,
      applicationProcess: findExt(service.extension, 'application-process')?.valueMarkdown,
      fees: findExt(service.extension, 'fees')?.valueString,
      status: service.active === false ? 'inactive' : 'active',
      sourceId: withoutIdIdentifier(service.identifier).find((i) => i.system === SYSTEMS.sourceId)?.value,
      organizationName: service.providedBy?.display ?? '',
    });
  },
};

