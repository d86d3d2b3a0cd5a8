import { isPresent, untouched, type HsdsTables } from './tables.js';

/**
 * Lists what the mapping did not read: a whole row when nothing of it was used (with why its table is
 * not carried over), else each of its non-empty fields that was not used.
 */

const NO_FIELD = "casekit's directory has no field for it.";

/** Why a row nothing was read from was left out, by table. */
const ROW_REASONS: Record<string, string> = {
  programs: 'casekit has no programs (HSDS program): services are imported without theirs.',
  contacts: 'casekit keeps no contact people (HSDS contact).',
  funding: 'casekit keeps no funding sources.',
  cost_options: "casekit keeps fees as text only (service.fees_description); structured cost options are not kept.",
  required_documents: 'casekit has no field for required documents.',
  accessibility: 'casekit keeps no accessibility details of locations.',
  metadata: "casekit keeps its own change history (the audit log), not the source's metadata.",
  meta_table_descriptions: "casekit keeps no description of the source's tables.",
  holiday_schedules: 'casekit keeps opening hours as one text; holiday closures are not kept.',
  payments_accepted: 'casekit keeps no accepted payment methods.',
  phones: 'casekit keeps one phone number per organization and per service: this one was not the one kept, or belongs to no imported record.',
  locations: 'No imported organization or service uses this location (casekit keeps one address per organization and per service).',
  addresses: 'casekit keeps one address per organization and per service (physical first): this one was not the one kept.',
  service_at_location: 'casekit keeps one location per service (its address): this one was not the one kept.',
  schedules: 'The schedule belongs to no imported service, or to a location other than the one kept (casekit keeps hours per service).',
  languages: 'casekit keeps the languages of services only: this one is of a location or phone.',
  service_areas: 'The service area belongs to no imported service.',
  attributes: 'The attribute links to no imported service (casekit keeps taxonomy terms on services only).',
  organization_identifiers: 'The identifier belongs to no imported organization.',
  eligibility: 'The eligibility belongs to no imported service.',
  urls: 'casekit keeps one website per organization and per service.',
  service_capacity: 'casekit keeps no service capacity.',
  units: 'casekit keeps no service capacity units.',
};

/** Why a field was left out, by `table.field` or by table (`table.*`). */
const FIELD_REASONS: Record<string, string> = {
  'organizations.*': "casekit's organization has no field for it.",
  'organizations.url': "casekit's organization has no field for it (its website is HSDS `website`).",
  'services.*': "casekit's service has no field for it.",
  'services.program_id': 'casekit has no programs (HSDS program).',
  'services.fees': 'Deprecated in HSDS 3 in favour of fees_description, which casekit keeps.',
  'locations.*': "casekit keeps only a location's address (on the organization or service using it).",
  'addresses.attention': "casekit's address has no attention line.",
  'addresses.*': "casekit's address has no field for it.",
  'phones.*': 'casekit keeps the phone number (and extension) only.',
  'schedules.*': 'casekit keeps opening hours as text (the schedule description, else weekly days and times): this part of the schedule is not kept.',
  'service_areas.*': 'casekit matches service areas by name (a postal code or place name) only.',
  'languages.*': 'casekit keeps the language code only.',
  'attributes.*': 'casekit keeps the taxonomy term only.',
  'taxonomy_terms.*': "casekit keeps a term's taxonomy, code and name only.",
  'taxonomies.*': "casekit keeps a taxonomy's URI (else its name) only.",
  'service_at_location.*': "casekit keeps only the location's address.",
  'organization_identifiers.*': "casekit's identifier has a system, value and type only.",
};

/** Links that are carried by structure when the row is used, but mean something of their own. */
const MEANINGFUL_LINKS = new Set(['program_id', 'parent_organization_id', 'parent_id']);

/** Tables whose unused rows are summed up in one entry: taxonomies are vocabularies, not directory data. */
const SUMMED_TABLES = new Set(['taxonomy_terms', 'taxonomies']);

export function reportUnused(tables: HsdsTables, report: (path: string, reason: string) => void): void {
  for (const table of tables.tableNames()) {
    const unusedRows: string[] = [];
    for (const row of tables.rows(table)) {
      if (untouched(row)) {
        if (SUMMED_TABLES.has(table)) unusedRows.push(row.path);
        else report(row.path, ROW_REASONS[table] ?? 'No imported organization or service uses it.');
        continue;
      }
      for (const [name, field] of row.fields) {
        if (row.used.has(name) || !isPresent(field.value)) continue;
        if (name.endsWith('_id') && !MEANINGFUL_LINKS.has(name)) continue;
        // A taxonomy's description documents the vocabulary, not the directory.
        if (table === 'taxonomies' && name === 'description') continue;
        report(field.path, FIELD_REASONS[`${table}.${name}`] ?? FIELD_REASONS[`${table}.*`] ?? NO_FIELD);
      }
    }
    if (unusedRows.length) {
      const one = unusedRows.length === 1;
      const what = table === 'taxonomies' ? (one ? 'taxonomy is' : 'taxonomies are') : one ? 'taxonomy term is' : 'taxonomy terms are';
      report(one ? unusedRows[0]! : `${unusedRows[0]} (and ${unusedRows.length - 1} more)`, `${unusedRows.length} ${what} used by no imported service.`);
    }
  }
}
