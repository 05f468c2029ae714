// Whether this page asks for sayso's debug chunk (sayso-debug.js: "why isn't
// it showing?" and preview links): a preview link's token in the fragment
// (`#sayso_preview=<token>`), the token a preview kept for this tab (the chunk
// takes it out of the address bar and keeps it in sessionStorage, so a reload
// stays in preview and a shared URL does not carry it), or `?sayso_debug=1`.
// This is all of preview and debug that every visitor's sayso.js carries:
// each byte here is paid on every page, so the chunk does the rest.
import type { KeyValue } from './store.js';

/** The sessionStorage key of a preview's token (`sayso.` and this, like sayso's other keys). */
export const PREVIEW_KEY = 'pv';

/**
 * The preview token, `''` for the debug flag alone, `false` on an ordinary
 * page. Both parameters are read from the query and the fragment alike (the
 * collector's links put the token in the fragment, which no server sees).
 * `session` is the instance's sessionStorage behind its consent gate: before
 * consent a reload forgets a preview (it could show nothing anyway).
 */
export function debugFlag(win: Window, session: KeyValue): string | false {
  const { hash, search } = win.location;
  // Parameters, not substrings: `#xsayso_preview=t`, an empty token, `?sayso_debug=0` and
  // `?next=/a?sayso_debug=1` (another parameter's value) are ordinary pages.
  const params = new URLSearchParams(search + '&' + hash.slice(1));
  return params.get('sayso_preview') || session.get(PREVIEW_KEY) || (params.get('sayso_debug') == '1' && '');
}
