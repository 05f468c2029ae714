// Whether this page may ask for sayso's debug chunk (sayso-debug.js: "why
// isn't it showing?" and preview links): a preview link's token in the
// fragment (`#sayso_preview=<token>`), the token a preview kept for this tab
// (the chunk takes it out of the address bar and keeps it in sessionStorage,
// so a reload stays in preview and a shared URL does not carry it), or
// `?sayso_debug=1`. This is all of preview and debug that every visitor's
// sayso.js carries, and each byte here is paid on every page, so it is a
// loose test: `sayso_` anywhere in the address. It never misses a page that
// asks; on a near miss (`?sayso_debug=0`, an empty token) the chunk loads,
// reads the address exactly (debug/flag.ts) and does nothing. An exact
// reading here would cost every visitor some 30 bytes more.
import type { KeyValue } from './store.js';

/** The sessionStorage key of a preview's token (`sayso.` and this, like sayso's other keys). */
export const PREVIEW_KEY = 'pv';

/** Truthy when the page at `href` may ask for the debug chunk; `session` is the instance's sessionStorage behind its consent gate. */
export const asksForDebug = (href: string, session: KeyValue): unknown => /sayso_/.test(href) || session.get(PREVIEW_KEY);
