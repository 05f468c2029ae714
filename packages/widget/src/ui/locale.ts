// Which of the widget's languages a BCP 47 tag gets, and its direction.
import { loadLocale } from './load-locale.js';
import { en, type LocaleStrings, type Strings } from './strings.js';

/** Languages with a built-in translation besides English (each its own chunk). */
export const LOCALES = ['de', 'fr', 'es', 'it', 'pt', 'nl', 'pl', 'sv', 'ja', 'zh', 'ko', 'ar', 'he'];

/** The primary language subtag, lower-cased (`pt-BR` → `pt`). */
export const baseLang = (tag: string): string => tag.toLowerCase().split(/[-_]/)[0] ?? '';

/** Right-to-left for Arabic-script and Hebrew languages, whether or not the widget has their strings. */
export const isRtl = (tag: string): boolean => /^(ar|he|fa|ur|ps|yi|dv|ckb)$/.test(baseLang(tag));

/** Where locale chunks come from in the script-tag build. */
export interface ChunkSource {
  assetBase?: string;
  scriptNonce?: string;
}

/**
 * The widget's strings for `tag`: English, overlaid with the language's chunk
 * when there is one. A chunk that fails to load leaves English: a survey in
 * the wrong language beats no survey.
 */
export async function stringsFor(tag: string, from: ChunkSource): Promise<Strings> {
  const lang = baseLang(tag);
  let extra: LocaleStrings | undefined;
  if (LOCALES.includes(lang)) extra = await loadLocale(lang, from).catch(() => undefined);
  return { ...en, ...extra };
}
