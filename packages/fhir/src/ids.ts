/**
 * FHIR ids are `[A-Za-z0-9\-.]{1,64}`; casekit ids are any string up to 128 characters. A casekit id
 * that is a valid FHIR id is used as it is; any other id gets a deterministic derived id (a readable
 * prefix and a 104-bit hash), and the casekit id travels in an identifier (`CASEKIT_ID_SYSTEM`).
 */

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

export function isFhirId(value: string): boolean {
  return FHIR_ID.test(value);
}

/** The FHIR id for a casekit id: the id itself when valid, else `<prefix>-<hash>`, the same on every run. */
export function fhirIdFor(casekitId: string): string {
  return isFhirId(casekitId) ? casekitId : derivedId(casekitId);
}

/**
 * The FHIR id of a resource that is part of a record (a plan's Goal, a referral's Task): `<parent>.<part>`
 * when that is a valid id, else a derived id of the whole path. `.` cannot be part of a derived id's
 * hash, and the parts are joined with a separator casekit ids do not contain unescaped, so two
 * different paths never give the same id.
 */
export function partIdFor(...parts: string[]): string {
  const joined = parts.join('.');
  return isFhirId(joined) && parts.every((p) => !p.includes('.')) ? joined : derivedId(parts.map((p) => p.replaceAll('\\', '\\\\').replaceAll('/', '\\/')).join('/'));
}

function derivedId(value: string): string {
  const prefix = value.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 32);
  return `${prefix ? `${prefix}-` : ''}h${hash(value)}`;
}

/** Two independent 53-bit string hashes (cyrb53) over the UTF-16 code units: 26 hex digits. */
function hash(value: string): string {
  const one = cyrb53(value, 0x9e3779b1);
  const two = cyrb53(value, 0x85ebca6b);
  return one.toString(16).padStart(14, '0').slice(-13) + two.toString(16).padStart(14, '0').slice(-13);
}

function cyrb53(value: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < value.length; i++) {
    const ch = value.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
