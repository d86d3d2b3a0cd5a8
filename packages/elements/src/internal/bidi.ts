/**
 * Marks text that is always left to right (phone numbers, emails, ids) as an isolated LTR run with
 * Unicode's LRI…PDI, so a right-to-left page does not reorder it ("+1 555 0120" would otherwise show
 * as "0120 555 1+"). Works inside translated sentences, print copies and accessible names, where
 * markup such as <bdi> cannot go; screen readers ignore the invisible marks.
 */
export function ltrIsolate(text: string): string {
  return `\u2066${text}\u2069`;
}
