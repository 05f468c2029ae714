// Remote config: `GET {endpoint}/v1/sites/{site}/surveys`, revalidated with
// the ETag of the copy we cached, and that copy used when the network or the
// server fails (offline visitors still get their surveys).
import { readJson, type KeyValue } from './store.js';

interface Copy {
  etag?: string | null;
  body: unknown;
}

/** The surveys list from a config body: `{ surveys: [...] }` or a bare array; throws on anything else. */
function surveysOf(copy: Copy | undefined): unknown[] {
  const b = copy?.body as { surveys?: unknown } | undefined;
  const list = Array.isArray(b) ? b : b?.surveys;
  if (!Array.isArray(list)) throw new Error('no surveys');
  return list;
}

/**
 * Fetches the site's surveys. Resolves with the fresh or cached list, and an
 * error message when it had to fall back (or when there is nothing at all).
 */
export async function fetchSurveys(fetchFn: typeof fetch, url: string, cache: KeyValue): Promise<{ surveys: unknown[]; error?: string }> {
  let copy = readJson<Copy>(cache, 'cfg');
  try {
    const res = await fetchFn(url, { headers: copy?.etag ? { 'If-None-Match': copy.etag } : {}, credentials: 'omit' });
    if (res.status !== 304 || !copy) {
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const fresh: Copy = { etag: res.headers.get('ETag'), body: await res.json() };
      surveysOf(fresh);
      cache.set('cfg', JSON.stringify((copy = fresh)));
    }
    return { surveys: surveysOf(copy) };
  } catch (err) {
    const error = `remote config: ${(err as Error).message}`;
    try {
      return { surveys: surveysOf(copy), error };
    } catch {
      return { surveys: [], error };
    }
  }
}
