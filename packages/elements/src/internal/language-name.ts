/** `code`'s name in `locale` ("Spanish", "español"), or the code when `Intl` doesn't know it. */
export function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
