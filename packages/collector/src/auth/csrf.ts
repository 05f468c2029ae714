// Cross-site request forgery. A request authenticated by a cookie (the
// studio's session, the report's) that changes something must come from a
// page of this collector: its `Origin` must be one of the collector's own
// origins (`ctx.self.origins`, from the config and listen addresses, never
// from the request). SameSite=Strict already keeps the cookie off most
// cross-site requests; this check also covers the cases it does not (a
// sibling subdomain is "same site", old browsers ignore SameSite).
// Requests with a Bearer token carry no ambient credential: a page on
// another site cannot make a browser add one, so they are exempt.
import type { SelfNames } from '../server/host.js';

/** Methods that change nothing (RFC 9110 §9.2.1), exempt from the check. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * True when `origin` (an `Origin` header) is one of `self.origins`. The
 * header is parsed as a URL and compared by its serialised origin, so the
 * scheme and host compare case-insensitively and a default port is the same
 * as none; anything else about it must match exactly: `null`, a missing
 * header, a path, credentials, another port or a longer host are refused.
 */
export function isOwnOrigin(origin: string | undefined, self: SelfNames): boolean {
  if (origin === undefined || origin === '' || origin === 'null') return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  // An Origin header is scheme://host[:port] alone (RFC 6454 §7).
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '' || url.pathname !== '/' || origin.endsWith('/')) return false;
  return self.origins.has(url.origin);
}

/** The 403 answer's message. */
export const CROSS_SITE = 'cross-site request refused';
