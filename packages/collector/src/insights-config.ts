// The `insights` block of a site in sayso.config.json: custom themes a team
// names with their words in several languages. Checked at start with the
// path of a bad field, like the rest of the config.
import { SaysoError, isSaysoError } from '@sayso/core';
import { defineThemes, textVersion, type ThemeDefinition, type Themes } from '@sayso/insights';

/** A site's insights settings, as written. */
export interface SiteInsightsConfig {
  /**
   * Custom themes: answers whose comment mentions one of the words (same
   * stem, in the comment's language) are tagged with it; it appears beside
   * the themes found in the comments, with its impact.
   * @example [{ "name": "Pricing", "words": ["price", "expensive", "cost", "teuer", "cher", "caro"] }]
   */
  themes?: ThemeDefinition[];
}

/** Checked insights settings. */
export interface SiteInsights {
  themes: Themes | undefined;
  /**
   * What the stored counts depend on: the term rules of @sayso/insights (and
   * the runtime's Unicode/ICU) and the custom themes. A change rebuilds the site's counts.
   */
  fingerprint: string;
}

/** Checks `sites[i].insights`; throws E_CONFIG_INVALID naming the bad field (`sites[0].insights.themes[1].words[2]`). */
export function resolveSiteInsights(raw: unknown, at: string): SiteInsights {
  let definitions: ThemeDefinition[] = [];
  if (raw !== undefined) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new SaysoError('E_CONFIG_INVALID', 'must be an object such as { "themes": [...] }', { path: at });
    for (const key of Object.keys(raw)) if (key !== 'themes') throw new SaysoError('E_CONFIG_INVALID', 'is not a known insights setting (themes)', { path: `${at}.${key}` });
    const themes = (raw as SiteInsightsConfig).themes;
    if (themes !== undefined) {
      if (!Array.isArray(themes)) throw new SaysoError('E_CONFIG_INVALID', 'must be an array of { name, words }', { path: `${at}.themes` });
      definitions = themes;
    }
  }
  let themes: Themes | undefined;
  try {
    themes = definitions.length ? defineThemes(definitions) : undefined;
  } catch (err) {
    // defineThemes names `themes[i].words[j]`; the config path goes in front.
    if (isSaysoError(err)) throw new SaysoError('E_CONFIG_INVALID', err.message.replace(/^[^:]*: /, ''), { path: `${at}.${err.path ?? 'themes'}`, cause: err });
    throw err;
  }
  const fingerprint = JSON.stringify({ terms: textVersion().id, themes: themes?.definitions ?? [] });
  return { themes, fingerprint };
}
