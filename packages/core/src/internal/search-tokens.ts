/**
 * Folds text for matching: accents and case are ignored (`José` matches `jose`), so a case manager can
 * find "Nguyễn" by typing "nguyen". Returns the distinct words.
 */
export function searchTokens(text: string | undefined): string[] {
  if (!text) return [];
  const folded = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const words = folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return [...new Set(words)];
}

/** True when every query word is a prefix of some token. */
export function matchesTokens(tokens: readonly string[], queryWords: readonly string[]): boolean {
  return queryWords.every((word) => tokens.some((token) => token.startsWith(word)));
}
