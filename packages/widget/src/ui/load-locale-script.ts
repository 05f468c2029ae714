// Script-tag build (rollup swaps this file in for ./load-locale.ts): an IIFE
// bundle cannot import(), so a language is a classic script,
// `sayso-ui-<lang>.js`, that registers itself on LOCALE_GLOBAL. It is added
// with the page's script nonce, so it runs under a strict CSP, and listened
// to through its handler properties (no inline handlers).
import { scriptUrl } from '../sdk/trusted-types.js';
import type { ChunkSource } from './locale.js';
import type { LocaleStrings } from './strings.js';

/** The registry each `sayso-ui-<lang>.js` adds its strings to. */
export const LOCALE_GLOBAL = '__saysoUiL10n';

type Registry = Record<string, LocaleStrings | undefined>;

/** Loads one language's chunk from `assetBase` (undefined if it fails). */
export function loadLocale(lang: string, from: ChunkSource): Promise<LocaleStrings | undefined> {
  const w = window as unknown as Record<string, Registry | undefined>;
  const have = w[LOCALE_GLOBAL]?.[lang];
  if (have) return Promise.resolve(have);
  return new Promise((resolve) => {
    const s = document.createElement('script');
    try {
      // Through sayso's Trusted Types policy where the page enforces them.
      s.src = scriptUrl(window, from.assetBase ?? '', `sayso-ui-${lang}.js`);
    } catch {
      return resolve(undefined); // refused: English, as for a chunk that failed
    }
    if (from.scriptNonce) s.nonce = from.scriptNonce;
    const done = () => {
      s.remove();
      resolve(w[LOCALE_GLOBAL]?.[lang]);
    };
    // Handler properties, not attributes: nothing inline for a strict CSP to refuse.
    s.onload = s.onerror = done;
    document.head.append(s);
  });
}
