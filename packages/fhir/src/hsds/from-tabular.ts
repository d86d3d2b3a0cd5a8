import { CsvSyntaxError, readCsvTable } from './csv.js';
import { isJsonObject } from './from-json.js';
import { HsdsTables, isPresent } from './tables.js';

/**
 * An HSDS tabular datapackage (HSDS 3, or HSDS 1.x whose tables are renamed here to their HSDS 3
 * names) read into HSDS 3 tables. Each field keeps its source path (`services.csv:row 2:fees`) even
 * where it is renamed, so the report names the column as the publisher wrote it.
 */

/** A datapackage: file name (or path inside the package) -> CSV text, or rows already parsed (as in HSDS's `tabular.json`). */
export type HsdsFiles = Record<string, string | readonly Record<string, unknown>[]>;

export type TabularVersion = '1' | '3';

type Note = (path: string, reason: string) => void;

/** HSDS 1.x file -> HSDS 3 table (absent: same name). */
const V1_TABLES: Record<string, string> = {
  services_at_location: 'service_at_location',
  physical_addresses: 'addresses',
  postal_addresses: 'addresses',
  regular_schedules: 'schedules',
  services_taxonomy: 'attributes',
  taxonomy: 'taxonomy_terms',
  accessibility_for_disabilities: 'accessibility',
};

/** HSDS 1.x column -> HSDS 3 field, per HSDS 1.x file. */
const V1_FIELDS: Record<string, Record<string, string>> = {
  organizations: { url: 'website' },
  // HSDS 1.x `fees` is the free-text description that HSDS 3 calls `fees_description`.
  services: { fees: 'fees_description' },
  service_areas: { service_area: 'name' },
  languages: { language: 'name' },
  services_taxonomy: { service_id: 'link_id', taxonomy_id: 'taxonomy_term_id', taxonomy_detail: 'value' },
  taxonomy: { vocabulary: 'taxonomy' },
};

/** Tables only HSDS 1.x has. */
const V1_ONLY = ['services_at_location', 'physical_addresses', 'postal_addresses', 'regular_schedules', 'holiday_schedules', 'services_taxonomy', 'taxonomy', 'eligibility', 'payments_accepted', 'accessibility_for_disabilities'];
/** Tables only HSDS 3 has. */
const V3_ONLY = ['service_at_location', 'addresses', 'schedules', 'attributes', 'taxonomy_terms', 'taxonomies', 'cost_options', 'organization_identifiers', 'urls', 'service_capacity', 'units'];

/** Every table name HSDS 1.x or 3 defines: other files are reported and skipped. */
const KNOWN_TABLES = new Set([
  ...V1_ONLY,
  ...V3_ONLY,
  'organizations', 'programs', 'services', 'locations', 'phones', 'contacts', 'funding', 'service_areas',
  'required_documents', 'languages', 'accessibility', 'metadata', 'meta_table_descriptions',
]);

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** `data/services.csv` -> `services`. */
export function tableOf(fileName: string): string {
  return (fileName.split('/').pop() ?? fileName).replace(/\.csv$/i, '').toLowerCase();
}

interface Datapackage {
  version?: string;
  delimiters: Map<string, string>;
}

function readDatapackage(text: string | undefined, note: Note, file: string): Datapackage {
  const result: Datapackage = { delimiters: new Map() };
  if (text === undefined) return result;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    note(file, 'Not valid JSON: the datapackage descriptor was ignored (the CSV files were read by their names).');
    return result;
  }
  if (!isJsonObject(json)) return result;
  if (typeof json['version'] === 'string') result.version = json['version'];
  for (const resource of Array.isArray(json['resources']) ? json['resources'] : []) {
    if (!isJsonObject(resource) || typeof resource['path'] !== 'string') continue;
    const dialect = resource['dialect'];
    if (isJsonObject(dialect) && typeof dialect['delimiter'] === 'string' && dialect['delimiter'].length === 1) {
      result.delimiters.set(tableOf(resource['path']), dialect['delimiter']);
    }
  }
  return result;
}

/** HSDS 1.x or 3: the descriptor's version when it has one, else the tables and columns present. */
function versionOf(descriptor: Datapackage, tables: Map<string, Record<string, unknown>[]>): TabularVersion {
  if (descriptor.version?.startsWith('1.')) return '1';
  if (descriptor.version?.startsWith('3.')) return '3';
  const v1 = V1_ONLY.filter((t) => tables.has(t)).length;
  const v3 = V3_ONLY.filter((t) => tables.has(t)).length;
  if (v1 !== v3) return v1 > v3 ? '1' : '3';
  const columns = (table: string) => new Set(Object.keys(tables.get(table)?.[0] ?? {}));
  if (columns('organizations').has('website') || columns('services').has('eligibility_description') || columns('services').has('minimum_age')) return '3';
  if (columns('organizations').has('url')) return '1';
  return '3';
}

export class NotHsdsError extends Error {}

/** Reads the files into HSDS 3 tables. Throws NotHsdsError when no organizations or services table is present. */
export function readTabular(files: HsdsFiles, note: Note): { tables: HsdsTables; version: TabularVersion; descriptorVersion?: string } {
  const descriptorName = Object.keys(files).find((name) => tableOf(name) === 'datapackage.json');
  const descriptorText = descriptorName === undefined ? undefined : files[descriptorName];
  const descriptor = readDatapackage(typeof descriptorText === 'string' ? descriptorText : undefined, note, descriptorName ?? 'datapackage.json');

  // Parse every file first: the version is decided from all of them.
  const parsed = new Map<string, { file: string; rows: { row: number; cells: Record<string, unknown> }[] }[]>();
  const headers = new Map<string, string[]>();
  const byTable = new Map<string, Record<string, unknown>[]>();
  for (const [file, content] of Object.entries(files)) {
    if (file === descriptorName) continue;
    const table = tableOf(file);
    if (!/\.csv$/i.test(file) || !KNOWN_TABLES.has(table)) {
      note(file, 'Not an HSDS table: the file was not read.');
      continue;
    }
    let rows: { row: number; cells: Record<string, unknown> }[];
    if (typeof content === 'string') {
      let csv;
      try {
        csv = readCsvTable(content, descriptor.delimiters.get(table) ?? ',');
      } catch (error) {
        if (error instanceof CsvSyntaxError) throw new NotHsdsError(`${file}: ${error.message}`);
        throw error;
      }
      for (const record of csv.records) {
        if (record.extra.length) note(`${file}:row ${record.row}`, `The row has ${record.extra.length} more cell(s) than the header names; they were not read.`);
      }
      rows = csv.records;
      headers.set(file, csv.header);
    } else {
      rows = content.map((cells, index) => ({ row: index + 1, cells: isJsonObject(cells) ? cells : {} }));
      headers.set(file, Object.keys(rows[0]?.cells ?? { id: '' }));
    }
    // The two tables a directory is made of name their rows: a file without either column is no HSDS table.
    if ((table === 'organizations' || table === 'services') && rows.length && !headers.get(file)?.some((name) => name === 'id' || name === 'name')) {
      throw new NotHsdsError(`${file} has no id or name column: this is not an HSDS ${table} table.`);
    }
    parsed.set(table, [...(parsed.get(table) ?? []), { file, rows }]);
    byTable.set(table, [...(byTable.get(table) ?? []), ...rows.map((r) => r.cells)]);
  }
  if (!byTable.has('organizations') && !byTable.has('services')) {
    throw new NotHsdsError('No organizations.csv or services.csv: this is not an HSDS datapackage.');
  }
  const version = versionOf(descriptor, byTable);
  const tables = new HsdsTables();
  for (const [table, sources] of parsed) {
    for (const { file, rows } of sources) {
      for (const { row, cells } of rows) {
        const path = `${file}:row ${row}`;
        const fields = Object.entries(cells).map(([name, value]): [string, { value: unknown; path: string }] => [
          version === '1' ? (V1_FIELDS[table]?.[name] ?? name) : name,
          { value, path: `${path}:${name}` },
        ]);
        const id = cells['id'];
        const target = version === '1' ? (V1_TABLES[table] ?? table) : table;
        const first = isPresent(id) ? tables.get(target, String(id).trim()) : undefined;
        if (first) note(path, `Has the same id as ${first.path}: a table holds each id once, so its cells only fill what that row left empty.`);
        if (version === '1') addV1Row(tables, table, path, fields);
        else tables.add(table, path, fields);
      }
    }
  }
  return { tables, version, ...(descriptor.version ? { descriptorVersion: descriptor.version } : {}) };
}

/** Adds an HSDS 1.x row under its HSDS 3 table, with the fields HSDS 3 spells differently. */
function addV1Row(tables: HsdsTables, table: string, path: string, fields: [string, { value: unknown; path: string }][]): void {
  const target = V1_TABLES[table] ?? table;
  const extra: [string, { value: unknown; path: string }][] = [];
  const synthetic = (value: string) => ({ value, path });
  if (table === 'physical_addresses' || table === 'postal_addresses') extra.push(['address_type', synthetic(table === 'physical_addresses' ? 'physical' : 'postal')]);
  if (table === 'services_taxonomy') extra.push(['link_entity', synthetic('service')]);
  if (table === 'taxonomy') {
    // HSDS 1.x taxonomy rows are the terms themselves; their id is the code (e.g. an AIRS code).
    const id = fields.find(([name]) => name === 'id')?.[1];
    if (id) extra.push(['code', id]);
  }
  if (table === 'regular_schedules') {
    const weekday = fields.find(([name]) => name === 'weekday');
    if (weekday) {
      const raw = String(weekday[1].value ?? '').trim().toLowerCase();
      const index = /^[1-7]$/.test(raw) ? Number(raw) - 1 : WEEKDAY_NAMES.findIndex((name) => name.startsWith(raw.slice(0, 3)) && raw.length >= 2);
      if (index >= 0) {
        fields.splice(fields.indexOf(weekday), 1);
        fields.push(['byday', { value: WEEKDAYS[index], path: weekday[1].path }]);
        extra.push(['freq', synthetic('WEEKLY')]);
      }
    }
  }
  // HSDS 1.1 services may list their taxonomy ids in one column; HSDS 3 links them through attributes.
  if (table === 'services') {
    const column = fields.find(([name]) => name === 'taxonomy_ids');
    const serviceId = fields.find(([name]) => name === 'id')?.[1].value;
    if (column && isPresent(column[1].value) && isPresent(serviceId)) {
      fields.splice(fields.indexOf(column), 1);
      for (const termId of String(column[1].value).split(',').map((s) => s.trim()).filter(Boolean)) {
        tables.add('attributes', column[1].path, [
          ['link_id', { value: serviceId, path: column[1].path }],
          ['link_entity', { value: 'service', path: column[1].path }],
          ['taxonomy_term_id', { value: termId, path: column[1].path }],
        ]);
      }
    }
  }
  tables.add(target, path, [...fields, ...extra]);
}
