// CORS: a site's endpoints answer only its allowed origins. Requests without
// an Origin (servers, curl) and same-origin pages (link surveys, the report)
// are not cross-origin, so CORS does not apply to them.

/**
 * Headers the SDK sends: JSON bodies, the idempotency key, the site key, signed user ids, and the kept
 * remote config's ETag (If-None-Match is not CORS-safelisted: without it here, every revalidation failed).
 */
export const ALLOWED_HEADERS = 'Content-Type, Idempotency-Key, X-Sayso-Site, X-Sayso-User-Signature, If-None-Match';

/**
 * True when `origin` may call endpoints of a site that allows `allowed`.
 * `selfOrigin` may be a function: it is then only asked (a URL parse) when the
 * allow-list does not already decide.
 */
export function originAllowed(origin: string | undefined, allowed: readonly string[], selfOrigin: string | (() => string)): boolean {
  if (origin === undefined || allowed.includes('*') || allowed.includes(origin)) return true;
  return origin === (typeof selfOrigin === 'function' ? selfOrigin() : selfOrigin);
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
