// Remote config through the instance, over fetch answered by msw: what a page
// does with each answer. A verdict (validated surveys, keyed by the list's
// hash) is kept per browser, so an unchanged list or an outage needs no
// engine. (Node's fetch has no HTTP cache: every answer here is a full body;
// the browser's 304 revalidation is checked in Chromium, sdk-engine.spec.ts.)
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { engine } from './engine.js';
import { createInstance } from './instance.js';

const ENDPOINT = 'https://collector.test';
const nps = { id: 'nps', kind: 'nps', question: 'How likely…?', triggers: [{ type: 'event', name: 'never' }] };
const bad = { id: 'bad', kind: 'nps', question: 'q', triggers: [{ type: 'scroll', percent: 500 }] };
let body: object = { surveys: [nps] };
let etag = '"v1"';
let down = false;
const asked: Array<string | null> = [];
const server = setupServer(
  http.get(`${ENDPOINT}/v1/sites/pk/surveys`, ({ request }) => {
    const sent = request.headers.get('if-none-match');
    asked.push(sent);
    if (down) return HttpResponse.json({ error: 'maintenance' }, { status: 503 });
    if (sent === etag) return new HttpResponse(null, { status: 304, headers: { ETag: etag } });
    return HttpResponse.json(body, { headers: { ETag: etag } });
  }),
);

let loads = 0;
let checks = 0;
let engineDown = false;
/** One page: an instance on the shared storage, until ready (or a failure) settles. */
async function page(): Promise<{ ready: string[] | undefined; errors: Array<{ code: string; message: string; path?: string }> }> {
  const errors: Array<{ code: string; message: string; path?: string }> = [];
  let ready: string[] | undefined;
  const s = createInstance(
    { site: 'pk', endpoint: ENDPOINT },
    {
      loadEngine: () => {
        loads++;
        if (engineDown) return Promise.reject(new Error('could not load sayso-engine.js'));
        return Promise.resolve({ ...engine, check: (l: unknown[]) => (checks++, engine.check(l)) });
      },
      loadUi: () => Promise.reject(new Error('unused')),
    },
  );
  s.on('error', (e) => errors.push(e));
  s.on('ready', (e) => (ready = e.surveys));
  await vi.waitFor(() => expect(ready).toBeDefined(), { timeout: 5000 });
  s.destroy();
  return { ready, errors };
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  body = { surveys: [nps] };
  etag = '"v1"';
  down = engineDown = false;
  asked.length = loads = checks = 0;
});
afterEach(() => vi.useRealTimers());

describe('remote config through the instance', () => {
  it('validates a fresh list once; later pages with the same list need no engine and write nothing', async () => {
    expect(await page()).toEqual({ ready: ['nps'], errors: [] });
    expect(await page()).toEqual({ ready: ['nps'], errors: [] });
    const writes = vi.spyOn(Storage.prototype, 'setItem');
    expect(await page()).toEqual({ ready: ['nps'], errors: [] });
    // The kept copy is reused as it is: nothing to write back.
    expect(writes.mock.calls.filter(([key]) => key === 'sayso.vr')).toEqual([]);
    writes.mockRestore();
    expect(asked).toEqual([null, null, null]); // never a validator of its own: the HTTP cache's job
    expect({ loads, checks }).toEqual({ loads: 1, checks: 1 });
  });

  it('a changed config is fetched and validated afresh; an unchanged one under a new ETag is not re-validated', async () => {
    await page();
    body = { surveys: [nps, { ...nps, id: 'csat', kind: 'csat' }] };
    etag = '"v2"';
    expect((await page()).ready).toEqual(['nps', 'csat']);
    expect(checks).toBe(2);
    etag = '"v3"'; // same body, new ETag (a redeploy)
    expect((await page()).ready).toEqual(['nps', 'csat']);
    expect(checks).toBe(2);
    await page();
    expect(asked).toEqual([null, null, null, null]);
  });

  it('a server that fails: the kept surveys, and E_REMOTE_CONFIG saying why', async () => {
    await page();
    down = true;
    expect(await page()).toEqual({ ready: ['nps'], errors: [{ code: 'E_REMOTE_CONFIG', message: 'remote config: HTTP 503' }] });
    localStorage.clear(); // a browser that never had a copy
    expect(await page()).toEqual({ ready: [], errors: [{ code: 'E_REMOTE_CONFIG', message: 'remote config: HTTP 503' }] });
  });

  it('an invalid remote survey is reported on every page, the kept verdict included, and never stops the valid one', async () => {
    body = [bad, nps]; // a bare array is accepted too
    const first = await page();
    const second = await page();
    expect(checks).toBe(1);
    for (const p of [first, second]) {
      expect(p.ready).toEqual(['nps']);
      expect(p.errors).toMatchObject([{ code: 'E_SURVEY_INVALID', path: 'surveys[0].triggers[0].percent' }]);
    }
  });

  it('an engine that cannot load: the failure is reported, and the next page asks for the full list again', async () => {
    engineDown = true;
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const result = page();
    await vi.advanceTimersByTimeAsync(2000); // the retries' waits
    expect(await result).toEqual({ ready: [], errors: [{ code: 'E_UI_LOAD_FAILED', message: 'could not load sayso-engine.js' }] });
    vi.useRealTimers();
    engineDown = false;
    expect((await page()).ready).toEqual(['nps']);
    expect(checks).toBe(1); // the list, never validated before, is validated now
  });

  it('a show asked for before the config is settled fetches the UI and the engine beside it, unless the kept config rules the survey out', async () => {
    const requested: string[] = [];
    const showEarly = async (id: string) => {
      const s = createInstance(
        { site: 'pk', endpoint: ENDPOINT },
        {
          loadEngine: () => (requested.push('engine'), Promise.resolve(engine)),
          loadUi: () => (requested.push('ui'), new Promise(() => {})), // never arrives: nothing is shown
        },
      );
      let ready = false;
      s.on('ready', () => (ready = true));
      void s.show(id);
      const before = [...requested];
      await vi.waitFor(() => expect(ready).toBe(true));
      s.destroy();
      return before;
    };
    // First sight of the config: both at once, before even the config request has left.
    expect(await showEarly('nps')).toEqual(['ui', 'engine']);
    expect(asked).toEqual([null]);
    // The kept config holds it and it could show: both again, beside the revalidation.
    requested.length = 0;
    expect(await showEarly('nps')).toEqual(['ui', 'engine']);
    // Kept, but targeting rules it out for this visitor: nothing early (and nothing later, it does not show).
    localStorage.clear();
    body = { surveys: [{ ...nps, targeting: { device: 'mobile' } }] };
    etag = '"v2"';
    await page();
    requested.length = 0;
    expect(await showEarly('nps')).toEqual([]);
    expect(requested).toEqual([]);
  });

  it('remote config waits for consent, and `remoteConfig: false` turns it off', async () => {
    const s = createInstance({ site: 'pk', endpoint: ENDPOINT, consent: 'pending' }, { loadEngine: () => Promise.resolve(engine), loadUi: () => Promise.reject(new Error('unused')) });
    await new Promise((r) => setTimeout(r, 50));
    expect(asked).toEqual([]);
    s.consent('granted');
    await vi.waitFor(() => expect(asked).toEqual([null]));
    s.destroy();
    const off = createInstance({ site: 'pk', endpoint: ENDPOINT, remoteConfig: false }, { loadEngine: () => Promise.resolve(engine), loadUi: () => Promise.reject(new Error('unused')) });
    await new Promise((r) => setTimeout(r, 50));
    off.destroy();
    expect(asked).toEqual([null]);
  });
});
