// Every query value is checked before it reaches the database: bad ones
// answer 400 naming the parameter, on every route that takes a query.
// Values that once reached PostgreSQL and answered 500 are listed first.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Collector } from '../collector.js';
import { signUserId } from '../identity.js';
import { MAX_RANGE_DAYS, queryValues } from './query.js';
import { IDENTITY, ORIGIN, SECRET, SELF, post, response, testCollector } from '../test-fixtures.js';

let c: Collector;
beforeAll(async () => {
  c = await testCollector();
  expect((await post(c, { site: 'demo', responses: [response({ comment: 'hello', createdAt: '2026-11-02T10:00:00.000Z' })] })).status).toBe(200);
});
afterAll(() => c.close());

const auth = { authorization: `Bearer ${SECRET}` };
const get = (path: string, headers: Record<string, string> = auth) => c.fetch(new Request(`${SELF}${path}`, { headers }));
const historyHeaders = { origin: ORIGIN, 'x-sayso-user-signature': signUserId(IDENTITY, 'u-1') };

/** Days after `from` so that from..to spans `days` days, both included. */
const plus = (from: string, days: number) => new Date(Date.parse(`${from}T00:00:00Z`) + (days - 1) * 86400_000).toISOString().slice(0, 10);

const bad: Array<[path: string, param: string]> = [
  // Once a 500 from PostgreSQL (or, for the export, a 200 with no body):
  ['/v1/scores?from=0000-01-01', 'from'],
  ['/v1/scores?to=9999-12-31', 'to'],
  ['/v1/scores?segment=a%00b', 'segment'],
  ['/v1/scores?level=0.99999999999999999999', 'level'],
  ['/v1/comments?limit=1.5', 'limit'],
  ['/v1/responses/export?from=0000-01-01', 'from'],
  ['/v1/responses/export?segment=plan', 'segment'],
  ['/v1/comments?survey=a%00', 'survey'],
  // Repeated, empty, unknown names, malformed escapes:
  ['/v1/scores?interval=day&interval=week', 'interval'],
  ['/v1/scores?from=', 'from'],
  ['/v1/scores?survey', 'survey'],
  ['/v1/scores?intervall=day', 'intervall'],
  ['/v1/scores?segment=%E0%A4%A', 'segment'],
  ['/v1/scores?%E0%A4%A=1', '%E0%A4%A'],
  ['/v1/scores?segment=' + 'x'.repeat(65), 'segment'],
  ['/v1/scores?survey=' + 'x'.repeat(257), 'survey'],
  // Enums and numbers:
  ['/v1/scores?interval=year', 'interval'],
  ['/v1/scores?interval=Day', 'interval'],
  ['/v1/scores?level=1', 'level'],
  ['/v1/scores?level=0', 'level'],
  ['/v1/scores?level=0.0', 'level'],
  ['/v1/scores?level=0.99999', 'level'],
  ['/v1/scores?level=.95', 'level'],
  ['/v1/scores?level=9.5e-1', 'level'],
  ['/v1/scores?level=-0.5', 'level'],
  ['/v1/comments?limit=0', 'limit'],
  ['/v1/comments?interval=year', 'interval'],
  ['/v1/comments?format=csv', 'format'],
  ['/v1/comments?limit=201', 'limit'],
  ['/v1/comments?limit=020', 'limit'],
  ['/v1/comments?limit=1e2', 'limit'],
  ['/v1/comments?limit=-1', 'limit'],
  // Scores and insights check interval, level and counts with the same helpers (query.ts):
  ['/v1/insights?interval=year', 'interval'],
  ['/v1/insights?level=0.99999', 'level'],
  ['/v1/insights?level=1', 'level'],
  ['/v1/insights?minComments=010', 'minComments'],
  ['/v1/insights?minComments=100001', 'minComments'],
  ['/v1/insights?limit=51', 'limit'],
  ['/v1/insights/comments?survey=nps-main&term=x&limit=101', 'limit'],
  ['/v1/insights/comments?survey=nps-main&term=x&limit=1.0', 'limit'],
  ['/v1/responses/export?format=xml', 'format'],
  ['/v1/responses/export?format=CSV', 'format'],
  // Dates and ranges:
  ['/v1/scores?from=2026-02-30', 'from'],
  ['/v1/scores?from=2026-1-01', 'from'],
  ['/v1/scores?to=1969-12-31&from=1969-12-01', 'from'],
  ['/v1/scores?from=2026-11-02&to=2026-11-01', 'from'],
  ['/v1/comments?from=2026-11-02&to=2026-11-01', 'from'],
  ['/v1/responses/export?from=2026-11-02&to=2026-11-01', 'from'],
  [`/v1/scores?from=2000-01-01&to=${plus('2000-01-01', MAX_RANGE_DAYS + 1)}`, 'to'],
  [`/v1/responses/export?from=2000-01-01&to=${plus('2000-01-01', MAX_RANGE_DAYS + 1)}`, 'to'],
  // Routes that take no query at all:
  ['/v1/sites/demo/surveys?x=1', 'x'],
  ['/report?x=1', 'x'],
];

test.each(bad)('%s is 400 naming %s', async (path, param) => {
  const headers = path.startsWith('/v1/sites/') ? { origin: ORIGIN } : auth;
  const res = await get(path, headers);
  expect(res.status).toBe(400);
  expect(((await res.json()) as { error: { param: string } }).error.param).toBe(param);
});

test('history: a query, an over-long or NUL user id are 400 naming them', async () => {
  for (const [path, param] of [
    ['/v1/sites/demo/users/u-1/history?limit=5', 'limit'],
    ['/v1/sites/demo/users/a%00b/history', 'path'],
    [`/v1/sites/demo/users/${'u'.repeat(257)}/history`, 'userId'],
  ] as const) {
    const res = await get(path, historyHeaders);
    expect({ path, status: res.status }).toEqual({ path, status: 400 });
    expect(((await res.json()) as { error: { param: string } }).error.param).toBe(param);
    // An allowed origin can read why (a bad path is refused before any site is looked at).
    expect(res.headers.get('access-control-allow-origin')).toBe(param === 'path' ? null : ORIGIN);
  }
});

test('good values at the edges are answered', async () => {
  for (const path of [
    '/v1/scores?level=0.9999&interval=week&segment=plan&survey=nps-main',
    '/v1/scores?level=0.5',
    '/v1/scores?from=1970-01-01&to=1970-01-31',
    `/v1/scores?from=2000-01-01&to=${plus('2000-01-01', MAX_RANGE_DAYS)}&interval=month`,
    '/v1/scores?from=2999-12-01&to=2999-12-31',
    '/v1/comments?limit=200&from=2026-11-01&to=2026-11-30',
    '/v1/comments?limit=1&from=2026-11-02&to=2026-11-02',
    // The report sends its whole filter with each card's comments.
    '/v1/comments?site=demo&from=2026-11-01&to=2026-11-30&interval=week&segment=plan&survey=nps-main&limit=20',
    '/v1/responses/export?format=ndjson&from=2026-11-01&to=2026-11-30',
    '/v1/insights?minComments=100000&limit=50&level=0.9999&interval=day&from=2026-11-01&to=2026-11-30',
    '/v1/insights?minComments=1&limit=1&interval=month',
    '/v1/insights/comments?survey=nps-main&term=hello&limit=100',
  ]) {
    const res = await get(path);
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
  }
  const comments = (await (await get('/v1/comments?limit=1&from=2026-11-02&to=2026-11-02')).json()) as { comments: unknown[] };
  expect(comments.comments).toHaveLength(1);
  const ndjson = await (await get('/v1/responses/export?format=ndjson&from=2026-11-01&to=2026-11-30')).text();
  expect(ndjson.trim().split('\n')).toHaveLength(1);
  expect((await get('/v1/sites/demo/users/u-1/history', historyHeaders)).status).toBe(200);
});

test('an export is refused with 400 before anything streams, never a 200 with an empty body', async () => {
  const res = await get('/v1/responses/export?to=9999-12-31');
  expect(res.status).toBe(400);
  expect(res.headers.get('content-disposition')).toBeNull();
});

test('link pages: a bad score, language or attribute is a 400 page naming it; utm_* tags are ignored', async () => {
  for (const [query, param] of [
    ['score=11', 'score'],
    ['score=9.5', 'score'],
    ['score=-1', 'score'],
    ['score=9&score=3', 'score'],
    ['score=', 'score'],
    ['lang=x%00', 'lang'],
    ['lang=not a tag', 'lang'],
    ['a.plan=' + 'p'.repeat(201), 'a.plan'],
    [`a.${'k'.repeat(65)}=1`, `a.${'k'.repeat(64)}`],
    [Array.from({ length: 11 }, (_, i) => `a.k${i}=v`).join('&'), 'a.k10'],
    ['a.=1', 'a.'],
    ['ref=mail', 'ref'],
  ] as const) {
    const res = await get(`/s/demo/nps-main?${query}`, {});
    expect({ query, status: res.status }).toEqual({ query, status: 400 });
    expect(await res.text()).toContain(`<code>${param}</code>`);
  }
  const ok = await get(`/s/demo/nps-main?score=10&lang=pt-BR&utm_source=mail&utm_campaign=nov&${Array.from({ length: 10 }, (_, i) => `a.k${i}=${'v'.repeat(200)}`).join('&')}`, {});
  expect(ok.status).toBe(200);
  const page = await ok.text();
  expect(page).toContain('"score":10');
  expect(page).toContain('"k9":"' + 'v'.repeat(200));
  expect(page).not.toContain('utm_');
});

test('queryValues decodes + and escapes, and names the first bad parameter', () => {
  expect(queryValues('http://x/?a=b+c%20d&e=%F0%9F%98%80', ['a', 'e'])).toEqual(new Map([['a', 'b c d'], ['e', '😀']]));
  expect(queryValues('http://x/?a=1&&b=2#frag&c=3', ['a', 'b'])).toEqual(new Map([['a', '1'], ['b', '2']]));
  expect(queryValues('http://x/?a=1&b=%ZZ', ['a', 'b'])).toEqual({ param: 'b', reason: 'has a malformed percent-escape' });
  expect(queryValues('http://x/?a=%0a', ['a'])).toEqual({ param: 'a', reason: 'must not contain control characters' });
});
