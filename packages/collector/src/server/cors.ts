// CORS: a site's endpoints answer only its allowed origins. Requests without
// an Origin (servers, curl) and same-origin pages (link surveys, the report)
// are not cross-origin, so CORS does not apply to them. Every answer to a
// foreign origin is the same whether the site exists or not (403, no CORS
// headers), so a page elsewhere cannot tell which site keys are real.
import type { Context } from 'hono';

/**
 * Headers the SDK sends: JSON bodies, the idempotency key, the site key, signed user ids, and the kept
 * remote config's ETag (If-None-Match is not CORS-safelisted: without it here, every revalidation failed).
 */
export const ALLOWED_HEADERS = 'Content-Type, Idempotency-Key, X-Sayso-Site, X-Sayso-User-Signature, If-None-Match';

/**
 * True when `origin` may call endpoints of a site that allows `allowed`:
 * no Origin, an allowed one, or the collector's own (`self`, from the
 * configuration and listen addresses, never from the request's Host).
 */
export function originAllowed(origin: string | undefined, allowed: readonly string[], self: ReadonlySet<string>): boolean {
  return origin === undefined || allowed.includes('*') || allowed.includes(origin) || self.has(origin);
}

/** The response headers that let an allowed origin read the answer. */
export function corsHeaders(origin: string | undefined): Record<string, string> {
  if (!origin) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': 'Retry-After, ETag',
    Vary: 'Origin',
  };
}

/** The answer to a preflight from an allowed origin. */
export function preflightHeaders(origin: string): Record<string, string> {
  return {
    ...corsHeaders(origin),
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': ALLOWED_HEADERS,
    'Access-Control-Max-Age': '600',
  };
}

/** The body of every refusal of a foreign origin, for known and unknown sites alike. */
export const FOREIGN_ORIGIN = { error: 'origin not allowed' } as const;

/**
 * CORS headers for an answer given before the site is known (ingest's 413
 * and 429, a body that is not a batch): only when the site named in
 * `X-Sayso-Site`, or without that header some site, allows the origin.
 */
export function preSiteCors(c: Context, sites: Iterable<{ id: string; origins: readonly string[] }>, self: ReadonlySet<string>): Record<string, string> {
  const origin = c.req.header('origin');
  if (origin === undefined) return {};
  const named = c.req.header('x-sayso-site');
  for (const s of sites) if ((named === undefined || s.id === named) && originAllowed(origin, s.origins, self)) return corsHeaders(origin);
  return {};
}
