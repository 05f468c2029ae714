// @vitest-environment node
// Remote config over real HTTP semantics (msw answers fetch): the request
// it makes, and failures. Revalidation by the browser's HTTP cache is checked
// in Chromium (test/browser/sdk-engine.spec.ts). What the instance does with each answer (the kept
// copy, offline) is in instance.test.ts.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchSurveys } from './remote-config.js';

const URL_ = 'https://collector.test/v1/sites/pk/surveys';
const surveys = [{ id: 'nps', kind: 'nps', question: 'q' }];
let mode: 'ok' | 'down' | 'garbage' | 'array' | 'error' = 'ok';
const seen: Array<{ etag: string | null; credentials: string; cache: string }> = [];
const server = setupServer(
  http.get(URL_, ({ request }) => {
    seen.push({ etag: request.headers.get('if-none-match'), credentials: request.credentials, cache: request.cache });
    if (mode === 'down') return HttpResponse.error();
    if (mode === 'garbage') return HttpResponse.text('<html>', { status: 200 });
    if (mode === 'error') return HttpResponse.json({ error: 'nope' }, { status: 503 });
    if (mode === 'array') return HttpResponse.json(surveys);
    if (request.headers.get('if-none-match') === '"v1"') return new HttpResponse(null, { status: 304, headers: { ETag: '"v1"' } });
    return HttpResponse.json({ surveys }, { headers: { ETag: '"v1"' } });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  mode = 'ok';
  seen.length = 0;
});

describe('remote config', () => {
  it('asks without cookies and without a validator of its own, leaving revalidation to the HTTP cache (no-cache)', async () => {
    // A page-set If-None-Match would make the request preflighted and bypass the cache.
    expect(await fetchSurveys(fetch, URL_)).toEqual({ list: surveys });
    expect(await fetchSurveys(fetch, URL_)).toEqual({ list: surveys });
    expect(seen).toEqual([
      { etag: null, credentials: 'omit', cache: 'no-cache' },
      { etag: null, credentials: 'omit', cache: 'no-cache' },
    ]);
  });

  it('a bare array is a list too', async () => {
    mode = 'array';
    expect(await fetchSurveys(fetch, URL_)).toEqual({ list: surveys });
  });

  it('offline, a server error or a body that is not a list: an error to report, never a rejection', async () => {
    mode = 'down';
    expect((await fetchSurveys(fetch, URL_)).error).toMatch(/^remote config: /);
    mode = 'error';
    expect(await fetchSurveys(fetch, URL_)).toEqual({ error: 'remote config: HTTP 503' });
    mode = 'garbage';
    const r = await fetchSurveys(fetch, URL_);
    expect(r.list).toBeUndefined();
    expect(r.error).toMatch(/^remote config: /);
  });
});
