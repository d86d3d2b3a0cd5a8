/**
 * SMART App Launch v2 scopes: what casekit asks for by default, and checks on what the server granted.
 * https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html
 */

/**
 * Default request: the patient in context, the signed-in user (OpenID Connect + `fhirUser`), read and
 * write on the patient's and the user's resources (v2 `.cruds`), and a refresh token.
 */
export const DEFAULT_SCOPES = ['launch/patient', 'openid', 'fhirUser', 'patient/*.cruds', 'user/*.cruds', 'offline_access'] as const;

/** `patient/Observation.rs`, `user/*.cruds`, `system/Patient.r?category=…` (v2), or a v1 `.read`/`.write`/`.*`. */
const RESOURCE_SCOPE = /^(patient|user|system)\/(\*|[A-Z][A-Za-z]+)\.(c?r?u?d?s?|read|write|\*)(\?\S*)?$/;
const CONTEXT_SCOPES = new Set(['launch', 'launch/patient', 'launch/encounter', 'openid', 'fhirUser', 'profile', 'offline_access', 'online_access']);

/** Splits a space-separated scope string (as in a token response), dropping empties and duplicates. */
export function parseScopes(scope: string | readonly string[] | undefined): string[] {
  const list = typeof scope === 'string' ? scope.split(/\s+/) : [...(scope ?? [])];
  return [...new Set(list.map((s) => s.trim()).filter(Boolean))];
}

/** True for a scope the SMART spec defines (context, identity, refresh, or a resource scope). */
export function isKnownScope(scope: string): boolean {
  if (CONTEXT_SCOPES.has(scope)) return true;
  const match = RESOURCE_SCOPE.exec(scope);
  if (!match) return false;
  const permissions = match[3] ?? '';
  // v2 permissions are a non-empty subset of c, r, u, d, s in that order (the regex keeps the order).
  return permissions.length > 0;
}

/**
 * The scope string to request: the host's list (default {@link DEFAULT_SCOPES}), checked, with `launch`
 * added for an EHR launch (the launch token must be bound to it).
 */
export function requestScope(scopes: readonly string[] = DEFAULT_SCOPES, options: { ehrLaunch: boolean }): string {
  const list = parseScopes(scopes);
  const unknown = list.filter((s) => !isKnownScope(s));
  if (unknown.length) throw new TypeError(`Not a SMART scope: ${unknown.join(', ')}`);
  if (options.ehrLaunch && !list.includes('launch')) list.unshift('launch');
  if (!options.ehrLaunch) {
    // `launch` alone means "EHR launch"; a standalone launch asks for context with launch/patient instead.
    const index = list.indexOf('launch');
    if (index >= 0) list.splice(index, 1);
  }
  return list.join(' ');
}

/** Whether `granted` lets the app write (create or update) resources of `resourceType` in some context. */
export function allowsWrite(granted: readonly string[], resourceType: string): boolean {
  return granted.some((scope) => {
    const match = RESOURCE_SCOPE.exec(scope);
    if (!match || (match[2] !== '*' && match[2] !== resourceType)) return false;
    const permissions = match[3] ?? '';
    return permissions === 'write' || permissions === '*' || /[cu]/.test(permissions);
  });
}
