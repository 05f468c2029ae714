// @vitest-environment node
// Remote config over real HTTP semantics (msw answers fetch): ETag revalidation,
// the cached copy when the server or network fails.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchSurveys } from './remote-config.js';
import { consentStore } from './store.js';

const URL_ = 'https://collector.test/v1/sites/pk/surveys';
const surveys = [{ id: 'nps', kind: 'nps', question: 'q' }];
let mode: 'ok' | 'down' | 'garbage' = 'ok';
const seenEtags: Array<string | null> = [];
const server = setupServer(
  http.get(URL_, ({ request }) => {
    seenEtags.push(request.headers.get('if-none-match'));
    if (mode === 'down') return HttpResponse.error();
    if (mode === 'garbage') return HttpResponse.text('<html>', { status: 200 });
    if (request.headers.get('if-none-match') === '"v1"') return new HttpResponse(null, { status: 304, headers: { ETag: '"v1"' } });
    return HttpResponse.json({ surveys }, { headers: { ETag: '"v1"' } });
  }),
);

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
    clear: () => m.clear(),
  };
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  mode = 'ok';
  seenEtags.length = 0;
});

describe('remote config', () => {
  it('fetches, caches with the ETag, then revalidates with If-None-Match and uses the cache on 304', async () => {
    const storage = memoryStorage();
    const first = await fetchSurveys(fetch, URL_, consentStore(() => storage, () => true));
    expect(first).toEqual({ surveys });
    // a new page: fresh memory, same storage
    const second = await fetchSurveys(fetch, URL_, consentStore(() => storage, () => true));
    expect(second).toEqual({ surveys });
    expect(seenEtags).toEqual([null, '"v1"']);
  });

  it('offline: the cached copy, with an error to report', async () => {
    const storage = memoryStorage();
    await fetchSurveys(fetch, URL_, consentStore(() => storage, () => true));
    mode = 'down';
    const r = await fetchSurveys(fetch, URL_, consentStore(() => storage, () => true));
    expect(r.surveys).toEqual(surveys);
    expect(r.error).toMatch(/remote config/);
  });

  it('no cache and a broken answer: no surveys and an error', async () => {
    mode = 'garbage';
    const r = await fetchSurveys(fetch, URL_, consentStore(() => memoryStorage(), () => true));
    expect(r.surveys).toEqual([]);
    expect(r.error).toBeDefined();
  });

  it('without consent nothing reaches storage', async () => {
    const storage = memoryStorage();
    await fetchSurveys(fetch, URL_, consentStore(() => storage, () => false));
    expect(storage.length).toBe(0);
  });
});
