// The one HTTP door of the studio: same-origin fetches to /v1/admin (the
// session cookie rides along; the browser adds the Origin header that the
// collector's CSRF check reads). Every failure becomes an ApiError carrying
// what the API said: its message, the bad field's path, the current object
// of a 409.
import { signal } from '@preact/signals';

/** An answer other than 2xx, or no answer at all (status 0). */
export class ApiError extends Error {
  declare readonly status: number;
  /** The path of the bad field of a 400 (`triggers[0].delayMs`). */
  declare readonly path: string | undefined;
  /** The body of the answer (a 409's `current`, for one). */
  declare readonly body: unknown;

  constructor(status: number, message: string, path?: string, body?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.path = path;
    this.body = body;
  }
}

/** Set when an answer says the session is gone (401), so the app can show the sign-in. */
export const signedOut = signal(false);

export interface Answer<T> {
  data: T;
  etag: string | null;
}

/** The routes behind the studio's sign-in: the admin API, and the reading API (scores, comments, insights). */
const SIGNED_IN_ONLY = /^\/v1\/(?:admin\/|scores\b|comments\b|insights\b)/;

/** The message a user reads for an answer: the API's own words, or what the status means. */
function messageOf(status: number, body: unknown): { message: string; path?: string } {
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error === 'string') return { message: error };
  if (error && typeof error === 'object') {
    const e = error as { message?: unknown; path?: unknown; reason?: unknown; param?: unknown; field?: unknown };
    const message = typeof e.message === 'string' ? e.message : typeof e.reason === 'string' ? e.reason : `HTTP ${status}`;
    // `path` (surveys, users), `param` (query values), `field` (webhook bodies; '' for the body as a whole).
    const path = typeof e.path === 'string' ? e.path : typeof e.param === 'string' ? e.param : typeof e.field === 'string' ? e.field : undefined;
    return path === undefined ? { message } : { message, path };
  }
  return { message: status === 404 ? 'not found' : `the collector answered HTTP ${status}` };
}

/**
 * Calls the collector: `method` `url` with a JSON `body`, `If-Match: ifMatch`.
 * Resolves with the JSON answer and its ETag; rejects with an ApiError.
 */
export async function call<T>(method: string, url: string, options: { body?: unknown; ifMatch?: string | null } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.ifMatch) headers['If-Match'] = options.ifMatch;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'the collector could not be reached; check that it is running');
  }
  const text = res.status === 204 ? '' : await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null; // not JSON (a proxy's error page): the status speaks
  }
  if (!res.ok) {
    // The session ended (expired, revoked): the admin API or the reading API the report uses says so; the sign-in form takes over.
    if (res.status === 401 && SIGNED_IN_ONLY.test(url) && !url.endsWith('/session')) signedOut.value = true;
    const { message, path } = messageOf(res.status, body);
    throw new ApiError(res.status, message, path, body);
  }
  return { data: body as T, etag: res.headers.get('etag') };
}

/** `/v1/admin/<parts>` with each part percent-encoded (ids come from users). */
export const admin = (...parts: Array<string | number>): string => '/v1/admin/' + parts.map((p) => encodeURIComponent(String(p))).join('/');
