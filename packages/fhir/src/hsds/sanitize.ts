/**
 * Fits a drafted record to casekit's schema without throwing: a value casekit rejects is shortened
 * (text and lists past a maximum) or left out, and the report names the HSDS field it came from.
 * Only a record missing what casekit requires (a name) is not returned at all.
 */

interface Issue {
  path: PropertyKey[];
  code: string;
  message: string;
  maximum?: unknown;
}

/** What this needs of a zod schema (so this package needs no zod import of its own). */
export interface SafeParser<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: Issue[] } };
}

type Draft = Record<string, unknown>;
type Report = (path: string, reason: string) => void;

/** The source path of a draft path: the longest known prefix (`languages.3` -> origin of `languages`). */
function originOf(origins: ReadonlyMap<string, string>, path: PropertyKey[], fallback: string): string {
  for (let end = path.length; end > 0; end--) {
    const found = origins.get(path.slice(0, end).map(String).join('.'));
    if (found) return found;
  }
  return fallback;
}

function parentOf(draft: Draft, path: PropertyKey[]): { parent: unknown; key: PropertyKey } | undefined {
  let parent: unknown = draft;
  for (const key of path.slice(0, -1)) {
    if (typeof parent !== 'object' || parent === null) return undefined;
    parent = (parent as Record<PropertyKey, unknown>)[key];
  }
  const key = path[path.length - 1];
  return key === undefined || typeof parent !== 'object' || parent === null ? undefined : { parent, key };
}

/**
 * The draft parsed by the schema, after shortening or dropping what it rejects; undefined when a
 * required field cannot be fixed.
 * @param origins draft path (`contact.email`) -> HSDS path it was read from.
 * @param required draft keys without which the record is not imported.
 */
export function fitToSchema<T>(schema: SafeParser<T>, draft: Draft, origins: ReadonlyMap<string, string>, recordPath: string, report: Report, required: readonly string[]): T | undefined {
  // One issue at a time: removing a list element shifts the paths of the issues after it.
  for (let attempt = 0; attempt < 200; attempt++) {
    const result = schema.safeParse(draft);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    if (issue) {
      const where = originOf(origins, issue.path, recordPath);
      const top = String(issue.path[0] ?? '');
      if (issue.path.length === 0 || required.includes(top)) {
        report(where, `casekit cannot import this record: ${issue.message}.`);
        return undefined;
      }
      const slot = parentOf(draft, issue.path);
      if (!slot) {
        report(where, `Not imported: ${issue.message}.`);
        return undefined;
      }
      const target = slot.parent as Record<PropertyKey, unknown>;
      const value = target[slot.key];
      if (issue.code === 'too_big' && typeof issue.maximum === 'number' && (typeof value === 'string' || Array.isArray(value))) {
        const max = issue.maximum;
        if (typeof value === 'string') {
          target[slot.key] = `${value.slice(0, max - 1).trimEnd()}…`;
          report(where, `Longer than casekit's ${max}-character limit: cut to ${max} characters.`);
        } else {
          target[slot.key] = value.slice(0, max);
          report(where, `More than casekit's limit of ${max}: only the first ${max} were kept.`);
        }
      } else if (Array.isArray(target)) {
        target.splice(Number(slot.key), 1);
        report(where, `Not carried over: ${issue.message}.`);
      } else {
        delete target[slot.key];
        report(where, `Not carried over: ${issue.message}.`);
      }
    }
  }
  report(recordPath, 'casekit cannot import this record: its values could not be fitted to casekit’s schema.');
  return undefined;
}
