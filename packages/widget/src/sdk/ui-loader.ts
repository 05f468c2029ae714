// Lazy chunks (the UI, and the engine likewise). The always-loaded SDK holds no UI; the chunk (Preact and the
// components) loads when a survey is about to show, or on idle when one is
// likely. A failed load is retried a few times, then reported as
// E_UI_LOAD_FAILED through the `error` event, never thrown into the host; the
// next show starts afresh.
import { scriptUrl } from './trusted-types.js';

/**
 * Loads the script-tag chunk `name` (`sayso-<name>.js`) from the folder `base`
 * with a `<script>` (carrying the page's nonce) and reads the global it sets,
 * `__sayso<name>` (ENGINE_GLOBAL, UI_GLOBAL, DEBUG_GLOBAL: one name makes
 * both, so sayso.js carries no second string per chunk).
 */
export function scriptChunk<T>(doc: Document, base: string, name: string, nonce: string | undefined): () => Promise<T> {
  const file = `sayso-${name}.js`;
  const global = '__sayso' + name;
  return () =>
    new Promise((resolve, reject) => {
      const win = doc.defaultView as unknown as Window & Record<string, T | undefined>;
      if (win[global]) return resolve(win[global]);
      const el = doc.createElement('script');
      // Inserted by script, so async already. A URL Trusted Types refuse throws here: a rejection, retried.
      el.src = scriptUrl(win, base, file);
      if (nonce) el.nonce = nonce;
      // Loaded or not, what counts is whether the chunk set its global.
      el.onload = el.onerror = () => {
        if (win[global]) return resolve(win[global]);
        el.remove(); // so a retry adds a fresh element
        reject(new Error(`could not load ${file}`));
      };
      doc.head.append(el);
    });
}

/** Memoises `load`, trying it 3 times with growing waits (0.5 s, 1 s); a final failure clears the memo. */
export function retrying<T>(load: () => Promise<T>): () => Promise<T> {
  let memo: Promise<T> | undefined;
  const attempt = async (): Promise<T> => {
    for (let i = 1; ; i++) {
      try {
        return await load();
      } catch (err) {
        if (i > 2) throw err;
        await new Promise((r) => setTimeout(r, 500 * i));
      }
    }
  };
  return () =>
    (memo ??= attempt().catch((err: unknown) => {
      memo = undefined;
      throw err;
    }));
}
