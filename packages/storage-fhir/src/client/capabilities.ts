import { FhirCapabilityError } from './errors.js';
import type { CapabilityStatement } from './fhir-types.js';

export interface CapabilityRequirements {
  /** Resource types casekit will write; each must be declared with versioned updates. */
  resourceTypes?: readonly string[];
}

/**
 * Refuses a server that cannot be casekit's system of record: not R4, no `transaction` interaction
 * (writes would not be all-or-nothing), or a required resource type without `versioning:
 * versioned-update` (If-Match would not be honoured, so concurrent edits would silently overwrite).
 * Without `resourceTypes`, every declared resource type must support versioned updates.
 */
export function checkCapabilities(statement: unknown, requirements: CapabilityRequirements = {}): CapabilityStatement {
  const cs = statement as Partial<CapabilityStatement> | undefined;
  if (cs?.resourceType !== 'CapabilityStatement') throw new FhirCapabilityError(['GET /metadata did not answer a CapabilityStatement']);
  const missing: string[] = [];
  if (!cs.fhirVersion?.startsWith('4.0.')) missing.push(`FHIR R4 (4.0.x), the server says ${cs.fhirVersion ?? 'nothing'}`);
  const rest = cs.rest?.find((r) => r.mode === 'server');
  if (!rest) {
    missing.push('a server-mode REST section');
  } else {
    if (!rest.interaction?.some((i) => i.code === 'transaction')) missing.push('the transaction interaction');
    const declared = new Map((rest.resource ?? []).map((r) => [r.type ?? '', r]));
    const wanted = requirements.resourceTypes ?? [...declared.keys()];
    for (const type of wanted) {
      const resource = declared.get(type);
      if (!resource) missing.push(`resource type ${type}`);
      else if (resource.versioning !== 'versioned-update') missing.push(`versioned updates (If-Match) on ${type}, which says versioning: ${resource.versioning ?? 'nothing'}`);
    }
  }
  if (missing.length) throw new FhirCapabilityError(missing);
  return cs as CapabilityStatement;
}
