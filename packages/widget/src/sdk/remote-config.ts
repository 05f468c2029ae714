// Remote config: `GET {endpoint}/v1/sites/{site}/surveys`, revalidated with
// the ETag of the copy we cached, and that copy used when the network or the
// server fails (offline visitors still get their surveys).
import type { KeyValue } from './store.js';

/** The surveys list from a config body: `{ surveys: [...] }` or a bare array. */
function surveysOf(body: unknown): unknown[] {
  const list = Array.isArray(body) ? body : (body as { surveys?: unknown } | null)?.surveys;
  if (!Array.isArray(list)) throw new Error('no surveys');
  return list;
}

/**
 * Fetches the site's surveys. Resolves with the fresh or cached list and an
 * error message when it had to fall back (or when there is nothing at all).
 */
export async function fetchSurveys(
  fetchFn: typeof fetch,
  url: string,
  cache: KeyValue,
): Promise<{ surveys: unknown[]; error?: string }> {
  const cached = cache.get('cfg');
  let copy: { etag?: string; body: unknown } | undefined;
  try {
    copy = cached ? JSON.parse(cached) : undefined;
  } catch {
    copy = undefined;
  }
  try {
    const res = await fetchFn(url, { headers: copy?.etag ? { 'If-None-Match': copy.etag } : {}, credentials: 'omit' });
    if (res.status === 304 && copy) return { surveys: surveysOf(copy.body) };
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body: unknown = await res.json();
    const surveys = surveysOf(body);
    const etag = res.headers.get('ETag');
    cache.set('cfg', JSON.stringify(etag ? { etag, body } : { body }));
    return { surveys };
  } catch (err) {
    const error = `remote config: ${(err as Error).message}`;
    try {
      if (copy) return { surveys: surveysOf(copy.body), error };
    } catch {
      // a cached copy we cannot read is no copy
    }
    return { surveys: [], error };
  }
}
