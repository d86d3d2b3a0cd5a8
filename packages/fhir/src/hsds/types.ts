import type { NeedDomain, Organization, RecordMeta, Service } from '@casekit/core';
import type { MappingReport } from '../report.js';
import type { HsdsFiles } from './from-tabular.js';

/**
 * An organization read from HSDS, ready for `directory.createOrganization` (or `updateOrganization`
 * of the record with the same `sourceId`).
 */
export type HsdsOrganization = Omit<Organization, keyof RecordMeta> & {
  /** HSDS `organization.id` (with `options.sourceIdPrefix`): the same on every import of the same source. */
  sourceId: string;
};

/**
 * A service read from HSDS. casekit's `organizationId` is the id casekit gave the organization, which
 * an import cannot know: pass `{ ...service, organizationId }` to `directory.createService` with the id
 * of the organization whose `sourceId` is `organizationSourceId` (the extra key is ignored by core).
 */
export type HsdsService = Omit<Service, keyof RecordMeta | 'organizationName' | 'organizationId'> & {
  /** HSDS `service.id` (with `options.sourceIdPrefix`). */
  sourceId: string;
  /** HSDS `service.organization_id` (with `options.sourceIdPrefix`): the `sourceId` of its organization. */
  organizationSourceId: string;
};

/** What `fromHsds` reads: HSDS 3 JSON as parsed objects, or a tabular datapackage's files. */
export type HsdsDataset = unknown | { files: HsdsFiles };

export interface FromHsdsOptions {
  /** Put before every `sourceId` (e.g. `'211-miami:'`) when records from several directories share one casekit. */
  sourceIdPrefix?: string;
  /** Need domains for a service no taxonomy term or word maps to (default `['social-support']`; reported either way). */
  defaultCategories?: NeedDomain[];
}

export type HsdsFormat = 'hsds-3-json' | 'hsds-3-tabular' | 'hsds-1-tabular';

export interface HsdsImport {
  organizations: HsdsOrganization[];
  services: HsdsService[];
  /** Every HSDS value that was not carried over (or was changed to fit), by source path, with the reason. */
  report: MappingReport;
  /** Which kind of HSDS was read (and the datapackage's declared version, when it has one). */
  source: { format: HsdsFormat; version?: string };
}

/** What `toHsds` writes from: the directory's records as casekit holds them. */
export interface CasekitDirectory {
  organizations: readonly Organization[];
  services: readonly Service[];
}
