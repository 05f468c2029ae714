// Link surveys' follow-up over HTTP: a one-click score takes one follow-up,
// for its own survey, within FOLLOW_UP_WINDOW_SECONDS; a second or a late one
// is refused with a reason, and the score stays what the first one set.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import type { Collector } from '../collector.js';
import type { SqlDriver } from '../storage/driver.js';
import { pgliteDriver } from '../storage/pglite.js';
import { sqlStorage } from '../storage/sql-storage.js';
import { SECRET, post, response, testCollector } from '../test-fixtures.js';
import { FOLLOW_UP_WINDOW_SECONDS } from './link.js';

let c: Collector;
let driver: SqlDriver;
beforeAll(async () => {
  // Its own PGlite, so the test can age a response as a day passing would.
  driver = await pgliteDriver();
  const storage = sqlStorage(driver);
  await storage.migrate();
  c = await testCollector({ storage });
});
afterAll(() => c.close());
beforeEach(() => driver.exec('truncate sayso_responses, sayso_events, sayso_tallies'));

/** Records a one-click score as the link page does (same origin, channel link). */
async function oneClick(score: number): Promise<string> {
  const r = response({ score, channel: 'link', attributes: {} });
  expect((await post(c, { site: 'demo', responses: [r] }, { origin: 'http://collector.test' })).status).toBe(200);
  return r.id;
}

const followUp = (id: string, body: Record<string, unknown>, survey = 'nps-main') =>
  c.fetch(new Request(`http://collector.test/s/demo/${survey}/follow-up`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id, ...body }) }));

async function counts(): Promise<number[]> {
  const res = await c.fetch(new Request('http://collector.test/v1/scores?survey=nps-main', { headers: { authorization: `Bearer ${SECRET}` } }));
  return ((await res.json()) as { surveys: Array<{ total: { counts: number[] } }> }).surveys[0]!.total.counts;
}

test('the first follow-up completes the response; a second is 409 with its reason, and changes nothing', async () => {
  const id = await oneClick(9);
  expect((await followUp(id, { score: 9, comment: 'Great' })).status).toBe(200);
  const again = await followUp(id, { score: 0, comment: 'changed my mind' });
  expect(again.status).toBe(409);
  expect(await again.json()).toEqual({ error: { field: 'id', reason: expect.stringMatching(/already has its follow-up/) } });
  expect((await counts())[9]).toBe(1);
  expect((await counts())[0]).toBe(0);
});

test('a follow-up without a comment (a band with no question) also completes it: the score cannot be changed again', async () => {
  const id = await oneClick(10);
  expect((await followUp(id, { score: 10 })).status).toBe(200);
  const again = await followUp(id, { score: 0 });
  expect(again.status).toBe(409);
  expect((await counts())[10]).toBe(1);
  expect((await counts()).reduce((a, b) => a + b, 0)).toBe(1);
});

test(`a follow-up more than ${FOLLOW_UP_WINDOW_SECONDS / 3600} hours after the score is 409: the window has closed`, async () => {
  const id = await oneClick(8);
  // The window runs on the database clock, from when the score was received.
  await driver.query(`update sayso_responses set received_at = now() - make_interval(secs => $1) where id = $2::uuid`, [FOLLOW_UP_WINDOW_SECONDS + 60, id]);
  const late = await followUp(id, { score: 2, comment: 'late' });
  expect(late.status).toBe(409);
  expect(((await late.json()) as { error: { reason: string } }).error.reason).toMatch(/window has closed \(24 hours/);
  expect((await counts())[8]).toBe(1);
  // Just inside the window it is still accepted.
  const fresh = await oneClick(7);
  await driver.query(`update sayso_responses set received_at = now() - make_interval(secs => $1) where id = $2::uuid`, [FOLLOW_UP_WINDOW_SECONDS - 60, fresh]);
  expect((await followUp(fresh, { score: 7, comment: 'in time' })).status).toBe(200);
});

test('unknown ids, another survey and non-link responses are 404', async () => {
  const id = await oneClick(9);
  expect((await followUp(id, { score: 4 }, 'csat-checkout')).status).toBe(404);
  const web = response();
  await post(c, { site: 'demo', responses: [web] });
  expect((await followUp(web.id, { score: 1 })).status).toBe(404);
  const unknown = await followUp('0190b3a4-7d2e-7c3f-8a1b-2c3d4e5f6a7b', { score: 1 });
  expect(unknown.status).toBe(404);
  expect(((await unknown.json()) as { error: { field: string } }).error.field).toBe('id');
  // The right one still works after those refusals.
  expect((await followUp(id, { score: 9, comment: 'ok' })).status).toBe(200);
});
