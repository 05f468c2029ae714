// Remote config: `GET {endpoint}/v1/sites/{site}/surveys`, revalidated with
// the ETag of the copy the instance keeps (the validated verdict of the last
// answer, see instance.ts). Offline visitors keep that copy's surveys.

/** A fresh list with its ETag, nothing new (304: the kept copy stands), or why the request failed. */
export interface RemoteAnswer {
  list?: unknown[];
  etag?: string | null;
  error?: string;
}

/** Fetches the site's surveys, revalidating `etag` when the caller holds a copy. Never rejects. */
export async function fetchSurveys(fetchFn: typeof fetch, url: string, etag?: string | null): Promise<RemoteAnswer> {
  try {
    const res = await fetchFn(url, { headers: etag ? { 'If-None-Match': etag } : {}, credentials: 'omit' });
    if (res.status == 304 && etag) return {};
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as { surveys?: unknown } | null;
    // `{ surveys: [...] }`, or a bare array (which has no `surveys`, so stands for itself).
    const list = body?.surveys ?? body;
    if (!Array.isArray(list)) throw new Error('no surveys');
    return { list, etag: res.headers.get('ETag') };
  } catch (err) {
    return { error: `remote config: ${(err as Error).message}` };
  }
}
