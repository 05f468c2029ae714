// Remote config: `GET {endpoint}/v1/sites/{site}/surveys`, revalidated with
// the ETag of the copy we cached, and that copy used when the network or the
// server fails (offline visitors still get their surveys).
import { quietly } from '../storage/local.js';
import { readJson, type KeyValue } from './store.js';

interface Copy {
  etag?: string | null;
  body: unknown;
}

/** The surveys list from a config body: `{ surveys: [...] }` or a bare array; throws on anything else. */
function surveysOf(copy: Copy | undefined): unknown[] {
  const body = copy?.body as { surveys?: unknown } | undefined;
  // A bare array has no `surveys`, so it stands for itself.
  const list = body?.surveys ?? body;
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
    if (res.status != 304 || !copy) {
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const fresh: Copy = { etag: res.headers.get('ETag'), body: await res.json() };
      surveysOf(fresh); // throws before an unusable body replaces the cached copy
      cache.set('cfg', JSON.stringify((copy = fresh)));
    }
    return { surveys: surveysOf(copy) };
  } catch (err) {
    // The cached copy if there is a usable one, and why we fell back to it.
    return { surveys: quietly(() => surveysOf(copy)) ?? [], error: `remote config: ${(err as Error).message}` };
  }
}
