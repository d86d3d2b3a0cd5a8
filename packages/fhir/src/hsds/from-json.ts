import { HsdsTables, isPresent } from './tables.js';

/**
 * HSDS 3 JSON (the API's objects, with their nested objects) flattened into HSDS 3 tables: a nested
 * object becomes a row of its table, linked to its parent by the `*_id` field the tabular form has.
 */

type JsonObject = Record<string, unknown>;

/** How a nested key of a parent object relates to the parent. */
interface Relation {
  table: string;
  /** The child holds the parent's id in this field (`phones[].service_id`)... */
  childLink?: string;
  /** ...or the parent holds the child's id (`service.organization` -> `service.organization_id`). */
  parentLink?: string;
  /** Also set on the child, when absent (`attributes[].link_entity = 'service'`). */
  childFields?: Record<string, string>;
}

const attributes = (entity: string): Relation => ({ table: 'attributes', childLink: 'link_id', childFields: { link_entity: entity } });
const metadata = (entity: string): Relation => ({ table: 'metadata', childLink: 'resource_id', childFields: { resource_type: entity } });

const RELATIONS: Record<string, Record<string, Relation>> = {
  organizations: {
    services: { table: 'services', childLink: 'organization_id' },
    locations: { table: 'locations', childLink: 'organization_id' },
    phones: { table: 'phones', childLink: 'organization_id' },
    contacts: { table: 'contacts', childLink: 'organization_id' },
    funding: { table: 'funding', childLink: 'organization_id' },
    programs: { table: 'programs', childLink: 'organization_id' },
    organization_identifiers: { table: 'organization_identifiers', childLink: 'organization_id' },
    additional_websites: { table: 'urls', childLink: 'organization_id' },
    attributes: attributes('organization'),
    metadata: metadata('organization'),
  },
  services: {
    organization: { table: 'organizations', parentLink: 'organization_id' },
    program: { table: 'programs', parentLink: 'program_id' },
    phones: { table: 'phones', childLink: 'service_id' },
    schedules: { table: 'schedules', childLink: 'service_id' },
    service_areas: { table: 'service_areas', childLink: 'service_id' },
    service_at_locations: { table: 'service_at_location', childLink: 'service_id' },
    languages: { table: 'languages', childLink: 'service_id' },
    funding: { table: 'funding', childLink: 'service_id' },
    cost_options: { table: 'cost_options', childLink: 'service_id' },
    required_documents: { table: 'required_documents', childLink: 'service_id' },
    contacts: { table: 'contacts', childLink: 'service_id' },
    capacities: { table: 'service_capacity', childLink: 'service_id' },
    additional_urls: { table: 'urls', childLink: 'service_id' },
    attributes: attributes('service'),
    metadata: metadata('service'),
  },
  service_at_location: {
    service: { table: 'services', parentLink: 'service_id' },
    location: { table: 'locations', parentLink: 'location_id' },
    contacts: { table: 'contacts', childLink: 'service_at_location_id' },
    phones: { table: 'phones', childLink: 'service_at_location_id' },
    schedules: { table: 'schedules', childLink: 'service_at_location_id' },
    service_areas: { table: 'service_areas', childLink: 'service_at_location_id' },
    attributes: attributes('service_at_location'),
    metadata: metadata('service_at_location'),
  },
  locations: {
    addresses: { table: 'addresses', childLink: 'location_id' },
    phones: { table: 'phones', childLink: 'location_id' },
    schedules: { table: 'schedules', childLink: 'location_id' },
    languages: { table: 'languages', childLink: 'location_id' },
    contacts: { table: 'contacts', childLink: 'location_id' },
    accessibility: { table: 'accessibility', childLink: 'location_id' },
    attributes: attributes('location'),
    metadata: metadata('location'),
  },
  contacts: { phones: { table: 'phones', childLink: 'contact_id' }, attributes: attributes('contact'), metadata: metadata('contact') },
  phones: { languages: { table: 'languages', childLink: 'phone_id' }, attributes: attributes('phone'), metadata: metadata('phone') },
  attributes: { taxonomy_term: { table: 'taxonomy_terms', parentLink: 'taxonomy_term_id' } },
  taxonomy_terms: { taxonomy_detail: { table: 'taxonomies', parentLink: 'taxonomy_id' } },
};

/** Top-level keys of a `{ organizations, services, ... }` collection and the table each holds. */
const COLLECTION_KEYS: Record<string, string> = {
  organizations: 'organizations',
  services: 'services',
  locations: 'locations',
  service_at_locations: 'service_at_location',
  service_at_location: 'service_at_location',
  programs: 'programs',
  taxonomies: 'taxonomies',
  taxonomy_terms: 'taxonomy_terms',
};

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Kind = 'services' | 'organizations' | 'service_at_location' | 'locations' | 'taxonomy_terms' | 'taxonomies';

/** Which HSDS 3 object this is, from the fields only that kind has; undefined when it is none. */
export function kindOf(object: JsonObject): Kind | undefined {
  if ('service' in object && 'location' in object) return 'service_at_location';
  if ('code' in object && ['taxonomy', 'taxonomy_id', 'taxonomy_detail', 'term_uri', 'parent_id'].some((k) => k in object)) return 'taxonomy_terms';
  if ('version' in object && 'uri' in object && !('website' in object)) return 'taxonomies';
  if (['location_type', 'addresses', 'latitude', 'accessibility', 'transportation'].some((k) => k in object) && !('status' in object)) return 'locations';
  if (['status', 'organization', 'organization_id', 'service_at_locations', 'eligibility_description', 'program'].some((k) => k in object)) return 'services';
  if (['services', 'website', 'organization_identifiers', 'locations', 'legal_status', 'tax_id'].some((k) => k in object)) return 'organizations';
  if ('name' in object && 'id' in object) return 'organizations';
  return undefined;
}

/** What the JSON holds, as top-level entries to flatten; undefined when it is no HSDS 3 JSON. */
export function jsonEntries(json: unknown): { table: string; path: string; object: JsonObject }[] | undefined {
  const listOf = (items: unknown[], path: string, table?: string) => {
    const entries: { table: string; path: string; object: JsonObject }[] = [];
    for (const [index, item] of items.entries()) {
      if (!isJsonObject(item)) return undefined;
      const kind = table ?? kindOf(item);
      if (!kind) return undefined;
      entries.push({ table: kind, path: `${path}[${index}]`, object: item });
    }
    return entries;
  };
  if (Array.isArray(json)) return listOf(json, kindPathOf(json));
  if (!isJsonObject(json)) return undefined;
  // A page of the HSDS API (`{ total_items, contents: [...] }`).
  if (Array.isArray(json['contents'])) return listOf(json['contents'], 'contents');
  // One object has an id; a collection (`{ organizations, services }`) has none, only lists.
  const keys = 'id' in json ? [] : Object.keys(json).filter((key) => key in COLLECTION_KEYS && Array.isArray(json[key]));
  if (keys.length) {
    const entries = [];
    for (const key of keys) {
      const list = listOf(json[key] as unknown[], key, COLLECTION_KEYS[key]);
      if (!list) return undefined;
      entries.push(...list);
    }
    return entries;
  }
  const kind = kindOf(json);
  return kind ? [{ table: kind, path: SINGULAR[kind], object: json }] : undefined;
}

/** The path of a single object given alone (`service.fees`). */
const SINGULAR: Record<Kind, string> = {
  services: 'service',
  organizations: 'organization',
  service_at_location: 'service_at_location',
  locations: 'location',
  taxonomy_terms: 'taxonomy_term',
  taxonomies: 'taxonomy',
};

/** `services` for a list of services, so paths read `services[3].fees`. */
function kindPathOf(items: unknown[]): string {
  const first = items.find(isJsonObject);
  const kind = first ? kindOf(first) : undefined;
  return kind === 'service_at_location' ? 'service_at_locations' : (kind ?? 'items');
}

/** Adds an object and everything nested in it to the tables. */
export function flattenInto(tables: HsdsTables, table: string, object: JsonObject, path: string, inherited: Record<string, unknown> = {}): string | undefined {
  const relations = RELATIONS[table] ?? {};
  const fields: [string, { value: unknown; path: string }][] = [];
  const children: [Relation, unknown, string][] = [];
  for (const [key, value] of Object.entries(object)) {
    const relation = relations[key];
    // Only objects nest; anything else under a known key (a list of strings, say) stays a field and is reported.
    if (relation && (isJsonObject(value) || (Array.isArray(value) && value.every(isJsonObject)))) children.push([relation, value, `${path}.${key}`]);
    else fields.push([key, { value, path: `${path}.${key}` }]);
  }
  // Links from the parent fill a field only when the object does not say otherwise.
  for (const [key, value] of Object.entries(inherited)) {
    if (!isPresent(object[key])) fields.push([key, { value, path: `${path}.${key}` }]);
  }
  // Objects the parent points to (service.organization) come first so the parent row can name their id.
  for (const [relation, value, childPath] of children) {
    if (relation.parentLink && isJsonObject(value)) {
      const childId = flattenInto(tables, relation.table, value, childPath);
      if (childId !== undefined && !isPresent(object[relation.parentLink])) fields.push([relation.parentLink, { value: childId, path: `${childPath}.id` }]);
    }
  }
  const row = tables.add(table, path, fields);
  for (const [relation, value, childPath] of children) {
    if (!relation.childLink) continue;
    const items = Array.isArray(value) ? value : [value];
    for (const [index, item] of (items as JsonObject[]).entries()) {
      const link = { ...(row.id !== undefined ? { [relation.childLink]: row.id } : {}), ...relation.childFields };
      flattenInto(tables, relation.table, item, Array.isArray(value) ? `${childPath}[${index}]` : childPath, link);
    }
  }
  return row.id;
}
