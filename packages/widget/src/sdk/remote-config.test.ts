// @vitest-environment node
// Remote config over real HTTP semantics (msw answers fetch): ETag
// revalidation and failures. What the instance does with each answer (the kept
// copy, offline) is in instance.test.ts.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchSurveys } from './remote-config.js';

const URL_ = 'https://collector.test/v1/sites/pk/surveys';
const surveys = [{ id: 'nps', kind: 'nps', question: 'q' }];
let mode: 'ok' | 'down' | 'garbage' | 'array' | 'error' = 'ok';
const seen: Array<{ etag: string | null; credentials: string }> = [];
const server = setupServer(
  http.get(URL_, ({ request }) => {
    seen.push({ etag: request.headers.get('if-none-match'), credentials: request.credentials });
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
  it('fetches the list with its ETag, then revalidates with If-None-Match: 304 is "nothing new"', async () => {
    expect(await fetchSurveys(fetch, URL_)).toEqual({ list: surveys, etag: '"v1"' });
    expect(await fetchSurveys(fetch, URL_, '"v1"')).toEqual({});
    // A copy the server no longer knows: the full answer again.
    expect(await fetchSurveys(fetch, URL_, '"v0"')).toEqual({ list: surveys, etag: '"v1"' });
    expect(seen).toEqual([
      { etag: null, credentials: 'omit' },
      { etag: '"v1"', credentials: 'omit' },
      { etag: '"v0"', credentials: 'omit' },
    ]);
  });

  it('a bare array is a list too', async () => {
    mode = 'array';
    expect(await fetchSurveys(fetch, URL_)).toEqual({ list: surveys, etag: null });
  });

  it('offline, a server error or a body that is not a list: an error to report, never a rejection', async () => {
    mode = 'down';
    expect((await fetchSurveys(fetch, URL_, '"v1"')).error).toMatch(/^remote config: /);
    mode = 'error';
    expect(await fetchSurveys(fetch, URL_)).toEqual({ error: 'remote config: HTTP 503' });
    mode = 'garbage';
    const r = await fetchSurveys(fetch, URL_);
    expect(r.list).toBeUndefined();
    expect(r.error).toMatch(/^remote config: /);
  });
});
