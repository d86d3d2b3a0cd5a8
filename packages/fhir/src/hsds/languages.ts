/**
 * HSDS language values as BCP 47 tags. HSDS 3 `language.code` is an ISO 639 code (`ur`, `eng`);
 * HSDS 1.x `language` is often a name (`Spanish`). Both are brought to the shortest tag (`en`, not
 * `eng`), which is what casekit compares when it ranks services by the client's language.
 */

const TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** English names of ISO 639-1 languages -> code, built once from the platform's own data (Intl). */
let namesToCodes: Map<string, string> | undefined;
let displayNames: Intl.DisplayNames | undefined;

function englishNames(): Intl.DisplayNames {
  return (displayNames ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }));
}

function nameIndex(): Map<string, string> {
  if (namesToCodes) return namesToCodes;
  namesToCodes = new Map();
  const names = englishNames();
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (const a of letters) {
    for (const b of letters) {
      const name = names.of(a + b);
      if (name && !namesToCodes.has(name.toLowerCase())) namesToCodes.set(name.toLowerCase(), a + b);
    }
  }
  return namesToCodes;
}

/** A BCP 47 tag for an HSDS language code or English name; undefined when neither is recognised. */
export function languageTag(code: string | undefined, name?: string): string | undefined {
  if (code && TAG.test(code)) {
    try {
      const [canonical] = Intl.getCanonicalLocales(code);
      if (canonical) return canonical;
    } catch {
      // Not a well-formed tag after all: fall through to the name.
    }
  }
  for (const candidate of [name, code]) {
    const found = candidate ? nameIndex().get(candidate.trim().toLowerCase()) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** The English name of a language tag, for HSDS `language.name` (the tag itself when unknown). */
export function languageName(tag: string): string {
  try {
    return englishNames().of(tag) ?? tag;
  } catch {
    return tag;
  }
}
