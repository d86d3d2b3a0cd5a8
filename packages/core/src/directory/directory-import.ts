import * as z from 'zod/mini';
import { ValidationError } from '../errors/errors.js';
import type { ManagerContext } from '../internal/context.js';
import { parse } from '../internal/parse.js';
import { readAll } from '../storage/read-all.js';
import {
  OrganizationInputSchema,
  OrganizationSchema,
  ServiceInputSchema,
  ServiceSchema,
  type Organization,
  type OrganizationInput,
  type Service,
  type ServiceInput,
} from './directory-schema.js';

/**
 * A directory as an import brings it (e.g. `fromHsds` in @casekit/fhir): records keyed by the id they
 * have in their source. A service names its organization by that organization's `sourceId`, since the
 * import cannot know the id casekit gave it.
 */
export interface DirectoryImport {
  organizations: (OrganizationInput & { sourceId: string })[];
  services: (Omit<ServiceInput, 'organizationId'> & { sourceId: string; organizationSourceId: string })[];
}

/** What an import did, per collection. Records already stored with exactly these fields are unchanged. */
export interface DirectoryImportResult {
  organizations: { created: number; updated: number; unchanged: number };
  services: { created: number; updated: number; unchanged: number };
}

const SourceId = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));
// Not strict at the top: `fromHsds(...)` results (with their `report` and `source`) are passed as they are.
const ImportSchema = z.object({
  organizations: z.array(z.extend(OrganizationInputSchema, { sourceId: SourceId })).check(z.maxLength(20_000)),
  services: z.array(z.extend(z.omit(ServiceInputSchema, { organizationId: true }), { sourceId: SourceId, organizationSourceId: SourceId })).check(z.maxLength(50_000)),
});

/**
 * Creates what is new and updates what changed, matching stored records by `sourceId`, in one
 * all-or-nothing commit: importing the same source again changes nothing, and a re-import after the
 * source changed updates in place (referrals keep pointing at the same service). Stored records the
 * import does not mention are left alone (retire them with `status: 'inactive'`).
 */
export async function importDirectory(context: ManagerContext, input: DirectoryImport): Promise<DirectoryImportResult> {
  const parsed = parse(ImportSchema, input);
  // Only who may add to the directory may import into it, even an import that would change nothing.
  context.authorize({ action: 'create', collection: 'organizations' });
  context.authorize({ action: 'create', collection: 'services' });
  const issues = [
    ...duplicateIssues(parsed.organizations, 'organizations'),
    ...duplicateIssues(parsed.services, 'services'),
  ];
  const stored = {
    organizations: bySourceId((await readAll(context.storage, 'organizations')) as Organization[]),
    services: bySourceId((await readAll(context.storage, 'services')) as Service[]),
  };
  const importedOrgs = new Set(parsed.organizations.map((org) => org.sourceId));
  parsed.services.forEach((service, i) => {
    if (!importedOrgs.has(service.organizationSourceId) && !stored.organizations.has(service.organizationSourceId)) {
      issues.push({ path: ['services', i, 'organizationSourceId'], message: `No organization has sourceId "${service.organizationSourceId}"`, code: 'unknown-organization' });
    }
  });
  if (issues.length) throw new ValidationError(issues, 'The directory import refers to records it does not contain');

  const writer = context.writer();
  const result: DirectoryImportResult = { organizations: { created: 0, updated: 0, unchanged: 0 }, services: { created: 0, updated: 0, unchanged: 0 } };
  const organizations = new Map<string, Organization>();
  for (const fields of parsed.organizations) {
    const before = stored.organizations.get(fields.sourceId);
    organizations.set(fields.sourceId, upsert(context, writer, 'organizations', OrganizationSchema, before, fields, result.organizations));
  }
  for (const { organizationSourceId, ...fields } of parsed.services) {
    const organization = organizations.get(organizationSourceId) ?? stored.organizations.get(organizationSourceId)!;
    const before = stored.services.get(fields.sourceId);
    upsert(context, writer, 'services', ServiceSchema, before, { ...fields, organizationId: organization.id, organizationName: organization.name }, result.services);
  }
  await writer.commit();
  return result;
}

type Writer = ReturnType<ManagerContext['writer']>;

function upsert<T extends Organization | Service>(
  context: ManagerContext,
  writer: Writer,
  collection: 'organizations' | 'services',
  schema: typeof OrganizationSchema | typeof ServiceSchema,
  before: T | undefined,
  fields: object,
  tally: { created: number; updated: number; unchanged: number },
): T {
  if (!before) {
    context.authorize({ action: 'create', collection, record: fields });
    tally.created++;
    return writer.create(collection, schema, fields) as T;
  }
  const next = { ...before, ...fields };
  // Compare as validated records, so defaults filled in by the schema are not a difference.
  const candidate = parse(schema, { ...next, version: before.version, updatedAt: before.updatedAt }) as T;
  if (sameJson(candidate, before)) {
    tally.unchanged++;
    return before;
  }
  context.authorize({ action: 'update', collection, record: before });
  tally.updated++;
  return writer.update(collection, schema, before, next) as T;
}

function bySourceId<T extends { sourceId?: string | undefined }>(records: T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const record of records) if (record.sourceId !== undefined && !map.has(record.sourceId)) map.set(record.sourceId, record);
  return map;
}

function duplicateIssues(records: { sourceId: string }[], collection: string): { path: (string | number)[]; message: string; code: string }[] {
  const seen = new Set<string>();
  return records.flatMap((record, i) => {
    if (!seen.has(record.sourceId)) return (seen.add(record.sourceId), []);
    return [{ path: [collection, i, 'sourceId'], message: `sourceId "${record.sourceId}" appears twice`, code: 'duplicate-source-id' }];
  });
}

/** Deep equality of JSON records, whatever their key order. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return keysA.length === keysB.length && keysA.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
