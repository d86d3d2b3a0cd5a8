import { ValidationError } from '@casekit/core';
import { createReport } from '../report.js';
import { flattenInto, isJsonObject, jsonEntries } from './from-json.js';
import { NotHsdsError, readTabular, type HsdsFiles } from './from-tabular.js';
import { mapDirectory } from './map-directory.js';
import { reportUnused } from './report-unused.js';
import { HsdsTables } from './tables.js';
import type { FromHsdsOptions, HsdsDataset, HsdsImport } from './types.js';

/**
 * Reads an Open Referral HSDS directory into casekit organizations and services.
 *
 * Takes HSDS 3 JSON (a service, organization or service_at_location object; an array of them; an API
 * page `{ contents: [...] }`; or `{ organizations, services, locations, ... }`) and tabular
 * datapackages, HSDS 3 or HSDS 1.x, as `{ files: { 'services.csv': text, ... } }`. Each record carries
 * its HSDS id as `sourceId`, so importing the same source again can update rather than duplicate.
 * Never throws on a valid dataset: what casekit cannot hold is listed in `report`.
 * @throws ValidationError when the input is not HSDS (nor an unreadable CSV file).
 */
export function fromHsds(dataset: HsdsDataset, options: FromHsdsOptions = {}): HsdsImport {
  const report = createReport();
  let tables: HsdsTables;
  let source: HsdsImport['source'];
  if (isFilesInput(dataset)) {
    try {
      const read = readTabular(dataset.files, report.add);
      tables = read.tables;
      source = { format: read.version === '1' ? 'hsds-1-tabular' : 'hsds-3-tabular', ...(read.descriptorVersion ? { version: read.descriptorVersion } : {}) };
    } catch (error) {
      if (error instanceof NotHsdsError) throw new ValidationError([{ path: ['files'], message: error.message, code: 'not-hsds' }], error.message);
      throw error;
    }
  } else {
    const entries = jsonEntries(dataset);
    if (!entries) {
      const message = 'Not HSDS: expected HSDS 3 JSON (services, organizations or service_at_location objects, a page { contents }, or { organizations, services, ... }) or a datapackage { files: { "services.csv": "..." } }.';
      throw new ValidationError([{ path: [], message, code: 'not-hsds' }], message);
    }
    tables = new HsdsTables();
    for (const entry of entries) flattenInto(tables, entry.table, entry.object, entry.path);
    source = { format: 'hsds-3-json' };
  }
  const { organizations, services } = mapDirectory(tables, report.add, options);
  reportUnused(tables, report.add);
  return { organizations, services, report: { entries: report.entries }, source };
}

function isFilesInput(dataset: unknown): dataset is { files: HsdsFiles } {
  if (!isJsonObject(dataset) || !isJsonObject(dataset['files'])) return false;
  return Object.values(dataset['files']).every((content) => typeof content === 'string' || Array.isArray(content));
}
