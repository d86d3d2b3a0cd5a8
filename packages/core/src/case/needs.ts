import type { NeedDomain } from '../records/common.js';
import type { IdentifiedNeed } from './case-schema.js';

/** Adds domains not yet identified on a case; domains already there keep their status and history. */
export function mergeNeeds(
  existing: readonly IdentifiedNeed[],
  domains: readonly NeedDomain[],
  source: { source: IdentifiedNeed['source']; assessmentId?: string; at: string },
): IdentifiedNeed[] {
  const known = new Set(existing.filter((need) => need.status !== 'resolved').map((need) => need.domain));
  const added = domains
    .filter((domain) => !known.has(domain))
    .map((domain) => ({
      domain,
      source: source.source,
      ...(source.assessmentId ? { assessmentId: source.assessmentId } : {}),
      identifiedAt: source.at,
      status: 'identified' as const,
    }));
  return [...existing, ...added];
}
