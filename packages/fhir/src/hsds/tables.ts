/**
 * Every HSDS input (nested JSON, HSDS 3 tabular, HSDS 1.x tabular) is first brought into one shape:
 * HSDS 3 tables of rows linked by `*_id` fields, as in the HSDS 3 datapackage. Each row remembers where
 * each of its fields came from and which fields the mapping read, so that whatever was not carried
 * over can be listed in the report by its source path.
 */

/** One field's value and where it was read (`services.csv:row 2:email`, `services[0].email`). */
interface Field {
  value: unknown;
  path: string;
}

export interface HsdsRow {
  readonly table: string;
  readonly id: string | undefined;
  /** Where the row itself is (`services.csv:row 2`, `services[0]`). */
  readonly path: string;
  readonly fields: Map<string, Field>;
  /** Fields the mapping has read (or used as a link). */
  readonly used: Set<string>;
}

/** The rows of each table, one row per id (rows met twice in nested JSON are merged). */
export class HsdsTables {
  private readonly tables = new Map<string, HsdsRow[]>();
  private readonly byId = new Map<string, Map<string, HsdsRow>>();
  private readonly links = new Map<string, Map<string, HsdsRow[]>>();

  /**
   * Adds a row, or merges it into the row of the same table with the same id: fields the first
   * occurrence left empty are filled from the later one (so a phone nested under a service and under
   * its location ends up with both links, as in the CSV form).
   */
  add(table: string, path: string, fields: Iterable<[string, Field]>): HsdsRow {
    const entries = [...fields];
    const rawId = entries.find(([name]) => name === 'id')?.[1].value;
    const id = isPresent(rawId) ? String(rawId).trim() : undefined;
    const ids = this.byId.get(table) ?? new Map<string, HsdsRow>();
    this.byId.set(table, ids);
    const existing = id === undefined ? undefined : ids.get(id);
    if (existing) {
      for (const [name, field] of entries) {
        if (!isPresent(existing.fields.get(name)?.value)) existing.fields.set(name, field);
      }
      this.links.clear();
      return existing;
    }
    const row: HsdsRow = { table, id, path, fields: new Map(entries), used: new Set(['id']) };
    if (id !== undefined) ids.set(id, row);
    const rows = this.tables.get(table) ?? [];
    rows.push(row);
    this.tables.set(table, rows);
    this.links.clear();
    return row;
  }

  rows(table: string): readonly HsdsRow[] {
    return this.tables.get(table) ?? [];
  }

  get(table: string, id: string | undefined): HsdsRow | undefined {
    return id === undefined ? undefined : this.byId.get(table)?.get(id);
  }

  /** Rows of `table` whose `field` holds `id`. Nothing is marked used: the caller marks what it carries over. */
  linked(table: string, field: string, id: string | undefined): HsdsRow[] {
    if (id === undefined) return [];
    const key = `${table}\u0000${field}`;
    let index = this.links.get(key);
    if (!index) {
      index = new Map();
      for (const row of this.rows(table)) {
        const value = row.fields.get(field)?.value;
        if (!isPresent(value)) continue;
        const target = String(value).trim();
        index.set(target, [...(index.get(target) ?? []), row]);
      }
      this.links.set(key, index);
    }
    return index.get(id) ?? [];
  }

  tableNames(): string[] {
    return [...this.tables.keys()];
  }
}

export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** Where a field of the row is (or would be). */
export function fieldPath(row: HsdsRow, field: string): string {
  return row.fields.get(field)?.path ?? joinPath(row.path, field);
}

/** `services.csv:row 2` + `email` -> `services.csv:row 2:email`; `services[0]` + `email` -> `services[0].email`. */
export function joinPath(path: string, field: string): string {
  return /\.csv:row \d+$/.test(path) ? `${path}:${field}` : path ? `${path}.${field}` : field;
}

/** The field as trimmed text (numbers and booleans as written), marked used; undefined when empty. */
export function text(row: HsdsRow, field: string): string | undefined {
  const value = row.fields.get(field)?.value;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  row.used.add(field);
  const result = String(value).trim();
  return result === '' ? undefined : result;
}

/** The field as a finite number, marked used; undefined when empty or not a number. */
export function number(row: HsdsRow, field: string): number | undefined {
  const raw = text(row, field);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

/** Marks fields as read without reading them (their meaning is carried by something else). */
export function touch(row: HsdsRow, ...fields: string[]): void {
  for (const field of fields) row.used.add(field);
}

/** Marks a row as carried over as a whole (e.g. the location whose address a service took). */
export function markUsed(row: HsdsRow): void {
  row.used.add('#');
}

/** True when the mapping read nothing of the row but its id. */
export function untouched(row: HsdsRow): boolean {
  return row.used.size <= 1;
}

/** The field as trimmed text without marking it used (for choosing between rows). */
export function peek(row: HsdsRow, field: string): string | undefined {
  const value = row.fields.get(field)?.value;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  const result = String(value).trim();
  return result === '' ? undefined : result;
}
