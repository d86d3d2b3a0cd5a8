import type { ManagerContext } from '../internal/context.js';
import * as z from 'zod/mini';
import { parse, parseId, parseOptions, parseRef } from '../internal/parse.js';
import { matchesTokens, searchTokens } from '../internal/search-tokens.js';
import type { VersionRef } from '../internal/writer.js';
import type { FindQuery, Page } from '../storage/storage-port.js';
import { importDirectory, type DirectoryImport, type DirectoryImportResult } from './directory-import.js';
import {
  OrganizationInputSchema,
  OrganizationPatchSchema,
  OrganizationSchema,
  ServiceInputSchema,
  ServicePatchSchema,
  ServiceSchema,
  ServiceSearchSchema,
  type LanguageMatch,
  type Organization,
  type OrganizationInput,
  type OrganizationPatch,
  type Service,
  type ServiceInput,
  type ServicePatch,
  type ServiceSearch,
  type ServiceSearchResult,
} from './directory-schema.js';
import { definedOnly } from '../internal/patch-schema.js';

/**
 * The service directory: provider organisations and the services they offer. Under the default policy
 * supervisors and admins edit it; everyone else with directory access only reads.
 */
export interface DirectoryApi {
  createOrganization(input: OrganizationInput): Promise<Organization>;
  /** Changes organisation fields; a new name is copied onto its services' `organizationName`. */
  updateOrganization(ref: VersionRef, patch: OrganizationPatch): Promise<Organization>;
  getOrganization(id: string): Promise<Organization>;
  /** Organisations whose name has words starting with each word typed (accents and case ignored). */
  searchOrganizations(text: string, options?: { limit?: number }): Promise<Organization[]>;
  /** Adds a service to an existing organisation. */
  createService(input: ServiceInput): Promise<Service>;
  /** Changes service fields (set `status: 'inactive'` to retire one: referrals keep their snapshot). */
  updateService(ref: VersionRef, patch: ServicePatch): Promise<Service>;
  getService(id: string): Promise<Service>;
  /** The services of one organisation, by name. */
  servicesOf(organizationId: string, options?: { includeInactive?: boolean }): Promise<Service[]>;
  /**
   * Finds services by need, text, age and area (answered from the `categories` / `tokens` indexes).
   * With a `language`, services whose staff speak it come first, then those offering interpretation,
   * then the rest; each result says how it matched. Inactive services are left out unless asked for.
   */
  searchServices(query: ServiceSearch): Promise<ServiceSearchResult[]>;
  /**
   * Adds and updates organisations and services from another directory (e.g. `fromHsds`), matching
   * stored records by `sourceId`, in one all-or-nothing commit; a re-import of the same source changes
   * nothing.
   */
  importDirectory(input: DirectoryImport): Promise<DirectoryImportResult>;
  /** Every organisation, a page at a time in id order (export, e.g. `toHsds`). */
  listOrganizations(options?: { limit?: number; cursor?: string }): Promise<Page<Organization>>;
  /** Every service, active or not, a page at a time in id order. */
  listServices(options?: { limit?: number; cursor?: string }): Promise<Page<Service>>;
}

export function createDirectoryApi(context: ManagerContext): DirectoryApi {
  const find = async <T>(collection: 'organizations' | 'services', query: FindQuery) =>
    (await context.storage.find<T & { id: string; version: number }>(collection, query)).items as T[];
  const ListOptionsSchema = z.strictObject({ limit: z.optional(z.number().check(z.int(), z.gte(1), z.lte(1000))), cursor: z.optional(z.string().check(z.maxLength(2000))) });
  const list = async <T>(collection: 'organizations' | 'services', optionsInput: unknown): Promise<Page<T>> => {
    const options = parseOptions(ListOptionsSchema, optionsInput);
    context.authorize({ action: 'read', collection });
    const page = await context.storage.find(collection, { index: 'id', limit: options.limit ?? 100, ...(options.cursor ? { cursor: options.cursor } : {}) });
    return page as unknown as Page<T>;
  };

  return {
    async createOrganization(input) {
      const fields = parse(OrganizationInputSchema, input);
      context.authorize({ action: 'create', collection: 'organizations', record: fields });
      const writer = context.writer();
      const record = writer.create('organizations', OrganizationSchema, fields);
      await writer.commit();
      return record;
    },

    async updateOrganization(refInput, patchInput) {
      const ref = parseRef(refInput);
      const patch = definedOnly(parse(OrganizationPatchSchema, patchInput));
      const before = await context.load<Organization>('organizations', ref.id);
      context.authorize({ action: 'update', collection: 'organizations', record: before });
      const writer = context.writer();
      const record = writer.update('organizations', OrganizationSchema, before, { ...before, ...patch }, {}, ref.version);
      if (record.name !== before.name) {
        // Services carry the organisation's name (like a FHIR Reference.display) so text search finds them by it.
        for (const service of await find<Service>('services', { index: 'organizationId', equals: before.id })) {
          writer.update('services', ServiceSchema, service, { ...service, organizationName: record.name });
        }
      }
      await writer.commit();
      return record;
    },

    async getOrganization(id) {
      const record = await context.load<Organization>('organizations', parseId(id));
      context.authorize({ action: 'read', collection: 'organizations', record });
      return record;
    },

    async searchOrganizations(textInput, optionsInput) {
      const text = parse(z.string().check(z.maxLength(500)), textInput, ['text']);
      const options = parseOptions(z.strictObject({ limit: z.optional(z.number().check(z.int(), z.gte(1), z.lte(200))) }), optionsInput);
      context.authorize({ action: 'read', collection: 'organizations' });
      const words = searchTokens(text);
      const longest = [...words].sort((a, b) => b.length - a.length)[0];
      if (!longest) return [];
      const seen = new Set<string>();
      const results: Organization[] = [];
      for (const org of await find<Organization>('organizations', { index: 'nameTokens', range: { gte: longest, lt: `${longest}\uffff` } })) {
        if (seen.has(org.id)) continue;
        seen.add(org.id);
        if (matchesTokens(searchTokens(org.name), words)) results.push(org);
      }
      return results.sort((a, b) => a.name.localeCompare(b.name)).slice(0, options.limit ?? 20);
    },

    async createService(input) {
      const fields = parse(ServiceInputSchema, input);
      const organization = await context.load<Organization>('organizations', fields.organizationId);
      const draft = { ...fields, organizationName: organization.name };
      context.authorize({ action: 'create', collection: 'services', record: draft });
      const writer = context.writer();
      const record = writer.create('services', ServiceSchema, draft);
      await writer.commit();
      return record;
    },

    async updateService(refInput, patchInput) {
      const ref = parseRef(refInput);
      const patch = definedOnly(parse(ServicePatchSchema, patchInput));
      const before = await context.load<Service>('services', ref.id);
      context.authorize({ action: 'update', collection: 'services', record: before });
      const organizationName =
        patch.organizationId && patch.organizationId !== before.organizationId
          ? (await context.load<Organization>('organizations', patch.organizationId)).name
          : before.organizationName;
      const writer = context.writer();
      const record = writer.update('services', ServiceSchema, before, { ...before, ...patch, organizationName }, {}, ref.version);
      await writer.commit();
      return record;
    },

    async getService(id) {
      const record = await context.load<Service>('services', parseId(id));
      context.authorize({ action: 'read', collection: 'services', record });
      return record;
    },

    async servicesOf(organizationIdInput, optionsInput) {
      const organizationId = parseId(organizationIdInput, ['organizationId']);
      const options = parseOptions(z.strictObject({ includeInactive: z.optional(z.boolean()) }), optionsInput);
      context.authorize({ action: 'read', collection: 'services', record: { organizationId } });
      const services = await find<Service>('services', { index: 'organizationId', equals: organizationId });
      return services.filter((s) => options.includeInactive || s.status === 'active').sort(byName);
    },

    importDirectory: (input) => importDirectory(context, input),
    listOrganizations: (options) => list<Organization>('organizations', options),
    listServices: (options) => list<Service>('services', options),

    async searchServices(queryInput) {
      const query = parse(ServiceSearchSchema, queryInput, ['query']);
      context.authorize({ action: 'read', collection: 'services' });
      const words = searchTokens(query.text);
      const longest = [...words].sort((a, b) => b.length - a.length)[0];
      // One index narrows the candidates (the text's longest word, else the need); the rest is checked per service.
      const candidates = longest
        ? await find<Service>('services', { index: 'tokens', range: { gte: longest, lt: `${longest}\uffff` } })
        : query.need
          ? await find<Service>('services', { index: 'categories', equals: query.need })
          : await find<Service>('services', { index: 'id' });
      const area = query.area ? foldArea(query.area) : undefined;
      const seen = new Set<string>();
      const results: (ServiceSearchResult & { rank: number })[] = [];
      for (const service of candidates) {
        if (seen.has(service.id)) continue;
        seen.add(service.id);
        if (!query.includeInactive && service.status !== 'active') continue;
        if (query.need && !service.categories.includes(query.need)) continue;
        if (words.length && !matchesTokens(serviceTokens(service), words)) continue;
        if (query.clientAge !== undefined && !ageFits(service, query.clientAge)) continue;
        if (area !== undefined && service.eligibility.serviceAreas.length && !service.eligibility.serviceAreas.some((a) => foldArea(a) === area)) continue;
        if (query.language) {
          const languageMatch = matchLanguage(service, query.language);
          results.push({ service, languageMatch, rank: LANGUAGE_RANK[languageMatch] });
        } else {
          results.push({ service, rank: 0 });
        }
      }
      return results
        .sort((a, b) => a.rank - b.rank || byName(a.service, b.service))
        .slice(0, query.limit)
        .map(({ rank: _rank, ...result }) => result);
    },
  };
}

const LANGUAGE_RANK: Readonly<Record<LanguageMatch, number>> = { spoken: 0, interpretation: 1, none: 2 };

/** The words a service is found by: the same fields as its `tokens` index. */
function serviceTokens(service: Service): string[] {
  return searchTokens([service.name, service.organizationName, service.description ?? ''].join(' '));
}

function byName(a: Service, b: Service): number {
  return a.organizationName.localeCompare(b.organizationName) || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function ageFits(service: Service, age: number): boolean {
  const { minAge, maxAge } = service.eligibility;
  return (minAge === undefined || age >= minAge) && (maxAge === undefined || age <= maxAge);
}

/** Postal codes and city names compared without case, accents, spaces or punctuation. */
function foldArea(area: string): string {
  return searchTokens(area).join(' ');
}

/**
 * True when two BCP 47 tags name the same language, one possibly more specific: `es` matches `es-MX`,
 * `zh` matches `zh-Hant`, but `zh-Hant` does not match `zh-Hans`.
 */
export function sameLanguage(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || x.startsWith(`${y}-`) || y.startsWith(`${x}-`);
}

export function matchLanguage(service: Pick<Service, 'languages' | 'interpretationAvailable'>, language: string): LanguageMatch {
  if (service.languages.some((l) => sameLanguage(l, language))) return 'spoken';
  return service.interpretationAvailable ? 'interpretation' : 'none';
}
