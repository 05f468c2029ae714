// What a page that loaded the debug chunk asks for, read exactly: sayso.js
// loads the chunk on a cheap pattern over the address (sdk/debug-flag.ts),
// and this says whether the page really asks, and for which preview.
/**
 * The preview token, `''` for the debug flag alone, `false` when the page does
 * not ask. Both parameters are read from the query and the fragment alike (the
 * collector's links put the token in the fragment, which no server sees); a
 * token this tab kept (`kept`, read only with consent: without it sayso keeps
 * nothing) stands in for one no longer in the address bar.
 */
export function debugFlag(win: Window, kept: string | null | undefined): string | false {
  const { hash, search } = win.location;
  // Parameters, not substrings: `#xsayso_preview=t`, an empty token, `?sayso_debug=0` and
  // `?next=/a?sayso_debug=1` (another parameter's value) are ordinary pages.
  const params = new URLSearchParams(search + '&' + hash.slice(1));
  return params.get('sayso_preview') || kept || (params.get('sayso_debug') == '1' && '');
}

