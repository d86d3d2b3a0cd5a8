/**
 * What a mapping could not carry over. Importers never throw on a valid resource they cannot fully
 * represent: they map what they can and list the rest here, so nothing is dropped silently.
 */
export interface MappingReportEntry {
  /** Where the element was, as a FHIRPath-like path from the resource or file (e.g. `Questionnaire.item[2].answerValueSet`). */
  path: string;
  /** Why it was not mapped, in one sentence a developer can act on. */
  reason: string;
}

export interface MappingReport {
  entries: MappingReportEntry[];
}

/** A report to append to while mapping. */
export function createReport(): MappingReport & { add(path: string, reason: string): void } {
  const entries: MappingReportEntry[] = [];
  return { entries, add: (path, reason) => void entries.push({ path, reason }) };
}
