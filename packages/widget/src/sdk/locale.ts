// The widget's locale: the config's, then the page's `<html lang>`, then the
// browser's first language, then English.

/** Picks the locale for the widget's strings. */
export function pickLocale(configured: string | undefined, doc: Document | undefined, nav: Navigator | undefined): string {
  return configured || doc?.documentElement.lang || nav?.languages?.[0] || nav?.language || 'en';
}

/** True when `locale` is one of `prefixes` (`'de'` matches `de-AT`, case-insensitive). */
export function localeIn(locale: string, prefixes: string[]): boolean {
  // With a `-` appended to both, equal tags and `de` before `de-AT` are one prefix test.
  return prefixes.some((p) => `${locale.toLowerCase()}-`.startsWith(`${p.toLowerCase()}-`));
}
