// Trusted Types. A page with `require-trusted-types-for 'script'` refuses a
// plain string as a <script>'s src, and sayso adds scripts: sayso.js (the
// snippet), the engine and UI chunks, the locale chunks. With a default
// policy the page vets every URL itself, so sayso hands it strings. Without
// one, sayso creates its own policy, named `sayso` (the page allows it with
// `trusted-types sayso`). Its only input is a file name: `sayso*.js` (no
// `/`, `.`, `%` or `?` to climb with) becomes that file in the folder of
// sayso's files (beside sayso.js, or `assetBase`), anything else an empty
// src, which loads nothing. The policy is created once per page and kept in
// the page registry (the snippet's, which sayso.js moves there), so the
// snippet, sayso.js and the UI chunk share it (a second
// createPolicy('sayso') would need 'allow-duplicates'); whoever creates it
// first fixes the folder.
import { pageRegistry } from './registry.js';

interface Factory {
  defaultPolicy: unknown;
  createPolicy(name: string, rules: { createScriptURL(file: string): string }): { createScriptURL(file: string): unknown };
}

/** The URL of `file` in the folder `base`, in the form the page accepts for a script's src. */
export function scriptUrl(win: Window, base: string, file: string): string {
  const tt = (win as { trustedTypes?: Factory }).trustedTypes;
  const registry = pageRegistry(win);
  try {
    registry.p ??= tt && !tt.defaultPolicy ? tt.createPolicy('sayso', { createScriptURL: (f) => (/^sayso[\w-]*\.js$/.test(f) ? base + f : '') }) : null;
  } catch {
    // The page's trusted-types directive does not list sayso: a string, refused where they are enforced.
  }
  return (registry.p?.createScriptURL(file) ?? base + file) as string;
}
