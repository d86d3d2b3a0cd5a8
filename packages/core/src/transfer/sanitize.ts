const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A copy of parsed JSON without own `__proto__`, `constructor` or `prototype` keys at any depth: such
 * keys (JSON.parse makes `__proto__` an own key) can change an object's prototype when a later
 * step copies the object by assignment.
 */
export function withoutPrototypeKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutPrototypeKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  // Only plain objects (what JSON gives) are rebuilt; anything else is left for the schema to judge.
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (FORBIDDEN.has(key)) continue;
    Object.defineProperty(copy, key, { value: withoutPrototypeKeys((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
  }
  return copy as T;
}
