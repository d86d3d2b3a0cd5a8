/**
 * Copies of stored records. Records are plain JSON-like data, for which a walk is several times faster
 * than `structuredClone` and shares string values instead of duplicating them (strings are immutable).
 * Anything else (Dates, Maps, class instances, cycles...) goes through `structuredClone`, as before, so
 * what a caller gets back is the same.
 */

/** Strings up to this long are shared between records (status, program, staff ids, timestamps...). */
const INTERN_MAX_LENGTH = 32;
/** Strings seen lately, per generation: a repeat within two generations reuses the first copy. */
const GENERATION = 4096;
/** Strings that recur across generations are kept for good, up to this many (deletes cannot leak far). */
const SHARED_MAX = 1 << 16;
/** Flat objects with at most this many fields are shared when equal. */
const LEAF_MAX_KEYS = 4;
/** Deeper than this is treated as a cycle and left to `structuredClone`. */
const MAX_DEPTH = 100;

/** Shared by every stored record that has one (never handed out: reads copy them). */
const EMPTY_ARRAY: readonly unknown[] = Object.freeze([]);

class NotPlain extends Error {}

/**
 * Values shared between stored records, by a text key: one-off values (ids) pass through two recent
 * generations and are dropped; values that recur across generations stay (up to SHARED_MAX).
 */
class SharingTable<T> {
  private readonly shared = new Map<string, T>();
  private recent = new Map<string, T>();
  private previous = new Map<string, T>();

  share(key: string, value: T): T {
    const known = this.shared.get(key) ?? this.recent.get(key);
    if (known !== undefined) return known;
    const older = this.previous.get(key);
    if (older !== undefined) {
      if (this.shared.size < SHARED_MAX) this.shared.set(key, older);
      return older;
    }
    this.recent.set(key, value);
    if (this.recent.size >= GENERATION) {
      this.previous = this.recent;
      this.recent = new Map();
    }
    return value;
  }
}

/**
 * Per storage: short strings, so a million `'active'`s parsed from JSON are one and a timestamp in four
 * fields of a record is stored once; and small flat objects (actor references `{ id, name, role }`),
 * frozen, since stored records are never handed out or changed.
 */
export class StringTable {
  private strings = new SharingTable<string>();
  private leaves = new SharingTable<object>();

  intern(value: string): string {
    return value.length > INTERN_MAX_LENGTH ? value : this.strings.share(value, value);
  }

  /** An equal flat object already stored, or this one (frozen) from now on. */
  shareLeaf(value: Record<string, unknown>, keys: readonly string[]): object {
    if (keys.length > LEAF_MAX_KEYS) return value;
    for (const key of keys) {
      const v = value[key];
      // Only values JSON tells apart exactly (no undefined, NaN, -0, ...), so equal text means equal objects.
      if (!(typeof v === 'string' || typeof v === 'boolean' || v === null || (typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0)))) return value;
    }
    return this.leaves.share(JSON.stringify(value), Object.freeze(value));
  }

  clear(): void {
    this.strings = new SharingTable();
    this.leaves = new SharingTable();
  }
}

/** The copy the store keeps: short strings interned, empty arrays shared. */
export function copyIn<T>(record: T, strings: StringTable): T {
  try {
    return walk(record, 0, strings) as T;
  } catch (error) {
    if (error instanceof NotPlain) return structuredClone(record);
    throw error;
  }
}

/** A copy for a caller, who may change it freely. */
export function copyOut<T>(record: T): T {
  try {
    return walk(record, 0, undefined) as T;
  } catch (error) {
    if (error instanceof NotPlain) return structuredClone(record);
    throw error;
  }
}

function walk(value: unknown, depth: number, strings: StringTable | undefined): unknown {
  if (typeof value === 'string') return strings ? strings.intern(value) : value;
  if (typeof value !== 'object' || value === null) {
    // Functions and symbols: let structuredClone refuse them exactly as before.
    if (typeof value === 'function' || typeof value === 'symbol') throw new NotPlain();
    return value;
  }
  if (depth > MAX_DEPTH) throw new NotPlain();
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) throw new NotPlain();
    if (!value.length && strings) return EMPTY_ARRAY;
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item === undefined && !(i in value)) throw new NotPlain(); // a hole: keep it, as structuredClone does
      out[i] = walk(item, depth + 1, strings);
    }
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new NotPlain();
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  let ownProto = false;
  for (const key of keys) {
    const item = walk((value as Record<string, unknown>)[key], depth + 1, strings);
    // An own "__proto__" (JSON.parse makes them) must stay data, not set the copy's prototype.
    if (key === '__proto__') {
      ownProto = true;
      Object.defineProperty(out, key, { value: item, writable: true, enumerable: true, configurable: true });
    } else out[key] = item;
  }
  return strings && !ownProto ? strings.shareLeaf(out, keys) : out;
}
