import type { Actor } from '@casekit/core';
import type { FhirResource } from '../client/fhir-types.js';
import { SmartLaunchError } from './errors.js';

/** The token endpoint's answer (RFC 6749 §5.1 plus SMART's launch context). */
export interface SmartTokenResponse {
  access_token?: string;
  token_type?: string;
  expires_in?: number;
  scope?: string;
  refresh_token?: string;
  id_token?: string;
  patient?: string;
  encounter?: string;
  need_patient_banner?: boolean;
  smart_style_url?: string;
  [extra: string]: unknown;
}

/**
 * Maps the signed-in user to a casekit role (`'case-manager'`, `'supervisor'`, `'admin'`, `'provider'`,
 * `'viewer'`, or a role of the host's own policy). `fhirUser` is a relative reference such as
 * `Practitioner/123`. Return undefined to refuse the user (`SmartLaunchError('no-role')`).
 */
export type RoleFor = (
  fhirUser: string,
  tokenResponse: SmartTokenResponse,
) => string | { role: string; organizationId?: string } | undefined | Promise<string | { role: string; organizationId?: string } | undefined>;

/** Resource types `fhirUser` may name (SMART App Launch 2.x). */
const USER_TYPES = new Set(['Practitioner', 'PractitionerRole', 'Patient', 'RelatedPerson', 'Person']);

/**
 * `fhirUser` as a relative reference. Absolute URLs on the FHIR server's base are shortened; EHRs
 * such as Epic send them absolute. Other absolute URLs keep their last two segments, as fhirclient does.
 */
export function userReference(fhirUser: string, baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  const relative = fhirUser.startsWith(`${base}/`) ? fhirUser.slice(base.length + 1) : /^https?:\/\//.test(fhirUser) ? fhirUser.split('/').slice(-2).join('/') : fhirUser;
  const [type, id, ...rest] = relative.split('/');
  if (!type || !id || rest.length || !USER_TYPES.has(type)) {
    throw new SmartLaunchError('missing-context', `fhirUser "${fhirUser}" is not a Practitioner, PractitionerRole, Patient, RelatedPerson or Person reference`);
  }
  return `${type}/${id}`;
}

interface HumanName {
  text?: string;
  prefix?: string[];
  given?: string[];
  family?: string;
  suffix?: string[];
  use?: string;
}

/** A person's name as written: `text`, else prefix + given + family + suffix (the `usual`/`official` one first). */
export function displayName(resource: FhirResource | undefined): string | undefined {
  if (!resource) return undefined;
  if (resource.resourceType === 'PractitionerRole') {
    const display = (resource as { practitioner?: { display?: string } }).practitioner?.display?.trim();
    return display || undefined;
  }
  const names = ((resource as { name?: HumanName[] }).name ?? []).filter((n) => n.use !== 'old');
  const name = names.find((n) => n.use === 'usual') ?? names.find((n) => n.use === 'official') ?? names[0];
  if (!name) return undefined;
  if (name.text?.trim()) return name.text.trim();
  const parts = [...(name.prefix ?? []), ...(name.given ?? []), name.family ?? ''].map((p) => p.trim()).filter(Boolean);
  const written = parts.join(' ');
  const suffix = (name.suffix ?? []).map((s) => s.trim()).filter(Boolean).join(', ');
  return (suffix ? `${written}, ${suffix}` : written) || undefined;
}

export interface ActorInput {
  /** Relative `fhirUser` reference. */
  fhirUser: string;
  tokenResponse: SmartTokenResponse;
  /** The id token's claims (its `name` is the fallback display name). */
  claims: Record<string, unknown>;
  roleFor: RoleFor;
  /** Reads the user's resource for a display name; undefined when not allowed or missing. */
  readUser?: (reference: string) => Promise<FhirResource | undefined>;
}

/** The casekit actor for the signed-in user: id = `fhirUser`, name from the resource or the id token, role from `roleFor`. */
export async function actorFor(input: ActorInput): Promise<Actor> {
  const assigned = await input.roleFor(input.fhirUser, input.tokenResponse);
  const role = typeof assigned === 'string' ? { role: assigned } : assigned;
  if (!role?.role) throw new SmartLaunchError('no-role', `No casekit role for ${input.fhirUser}`);
  let resource: FhirResource | undefined;
  try {
    resource = await input.readUser?.(input.fhirUser);
    if (resource?.resourceType === 'PractitionerRole' && !displayName(resource)) {
      const practitioner = (resource as { practitioner?: { reference?: string } }).practitioner?.reference;
      if (practitioner && /^Practitioner\/[^/]+$/.test(practitioner)) resource = await input.readUser?.(practitioner);
    }
  } catch {
    // Reading the user is a courtesy (the scopes may not allow it): fall back to the id token's name.
    resource = undefined;
  }
  const claimName = typeof input.claims.name === 'string' ? input.claims.name.trim() : '';
  const name = displayName(resource) ?? (claimName || input.fhirUser);
  return { id: input.fhirUser, name: name.slice(0, 500), role: role.role, ...(role.organizationId ? { organizationId: role.organizationId } : {}) };
}
