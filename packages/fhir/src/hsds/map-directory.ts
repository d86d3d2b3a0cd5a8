import { NEED_DOMAINS, OrganizationInputSchema, ServiceInputSchema, type Address, type NeedDomain } from '@casekit/core';
import { languageTag } from './languages.js';
import { needDomainOfTerm, needDomainsInText, NEED_DOMAIN_TAXONOMY_NAME, NEED_DOMAIN_TAXONOMY_URI, type TermView } from './need-domains.js';
import { fitToSchema, type SafeParser } from './sanitize.js';
import { fieldPath, markUsed, number, peek, text, touch, type HsdsRow, type HsdsTables } from './tables.js';
import type { HsdsOrganization, HsdsService, FromHsdsOptions } from './types.js';

/** The identifier system `organization.tax_id` is kept under (FHIR `Organization.identifier`, type TAX). */
export const HSDS_TAX_ID_SYSTEM = 'urn:openreferral:hsds:tax_id';
/** The identifier system for an `organization_identifier` that names no scheme. */
export const HSDS_IDENTIFIER_SYSTEM = 'urn:openreferral:hsds:organization_identifier';

type Report = (path: string, reason: string) => void;

/** casekit's organization id is not known yet: the service is checked with a stand-in, which is then removed. */
const PENDING_ORGANIZATION = 'pending-organization';
const serviceSchema = ServiceInputSchema as unknown as SafeParser<Omit<HsdsService, 'sourceId' | 'organizationSourceId'> & { organizationId?: string }>;
const organizationSchema = OrganizationInputSchema as unknown as SafeParser<Omit<HsdsOrganization, 'sourceId'>>;

/** A record being drafted, with where each of its values came from. */
class Draft {
  readonly values: Record<string, unknown> = {};
  readonly origins = new Map<string, string>();
  /** Sets `key` (dotted for nested objects) when the value is defined. */
  set(key: string, value: unknown, origin: string): void {
    if (value === undefined) return;
    const parts = key.split('.');
    let target = this.values;
    for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
    target[parts[parts.length - 1]!] = value;
    this.origins.set(key, origin);
  }
}

/** Phones a case manager can call come first, then text lines (TTY, SMS), then fax and pager. */
function phoneRank(type: string | undefined): number {
  const kind = (type ?? '').toLowerCase();
  if (kind === 'fax' || kind === 'pager') return 2;
  if (kind === 'text' || kind === 'textphone' || kind === 'sms' || kind === 'video') return 1;
  return 0;
}
/** `attribute.link_entity` values that say the attribute is not a service's (anything else is read as one). */
const OTHER_ENTITIES = new Set(['organization', 'location', 'service_at_location', 'contact', 'phone', 'program']);
/** casekit's `sourceId` limit. */
const MAX_SOURCE_ID = 200;
const DAY_LABELS: Record<string, string> = { MO: 'Mon', TU: 'Tue', WE: 'Wed', TH: 'Thu', FR: 'Fri', SA: 'Sat', SU: 'Sun' };

export function mapDirectory(tables: HsdsTables, report: Report, options: FromHsdsOptions): { organizations: HsdsOrganization[]; services: HsdsService[] } {
  const prefix = options.sourceIdPrefix ?? '';
  const organizations: HsdsOrganization[] = [];
  const imported = new Set<string>();

  for (const row of tables.rows('organizations')) {
    if (row.id === undefined) {
      touch(row, ...row.fields.keys());
      report(row.path, 'Not imported: the organization has no id (HSDS requires one, and casekit needs it to update the record when the directory is imported again).');
      continue;
    }
    if ((prefix + row.id).length > MAX_SOURCE_ID) {
      touch(row, ...row.fields.keys());
      report(fieldPath(row, 'id'), `Not imported: the id (with the prefix) is longer than casekit's ${MAX_SOURCE_ID}-character sourceId.`);
      continue;
    }
    const organization = mapOrganization(tables, row, report);
    if (organization) {
      organizations.push({ ...organization, sourceId: prefix + row.id });
      imported.add(row.id);
    }
  }

  const services: HsdsService[] = [];
  for (const row of tables.rows('services')) {
    if (row.id === undefined) {
      touch(row, ...row.fields.keys());
      report(row.path, 'Not imported: the service has no id (HSDS requires one, and casekit needs it to update the record when the directory is imported again).');
      continue;
    }
    if ((prefix + row.id).length > MAX_SOURCE_ID) {
      touch(row, ...row.fields.keys());
      report(fieldPath(row, 'id'), `Not imported: the id (with the prefix) is longer than casekit's ${MAX_SOURCE_ID}-character sourceId.`);
      continue;
    }
    const organizationId = text(row, 'organization_id');
    if (organizationId === undefined) {
      touch(row, ...row.fields.keys());
      report(row.path, 'Not imported: the service names no organization (casekit files every service under the organization that provides it).');
      continue;
    }
    if (!imported.has(organizationId)) {
      report(fieldPath(row, 'organization_id'), `The organization ${organizationId} is not imported from this dataset: add the service under the directory organization whose sourceId is ${prefix + organizationId}.`);
    }
    const service = mapService(tables, row, report, options);
    if (service) services.push({ ...service, sourceId: prefix + row.id, organizationSourceId: prefix + organizationId });
  }
  return { organizations, services };
}

function mapOrganization(tables: HsdsTables, row: HsdsRow, report: Report): Omit<HsdsOrganization, 'sourceId'> | undefined {
  const draft = new Draft();
  const put = (key: string, field: string) => draft.set(key, text(row, field), fieldPath(row, field));
  put('name', 'name');
  put('alternateName', 'alternate_name');
  put('description', 'description');
  put('contact.email', 'email');
  put('contact.url', 'website');

  const phone = pickPhone(tables.linked('phones', 'organization_id', row.id), 'organization_id');
  if (phone) draft.set('contact.phone', phone.number, phone.path);

  for (const location of tables.linked('locations', 'organization_id', row.id)) {
    const address = addressOf(tables, location);
    if (!address) continue;
    touch(location, 'organization_id');
    markUsed(location);
    draft.set('address', address.address, address.path);
    break;
  }

  const identifiers: { system: string; value: string; type?: string }[] = [];
  for (const identifier of tables.linked('organization_identifiers', 'organization_id', row.id)) {
    const value = text(identifier, 'identifier');
    if (value === undefined) continue;
    touch(identifier, 'organization_id');
    const type = text(identifier, 'identifier_type');
    identifiers.push({ system: text(identifier, 'identifier_scheme') ?? HSDS_IDENTIFIER_SYSTEM, value, ...(type ? { type } : {}) });
    draft.origins.set(`identifiers.${identifiers.length - 1}`, identifier.path);
  }
  const taxId = text(row, 'tax_id');
  // toHsds lists the tax id among the identifiers too: keep it once.
  if (taxId && !identifiers.some((i) => i.system === HSDS_TAX_ID_SYSTEM && i.value === taxId)) {
    identifiers.push({ system: HSDS_TAX_ID_SYSTEM, value: taxId, type: 'TAX' });
    draft.origins.set(`identifiers.${identifiers.length - 1}`, fieldPath(row, 'tax_id'));
  }
  if (identifiers.length) draft.values['identifiers'] = identifiers;
  return fitToSchema(organizationSchema, draft.values, draft.origins, row.path, report, ['name']);
}

function mapService(tables: HsdsTables, row: HsdsRow, report: Report, options: FromHsdsOptions): Omit<HsdsService, 'sourceId' | 'organizationSourceId'> | undefined {
  const draft = new Draft();
  const put = (key: string, field: string) => draft.set(key, text(row, field), fieldPath(row, field));
  put('name', 'name');
  put('alternateName', 'alternate_name');
  put('description', 'description');
  put('contact.email', 'email');
  put('contact.url', 'url');
  put('applicationProcess', 'application_process');
  put('fees', 'fees_description');

  const status = text(row, 'status')?.toLowerCase();
  if (status === 'inactive' || status === 'defunct' || status === 'temporarily closed') {
    draft.set('status', 'inactive', fieldPath(row, 'status'));
    if (status !== 'inactive') report(fieldPath(row, 'status'), `Imported as inactive: casekit's service status is active or inactive, so "${status}" is not kept as such.`);
  } else if (status !== undefined && status !== 'active') {
    report(fieldPath(row, 'status'), `Not an HSDS service status ("${status}"): the service was imported as active.`);
  }

  const interpretation = text(row, 'interpretation_services');
  if (interpretation !== undefined) {
    const offered = !/^(no|none|n\/?a|false|0|-)$/i.test(interpretation);
    draft.set('interpretationAvailable', offered, fieldPath(row, 'interpretation_services'));
    if (!/^(yes|true|1|no|none|n\/?a|false|0|-|(interpretation )?(is )?available\.?)$/i.test(interpretation)) {
      report(fieldPath(row, 'interpretation_services'), `Kept only as interpretationAvailable: ${offered}; casekit has no field for the text.`);
    }
  }

  // Eligibility: ages, free text (HSDS 3 on the service, HSDS 1.x in eligibility.csv) and service areas.
  for (const [key, field] of [['minAge', 'minimum_age'], ['maxAge', 'maximum_age']] as const) {
    const age = number(row, field);
    if (age === undefined) {
      if (text(row, field) !== undefined) report(fieldPath(row, field), 'Not a number: the age limit was not imported.');
      continue;
    }
    const whole = key === 'minAge' ? Math.floor(age) : Math.ceil(age);
    if (whole !== age) report(fieldPath(row, field), `casekit keeps ages in whole years: ${age} was imported as ${whole}.`);
    draft.set(`eligibility.${key}`, whole, fieldPath(row, field));
  }
  const eligibilityText = [text(row, 'eligibility_description')];
  for (const eligibility of tables.linked('eligibility', 'service_id', row.id)) {
    touch(eligibility, 'service_id');
    const value = text(eligibility, 'eligibility');
    if (value === undefined) continue;
    eligibilityText.push(value);
  }
  const eligibilityDescription = eligibilityText.filter(Boolean).join('\n');
  if (eligibilityDescription) draft.set('eligibility.description', eligibilityDescription, fieldPath(row, 'eligibility_description'));

  const areas: string[] = [];
  for (const area of tables.linked('service_areas', 'service_id', row.id)) {
    const name = text(area, 'name');
    touch(area, 'service_id');
    if (name === undefined) continue;
    if (name.length > 100) {
      report(fieldPath(area, 'name'), 'Longer than 100 characters, so not a postal code or place name casekit can match a client against: the service area was not imported.');
      continue;
    }
    if (!areas.includes(name)) areas.push(name);
  }
  if (areas.length) draft.set('eligibility.serviceAreas', areas, tables.linked('service_areas', 'service_id', row.id)[0]?.path ?? row.path);

  // Languages staff speak.
  const languages: string[] = [];
  for (const language of tables.linked('languages', 'service_id', row.id)) {
    const code = text(language, 'code');
    const name = text(language, 'name');
    touch(language, 'service_id');
    const tag = languageTag(code, name);
    if (!tag) {
      report(fieldPath(language, code ? 'code' : 'name'), `Not a language code or English language name casekit recognises ("${code ?? name ?? ''}"): not imported.`);
      continue;
    }
    if (!languages.includes(tag)) languages.push(tag);
  }
  if (languages.length) draft.set('languages', languages, tables.linked('languages', 'service_id', row.id)[0]?.path ?? row.path);

  // Where it is delivered: the first location (through service_at_location) that has an address.
  const sites = tables.linked('service_at_location', 'service_id', row.id);
  let site: HsdsRow | undefined;
  let location: HsdsRow | undefined;
  for (const candidate of sites) {
    const place = tables.get('locations', peek(candidate, 'location_id'));
    const address = place ? addressOf(tables, place) : undefined;
    if (!address) continue;
    site = candidate;
    location = place;
    draft.set('address', address.address, address.path);
    break;
  }
  site ??= sites[0];
  location ??= site ? tables.get('locations', peek(site, 'location_id')) : undefined;
  if (site) touch(site, 'service_id', 'location_id');
  if (location) markUsed(location);

  // One phone: the service's own, else the one at its location.
  const phone =
    pickPhone(tables.linked('phones', 'service_id', row.id), 'service_id') ??
    (site ? pickPhone(tables.linked('phones', 'service_at_location_id', site.id), 'service_at_location_id') : undefined) ??
    (location ? pickPhone(tables.linked('phones', 'location_id', location.id), 'location_id') : undefined);
  if (phone) draft.set('contact.phone', phone.number, phone.path);

  // Opening hours as text.
  const schedules = unique([
    ...tables.linked('schedules', 'service_id', row.id),
    ...(site ? tables.linked('schedules', 'service_at_location_id', site.id) : []),
  ]);
  const hours = hoursOf(schedules, row.id, site?.id);
  if (hours) draft.set('hours', hours, schedules[0]?.path ?? row.path);

  // Taxonomy terms, and the need domains they stand for.
  const terms: TermView[] = [];
  // Terms of casekit's own need-domain taxonomy (written by toHsds) decide alone; other taxonomies otherwise.
  const own: NeedDomain[] = [];
  const mapped: NeedDomain[] = [];
  for (const attribute of tables.linked('attributes', 'link_id', row.id)) {
    const entity = text(attribute, 'link_entity');
    if (entity !== undefined && OTHER_ENTITIES.has(entity)) continue;
    touch(attribute, 'link_id', 'link_entity');
    const termId = text(attribute, 'taxonomy_term_id');
    const term = tables.get('taxonomy_terms', termId);
    if (!term) {
      report(fieldPath(attribute, 'taxonomy_term_id'), `Names a taxonomy term (${termId ?? 'none'}) that is not in the dataset: not imported.`);
      continue;
    }
    const view = termOf(tables, term);
    if (!view) continue;
    const domain = needDomainOfTerm(view, NEED_DOMAINS);
    const isOwn = view.system === NEED_DOMAIN_TAXONOMY_URI || view.system === NEED_DOMAIN_TAXONOMY_NAME;
    const into = isOwn ? own : mapped;
    if (domain && !into.includes(domain)) into.push(domain);
    if (!isOwn && !terms.some((t) => t.system === view.system && t.code === view.code)) {
      terms.push(view);
      draft.origins.set(`taxonomyTerms.${terms.length - 1}`, term.path);
    }
  }
  if (terms.length) draft.values['taxonomyTerms'] = terms;
  const categories = own.length ? own : mapped;
  if (!categories.length) {
    const name = String(draft.values['name'] ?? '');
    const guessed = needDomainsInText(name).slice(0, 2);
    const fromDescription = guessed.length ? guessed : needDomainsInText(String(draft.values['description'] ?? '')).slice(0, 2);
    if (fromDescription.length) {
      categories.push(...fromDescription);
      report(row.path, `No taxonomy term maps to a casekit need domain: the categories ${fromDescription.join(', ')} were read from words in the service's ${guessed.length ? 'name' : 'description'}; check them.`);
    } else {
      const fallback = options.defaultCategories?.length ? [...options.defaultCategories] : (['social-support'] as NeedDomain[]);
      categories.push(...fallback);
      report(row.path, `No taxonomy term or word of the service maps to a casekit need domain: filed under ${fallback.join(', ')} (options.defaultCategories); check it.`);
    }
  }
  draft.set('categories', categories, row.path);
  draft.set('organizationId', PENDING_ORGANIZATION, fieldPath(row, 'organization_id'));
  const fitted = fitToSchema(serviceSchema, draft.values, draft.origins, row.path, report, ['name', 'organizationId']);
  if (!fitted) return undefined;
  const { organizationId: _pending, ...service } = fitted;
  return service;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** The term with its taxonomy (`taxonomies.uri`, else its name, else the term's own `taxonomy` text). */
function termOf(tables: HsdsTables, term: HsdsRow): TermView | undefined {
  const code = text(term, 'code') ?? term.id;
  if (code === undefined) return undefined;
  const display = text(term, 'name');
  const taxonomy = tables.get('taxonomies', text(term, 'taxonomy_id'));
  // A taxonomy is named by its URI where it has one; its name is then only a label.
  const taxonomyName = taxonomy && text(taxonomy, 'name');
  const system = (taxonomy && text(taxonomy, 'uri')) ?? taxonomyName ?? text(term, 'taxonomy') ?? 'urn:openreferral:hsds:taxonomy';
  return { system, code, ...(display ? { display } : {}) };
}

/** The first phone of the best kind (voice first), with its extension. */
function pickPhone(phones: HsdsRow[], link: string): { number: string; path: string } | undefined {
  const withNumber = phones.filter((phone) => peek(phone, 'number') !== undefined);
  const phone = withNumber.reduce<HsdsRow | undefined>((best, p) => (!best || phoneRank(peek(p, 'type')) < phoneRank(peek(best, 'type')) ? p : best), undefined);
  if (!phone) return undefined;
  touch(phone, link, 'type');
  const extension = text(phone, 'extension');
  const value = text(phone, 'number')!;
  return { number: extension ? `${value} ext. ${extension}` : value, path: fieldPath(phone, 'number') };
}

/** A location's address: the physical one first, then a postal one. */
function addressOf(tables: HsdsTables, location: HsdsRow): { address: Address; path: string } | undefined {
  const addresses = tables.linked('addresses', 'location_id', location.id);
  const kind = (row: HsdsRow) => (row.fields.get('address_type')?.value ?? 'physical').toString().trim().toLowerCase();
  const chosen = addresses.find((a) => kind(a) === 'physical') ?? addresses.find((a) => kind(a) === 'postal');
  if (!chosen) return undefined;
  touch(chosen, 'location_id', 'address_type');
  touch(location, 'location_type');
  const optional = (field: string) => text(chosen, field);
  const line = ['address_1', 'address_2', 'address_3', 'address_4'].map(optional).filter((l): l is string => l !== undefined);
  const address: Address = { line };
  const set = (key: keyof Omit<Address, 'line'>, field: string) => {
    const value = optional(field);
    if (value !== undefined) address[key] = value;
  };
  set('city', 'city');
  set('district', 'region');
  set('state', 'state_province');
  set('postalCode', 'postal_code');
  set('country', 'country');
  return { address, path: chosen.path };
}

/** Opening hours as one line per schedule: its description, else its days and times (`Mon, Tue 09:00–17:00`). */
function hoursOf(schedules: HsdsRow[], serviceId: string | undefined, siteId: string | undefined): string | undefined {
  const described: string[] = [];
  const byTimes = new Map<string, string[]>();
  for (const schedule of schedules) {
    touch(schedule, ...(serviceId && peek(schedule, 'service_id') === serviceId ? ['service_id'] : []), ...(siteId && peek(schedule, 'service_at_location_id') === siteId ? ['service_at_location_id'] : []));
    const description = text(schedule, 'description');
    if (description) {
      described.push(description);
      continue;
    }
    const freq = schedule.fields.has('freq') ? text(schedule, 'freq')?.toUpperCase() : undefined;
    const opens = text(schedule, 'opens_at');
    const closes = text(schedule, 'closes_at');
    const days = (text(schedule, 'byday') ?? '')
      .split(',')
      .map((d) => d.trim().toUpperCase().replace(/^[+-]?\d+/, ''))
      .filter(Boolean)
      .map((d) => DAY_LABELS[d] ?? d);
    if ((freq !== undefined && freq !== 'WEEKLY') || (!opens && !closes)) continue;
    const times = `${clock(opens)}–${clock(closes)}`;
    byTimes.set(times, [...(byTimes.get(times) ?? []), ...days]);
  }
  const structured = [...byTimes].map(([times, days]) => (days.length ? `${unique(days).join(', ')} ${times}` : times));
  const lines = [...described, ...structured];
  return lines.length ? lines.join('; ') : undefined;
}

/** `09:00:00` -> `09:00`. */
function clock(time: string | undefined): string {
  return time ? time.replace(/^(\d{1,2}:\d{2}):00$/, '$1') : '?';
}
