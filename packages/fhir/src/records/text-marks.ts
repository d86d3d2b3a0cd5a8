/**
 * Text FHIR cannot hold as it is. FHIR has no empty strings, and its strings may not contain control
 * characters (other than tab, CR, LF) or lone surrogates, while casekit text fields may hold all of
 * these. The mappings leave empty values out and every exported string is cleaned (U+FFFD for what
 * FHIR refuses); the main resource keeps, by JSON pointer into the record (`/statusHistory/2/reason`), where
 * a value was `''` and what a cleaned value was (as JSON text), so the import puts back exactly that.
 */
import type { Extension, Resource } from '@medplum/fhirtypes';
import { complexExt, ext, findExts, part, partsOf, type Json } from './elements.js';

export const EMPTY_STRING = 'empty-string';
export const ESCAPED_STRING = 'escaped-string';

const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const isUnsafe = (value: string) => value.search(UNSAFE) >= 0;

interface Found {
  empty: string[];
  unsafe: { path: string; value: string }[];
}

function scan(value: unknown, skip: ReadonlySet<string>, at: string[], found: Found): void {
  if (typeof value === 'string') {
    if (value === '') found.empty.push(pointer(at));
    else if (isUnsafe(value)) found.unsafe.push({ path: pointer(at), value });
  } else if (Array.isArray(value)) value.forEach((v, i) => scan(v, skip, [...at, String(i)], found));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (!(at.length === 0 && skip.has(k))) scan(v, skip, [...at, k], found);
}

/** A copy with what FHIR strings may not contain replaced (mapped resources share arrays with the record). */
function clean<T>(value: T): T {
  if (typeof value === 'string') return (isUnsafe(value) ? value.replace(UNSAFE, '\uFFFD') : value) as T;
  if (Array.isArray(value)) return value.map(clean) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)])) as T;
  return value;
}

/** The resources, cleaned, with the paths of the record's empty and cleaned strings on the main one. */
export function markText(mapped: Resource[], record: object, skip: ReadonlySet<string> = new Set()): Resource[] {
  const found: Found = { empty: [], unsafe: [] };
  scan(record, skip, [], found);
  const resources = found.unsafe.length ? mapped.map(clean) : mapped;
  const main = resources[0];
  if (!main || (!found.empty.length && !found.unsafe.length)) return resources;
  const target = main as Resource & { extension?: Extension[] };
  target.extension = [
    ...(target.extension ?? []),
    ...found.empty.map((path) => ext(EMPTY_STRING, { valueString: path })),
    ...found.unsafe.map(({ path, value }) => complexExt(ESCAPED_STRING, [part('path', 'valueString', path), part('json', 'valueString', JSON.stringify(value))])),
  ];
  return resources;
}

/** Puts back the record's empty strings (where the mapping left a value out) and cleaned strings. */
export function restoreText(main: Resource, raw: Json): void {
  const extensions = (main as { extension?: Extension[] }).extension;
  for (const marker of findExts(extensions, EMPTY_STRING)) setAt(raw, marker.valueString ?? '', '', false);
  for (const marker of findExts(extensions, ESCAPED_STRING)) {
    const parts = partsOf(marker);
    let value: unknown;
    try {
      value = JSON.parse(parts.get('json')?.valueString ?? '');
    } catch {
      continue;
    }
    if (typeof value === 'string') setAt(raw, parts.get('path')?.valueString ?? '', value, true);
  }
}

/**
 * An RFC 6901 JSON pointer (`/answers/1.2`), as keys may hold dots and slashes; `%` and the code units
 * FHIR strings refuse are written `%25` and `%uXXXX`, so the pointer itself is a valid FHIR string.
 */
function pointer(keys: readonly string[]): string {
  const safe = (k: string) => k.replaceAll('%', '%25').replace(UNSAFE, (c) => `%u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  return keys.map((k) => `/${safe(k.replaceAll('~', '~0').replaceAll('/', '~1'))}`).join('');
}

function keysOf(path: string): string[] {
  return path
    .slice(1)
    .split('/')
    .map((k) => k.replace(/%u([0-9A-F]{4})|%25/g, (m, hex: string | undefined) => (hex ? String.fromCharCode(parseInt(hex, 16)) : '%')).replaceAll('~1', '/').replaceAll('~0', '~'));
}

function setAt(raw: Json, path: string, value: string, replace: boolean): void {
  if (!path.startsWith('/')) return;
  const keys = keysOf(path);
  let node: unknown = raw;
  for (const key of keys.slice(0, -1)) node = node && typeof node === 'object' ? (node as Json)[key] : undefined;
  const last = keys.at(-1)!;
  if (!node || typeof node !== 'object') return;
  if (replace ? typeof (node as Json)[last] === 'string' : (node as Json)[last] === undefined) (node as Json)[last] = value;
}
