// GET /report, retired into the studio: a permanent redirect to
// /studio/report carrying `site` and `survey` (the alerts' links, old
// bookmarks), 400 naming any other parameter, and never a way off this
// collector. The secret's sign-in form and its cookie are gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../collector.js';
import { SECRET, SELF, testCollector } from '../test-fixtures.js';

let c: Collector;
beforeAll(async () => {
  c = await testCollector();
});
afterAll(() => c.close());

const get = (path: string, headers: Record<string, string> = {}) => c.fetch(new Request(`${SELF}${path}`, { headers }));

describe('GET /report', () => {
  it.each([
    ['/report', '/studio/report'],
    ['/report?site=demo', '/studio/report?site=demo'],
    ['/report?site=demo&survey=nps-main', '/studio/report?site=demo&survey=nps-main'],
    // The order of the studio's query is its own; a value is re-encoded, never pasted.
    ['/report?survey=nps-main&site=demo', '/studio/report?site=demo&survey=nps-main'],
    ['/report?site=a%26b%3Dc%2F%2Fevil.test', '/studio/report?site=a%26b%3Dc%2F%2Fevil.test'],
    ['/report?site=%2F%2Fevil.test', '/studio/report?site=%2F%2Fevil.test'],
  ])('%s redirects (301) to %s', async (path, to) => {
    const res = await get(path);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(to);
  });

  it('answers the same signed in or not: the studio asks who you are', async () => {
    for (const headers of [{}, { authorization: `Bearer ${SECRET}` }, { cookie: 'sayso_session=1.forged' }]) {
      const res = await get('/report?site=demo', headers);
      expect(res.status).toBe(301);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it.each([
    ['/report?x=1', 'x'],
    ['/report?from=2026-11-01', 'from'],
    ['/report?site=', 'site'],
    ['/report?site=a&site=b', 'site'],
    ['/report?site=%E0%A4%A', 'site'],
    ['/report?site=a%00b', 'site'],
    [`/report?survey=${'s'.repeat(257)}`, 'survey'],
  ])('%s is 400 naming %s', async (path, param) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { param: string } }).error.param).toBe(param);
  });

  it("the sign-in and sign-out forms are gone (404), and so is the page's copy of uPlot", async () => {
    const form = { method: 'POST', headers: { origin: SELF, 'content-type': 'application/x-www-form-urlencoded' }, body: `secret=${encodeURIComponent(SECRET)}` };
    for (const path of ['/report/sign-in', '/report/sign-out']) {
      const res = await c.fetch(new Request(`${SELF}${path}`, form));
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    for (const path of ['/report/assets/uPlot.iife.min.js', '/report/assets/uPlot.min.css']) expect({ path, status: (await get(path)).status }).toEqual({ path, status: 404 });
    // The link survey's script, where the report's was, is still served.
    expect((await get('/_sayso/link.js')).status).toBe(200);
  });
});
