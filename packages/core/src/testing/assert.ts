/** Minimal assertions so the conformance suite runs under any test runner (node:test, mocha, ...). */
export class ConformanceFailure extends Error {
  override name = 'ConformanceFailure';
}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ConformanceFailure(message);
}

export function checkEqual(actual: unknown, expected: unknown, message: string): void {
  const a = stableJson(actual);
  const e = stableJson(expected);
  if (a !== e) throw new ConformanceFailure(`${message}\n  expected: ${e.slice(0, 400)}\n  actual:   ${a.slice(0, 400)}`);
}

export async function checkRejects(promise: Promise<unknown>, predicate: (error: unknown) => boolean, message: string): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    if (!predicate(error)) throw new ConformanceFailure(`${message}: rejected with an unexpected error: ${String(error)}`);
    return error;
  }
  throw new ConformanceFailure(`${message}: expected a rejection, but it resolved`);
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  ) ?? 'undefined';
}
