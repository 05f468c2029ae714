// Test answers end to end over HTTP (issue #13): a preview's answers and
// events go through ingest like any other, are shown by the inbox marked
// `test`, and are left out of scores, response rates, comments, exports
// (unless asked for), response limits and webhooks.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SECRET_ACTOR } from '../auth/roles.js';
import type { Collector } from '../collector.js';
import { adminCollector, call, remote } from '../admin/test-client.js';
import { SECRET, event, post, response } from '../test-fixtures.js';

let c: Collector;
beforeAll(async () => {
  ({ collector: c } = await adminCollector());
});
afterAll(() => c.close());

const DAY = '2026-10-20';
const at = (minute: number) => `${DAY}T09:${String(minute).padStart(2, '0')}:00.000Z`;
const read = (path: string) => c.fetch(new Request(`http://collector.test${path}`, { headers: { authorization: `Bearer ${SECRET}` } }));

async function publish(id: string, responseLimit?: number) {
  const made = await call(c, 'POST', '/v1/admin/sites/demo/surveys', { as: 'editor', body: { survey: { id, kind: 'nps', question: 'Would you recommend us?' }, ...(responseLimit ? { responseLimit } : {}) } });
  expect(made.status).toBe(201);
  const published = await call(c, 'POST', `/v1/admin/sites/demo/surveys/${id}/publish`, { as: 'publisher', ifMatch: made.headers.get('etag')! });
  expect(published.status).toBe(200);
}

test('a test answer never ends a survey by its limit: not on this instance, not after a reload', async () => {
  await publish('limited', 1);
  const served = async () => (await remote(c)).surveys.some((s) => s.id === 'limited');
  const answer = (o: Record<string, unknown> = {}) => response({ surveyId: 'limited', version: 1, ...o });
  expect((await post(c, { site: 'demo', responses: [answer({ test: true }), answer({ test: true })] })).status).toBe(200);
  expect(await served()).toBe(true);
  await c.sites.refresh();
  expect(await served()).toBe(true);
  expect((await call(c, 'GET', '/v1/admin/sites/demo/surveys/limited', { as: 'viewer' })).body).toMatchObject({ status: 'live', responses: 0 });
  // The first real answer reaches it.
  expect((await post(c, { site: 'demo', responses: [answer()] })).status).toBe(200);
  expect(await served()).toBe(false);
});

test('scores, response rates and comments leave test answers and events out; the inbox shows them, marked, and filters them', async () => {
  await publish('scored');
  const real = response({ surveyId: 'scored', score: 10, comment: 'real one', createdAt: at(1) });
  const preview = response({ surveyId: 'scored', score: 0, comment: 'preview one', createdAt: at(2), test: true });
  const res = await post(c, {
    site: 'demo',
    responses: [real, preview],
    events: [event({ surveyId: 'scored', createdAt: at(0) }), event({ surveyId: 'scored', createdAt: at(0), test: true }), event({ surveyId: 'scored', type: 'dismiss', createdAt: at(0), test: true })],
  });
  expect(await res.json()).toMatchObject({ accepted: 5 });

  const scores = (await (await read(`/v1/scores?site=demo&survey=scored&from=${DAY}&to=${DAY}&segment=channel`)).json()) as {
    surveys: Array<{ total: { n: number; score: number; displays: number; dismissals: number; responseRate: { count: number; of: number } }; segments: Array<{ value: string; n: number }> }>;
  };
  expect(scores.surveys[0]!.total).toMatchObject({ n: 1, score: 100, displays: 1, dismissals: 0, responseRate: { count: 1, of: 1 } });
  expect(scores.surveys[0]!.segments.map((s) => [s.value, s.n])).toEqual([['web', 1]]);
  // A segment counted from the responses (not pre-aggregated).
  const bySeats = (await (await read(`/v1/scores?site=demo&survey=scored&from=${DAY}&to=${DAY}&segment=seats`)).json()) as { surveys: Array<{ total: { n: number } }> };
  expect(bySeats.surveys[0]!.total.n).toBe(1);
  const comments = (await (await read(`/v1/comments?site=demo&survey=scored&from=${DAY}&to=${DAY}`)).json()) as { comments: Array<{ comment: string }> };
  expect(comments.comments.map((x) => x.comment)).toEqual(['real one']);

  const inbox = async (qs = '') => {
    const r = await call(c, 'GET', `/v1/admin/sites/demo/responses?survey=scored${qs}`, { as: 'viewer' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return (r.body.responses as Array<{ score: number; test: boolean }>).map((x) => [x.score, x.test]);
  };
  expect(await inbox()).toEqual([
    [0, true],
    [10, false],
  ]);
  expect(await inbox('&test=include')).toEqual(await inbox());
  expect(await inbox('&test=exclude')).toEqual([[10, false]]);
  expect(await inbox('&test=only')).toEqual([[0, true]]);
  expect((await call(c, 'GET', `/v1/admin/sites/demo/responses/${preview.id}`, { as: 'viewer' })).body).toMatchObject({ test: true });
  for (const bad of ['', 'ONLY', 'includes', 'true', 'exclude ']) {
    const r = await call(c, 'GET', `/v1/admin/sites/demo/responses?test=${encodeURIComponent(bad)}`, { as: 'viewer' });
    expect(r.status, bad).toBe(400);
    expect(r.body.error).toMatchObject({ param: 'test' });
  }
});

test('exports carry version, over-limit and test; test answers only with ?test=include', async () => {
  await publish('exported');
  const real = response({ surveyId: 'exported', score: 8, version: 1, createdAt: at(10) });
  const preview = response({ surveyId: 'exported', score: 2, version: 1, createdAt: at(11), test: true });
  expect((await post(c, { site: 'demo', responses: [real, preview] })).status).toBe(200);
  const get = (qs: string) => read(`/v1/responses/export?site=demo&survey=exported&from=${DAY}&to=${DAY}${qs}`);

  const csv = (await (await get('&format=csv')).text()).trimEnd().split('\r\n');
  expect(csv[0]!.endsWith('"attributes","version","overLimit","test"')).toBe(true);
  expect(csv).toHaveLength(2);
  expect(csv[1]).toMatch(new RegExp(`^"${real.id}",.*,"1","false","false"$`));
  const withTests = (await (await get('&format=csv&test=include')).text()).trimEnd().split('\r\n');
  expect(withTests).toHaveLength(3);
  expect(withTests[2]).toMatch(new RegExp(`^"${preview.id}",.*,"1","false","true"$`));
  expect((await (await get('&format=csv&test=exclude')).text()).trimEnd().split('\r\n')).toEqual(csv);

  const ndjson = async (qs: string) => (await (await get(`&format=ndjson${qs}`)).text()).trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; version: number; overLimit: boolean; test: boolean });
  expect((await ndjson('')).map((r) => [r.id, r.version, r.overLimit, r.test])).toEqual([[real.id, 1, false, false]]);
  expect((await ndjson('&test=include')).map((r) => [r.id, r.test])).toEqual([
    [real.id, false],
    [preview.id, true],
  ]);
  for (const bad of ['', 'only', 'Include', 'true']) {
    const r = await get(`&test=${encodeURIComponent(bad)}`);
    expect(r.status, bad).toBe(400);
    expect(((await r.json()) as { error: { param: string } }).error.param).toBe('test');
  }
});

test('a test answer is not sent to webhooks, neither when it arrives nor when it is closed in the inbox', async () => {
  await publish('hooked');
  const { endpoint } = await c.storage.webhooks.createEndpoint('demo', { url: 'https://hooks.example/in', eventTypes: ['response.created', 'response.closed'], filters: { surveys: ['hooked'] } }, SECRET_ACTOR);
  const real = response({ surveyId: 'hooked', createdAt: at(20) });
  const preview = response({ surveyId: 'hooked', createdAt: at(21), test: true });
  expect((await post(c, { site: 'demo', responses: [real, preview] })).status).toBe(200);
  for (const r of [real, preview]) {
    const patched = await call(c, 'PATCH', `/v1/admin/sites/demo/responses/${r.id}`, { as: 'editor', ifMatch: '"r0"', body: { status: 'closed' } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  }
  const sent = await c.storage.webhooks.deliveries('demo', endpoint.id, { limit: 10 });
  expect(sent.map((d) => d.eventType).sort()).toEqual(['response.closed', 'response.created']);
  const about = await c.storage.transaction((tx) => tx.query<{ response_id: string | null; data: { response?: { id: string } } | null }>(`select response_id::text, data from sayso_webhook_deliveries where endpoint_id = $1::uuid`, [endpoint.id]));
  expect(about.map((d) => d.response_id ?? d.data?.response?.id)).toEqual([real.id, real.id]);
});
