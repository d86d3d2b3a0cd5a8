/**
 * Open Referral HSDS in and out for casekit's service directory.
 * @packageDocumentation
 */
export { fromHsds } from './from-hsds.js';
export { toHsds } from './to-hsds.js';
export { parseCsv, readCsvTable, CsvSyntaxError } from './csv.js';
export type { CsvTable } from './csv.js';
export { HSDS_TAX_ID_SYSTEM, HSDS_IDENTIFIER_SYSTEM } from './map-directory.js';
export { NEED_DOMAIN_TAXONOMY_URI, NEED_DOMAIN_TAXONOMY_NAME } from './need-domains.js';
export type { HsdsFiles } from './from-tabular.js';
export type { CasekitDirectory, FromHsdsOptions, HsdsDataset, HsdsFormat, HsdsImport, HsdsOrganization, HsdsService } from './types.js';
export type {
  Hsds3Address,
  Hsds3Attribute,
  Hsds3Directory,
  Hsds3Language,
  Hsds3Location,
  Hsds3Organization,
  Hsds3OrganizationIdentifier,
  Hsds3Phone,
  Hsds3Service,
  Hsds3Taxonomy,
  Hsds3TaxonomyTerm,
} from './hsds-json.js';
