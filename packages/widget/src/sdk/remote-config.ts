// Remote config: `GET {endpoint}/v1/sites/{site}/surveys`. The browser's
// HTTP cache does the revalidating: `cache: 'no-cache'` makes it ask the
// collector every time with the cached copy's ETag, in a header the browser
// adds itself, so the request stays a simple CORS request: one round trip, a
// 304 when nothing changed, and a pause or an edit seen on the next page. An
// `If-None-Match` set here would cost a preflight (it is not a safelisted
// header) and bypass the cache. The instance keeps its verdict on a list by
// the list's hash (instance.ts), so a revalidated body needs no engine, and
// offline visitors keep that copy's surveys.

/** The list, or why the request failed. */
export interface RemoteAnswer {
  list?: unknown[];
  error?: string;
}

/** Fetches the site's surveys. Never rejects. */
export async function fetchSurveys(fetchFn: typeof fetch, url: string): Promise<RemoteAnswer> {
  try {
    const res = await fetchFn(url, { cache: 'no-cache', credentials: 'omit' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as { surveys?: unknown } | null;
    // `{ surveys: [...] }`, or a bare array (which has no `surveys`, so stands for itself).
    const list = body?.surveys ?? body;
    if (!Array.isArray(list)) throw new Error('no surveys');
    return { list };
  } catch (err) {
    return { error: `remote config: ${(err as Error).message}` };
  }
}
