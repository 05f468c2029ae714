import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Collector } from '../collector.js';
import { signUserId } from '../identity.js';
import type { SurveyScores } from '../scores.js';
import { IDENTITY, ORIGIN, SECRET, event, post, response, testCollector } from '../test-fixtures.js';

let c: Collector;
const day1 = '2026-10-01T12:00:00.000Z';
const day2 = '2026-10-09T12:00:00.000Z';

beforeAll(async () => {
  c = await testCollector();
  // NPS of [10, 9, 9, 8, 7, 6, 3] is 14.2857… (3 promoters, 2 detractors of 7): the example in @sayso/core's nps().
  const scores = [10, 9, 9, 8, 7, 6, 3];
  const responses = scores.map((score, i) =>
    response({ score, createdAt: i < 4 ? day1 : day2, attributes: { plan: i % 2 ? 'pro' : 'free', country: i < 2 ? 'DE' : 'US' }, channel: i === 0 ? 'link' : 'web', comment: `comment ${i}` }),
  );
  const events = [
    ...Array.from({ length: 14 }, () => event({ createdAt: day1 })),
    event({ type: 'dismiss', createdAt: day2 }),
  ];
  const res = await post(c, { site: 'demo', responses, events });
  expect(res.status).toBe(200);
  // One CSAT answer, so a second survey shows up.
  await post(c, { site: 'demo', responses: [response({ surveyId: 'csat-checkout', kind: 'csat', scale: [1, 5], score: 5, createdAt: day1 })] });
});
afterAll(() => c.close());

const get = (path: string, secret: string | null = SECRET) =>
  c.fetch(new Request(`http://collector.test${path}`, { headers: secret ? { authorization: `Bearer ${secret}` } : {} }));

describe('GET /v1/scores', () => {
  test('needs the secret', async () => {
    expect((await get('/v1/scores', null)).status).toBe(401);
    expect((await get('/v1/scores', 'wrong-secret')).status).toBe(401);
  });

  test('scores each survey with @sayso/core, its interval, displays and response rate', async () => {
    const res = await get('/v1/scores?from=2026-09-01&to=2026-10-31&interval=week');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const body = (await res.json()) as { surveys: SurveyScores[] };
    const npsMain = body.surveys.find((s) => s.surveyId === 'nps-main')!;
    expect(npsMain.total.n).toBe(7);
    expect(npsMain.total.score).toBeCloseTo(14.2857, 3);
    expect(npsMain.total.ci![0]).toBeLessThan(14.28);
    expect(npsMain.total.ci![1]).toBeGreaterThan(14.29);
    expect(npsMain.total.counts).toEqual([0, 0, 0, 1, 0, 0, 1, 1, 1, 2, 1]);
    expect(npsMain.total.displays).toBe(14);
    expect(npsMain.total.dismissals).toBe(1);
    expect(npsMain.total.responseRate!.rate).toBeCloseTo(50, 6);
    // 2026-10-01 is in ISO week 40, 2026-10-09 in week 41.
    expect(npsMain.periods.map((p) => [p.period, p.n])).toEqual([['2026-W40', 4], ['2026-W41', 3]]);
    const csat = body.surveys.find((s) => s.surveyId === 'csat-checkout')!;
    expect(csat.total).toMatchObject({ kind: 'csat', n: 1, score: 100 });
  });

  test('a date range leaves out what is outside it', async () => {
    const body = (await (await get('/v1/scores?from=2026-10-05&to=2026-10-31&survey=nps-main')).json()) as { surveys: SurveyScores[] };
    expect(body.surveys).toHaveLength(1);
    expect(body.surveys[0]!.total.n).toBe(3);
  });

  test('segments: pre-aggregated attribute, channel, and an attribute counted from responses agree with the data', async () => {
    const seg = async (s: string) =>
      ((await (await get(`/v1/scores?from=2026-09-01&to=2026-10-31&survey=nps-main&segment=${s}`)).json()) as { surveys: SurveyScores[] }).surveys[0]!.segments.map(
        (x) => [x.value, x.n],
      );
    expect(await seg('plan')).toEqual([['free', 4], ['pro', 3]]);
    expect(await seg('country')).toEqual([['US', 5], ['DE', 2]]); // not in `segments`: counted from the responses
    expect(await seg('channel')).toEqual([['web', 6], ['link', 1]]);
  });

  test('bad parameters are 400 naming the parameter', async () => {
    for (const [qs, param] of [['from=yesterday', 'from'], ['to=2026-13-01', 'to'], ['from=2026-10-10&to=2026-10-01', 'from'], ['interval=year', 'interval'], ['level=2', 'level']]) {
      const res = await get(`/v1/scores?${qs}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { param: string } }).error.param).toBe(param);
    }
    expect((await get('/v1/scores?site=nope')).status).toBe(404);
  });

  test('/v1/comments lists the newest comments', async () => {
    const body = (await (await get('/v1/comments?from=2026-09-01&to=2026-10-31&limit=3')).json()) as { comments: { comment: string }[] };
    expect(body.comments).toHaveLength(3);
    expect(body.comments.every((x) => x.comment.startsWith('comment '))).toBe(true);
  });
});

describe('GET /v1/sites/:site/users/:userId/history', () => {
  const history = (userId: string, signature?: string, origin = ORIGIN) =>
    c.fetch(
      new Request(`http://collector.test/v1/sites/demo/users/${encodeURIComponent(userId)}/history`, {
        headers: { origin, ...(signature ? { 'x-sayso-user-signature': signature } : {}) },
      }),
    );

  test('a signed user reads their cross-device history, newest first', async () => {
    const sig = signUserId(IDENTITY, 'user-42');
    await post(c, {
      site: 'demo',
      responses: [response({ userId: 'user-42', userSignature: sig, createdAt: '2026-11-01T10:00:00.000Z' })],
      events: [
        event({ userId: 'user-42', userSignature: sig, createdAt: '2026-11-01T09:59:00.000Z' }),
        event({ type: 'dismiss', userId: 'user-42', userSignature: sig, createdAt: '2026-10-20T09:00:00.000Z' }),
        // Forged: claims user-42 without the right signature. Must not appear.
        event({ type: 'dismiss', userId: 'user-42', userSignature: signUserId('attacker-secret-000000', 'user-42'), createdAt: '2026-11-02T09:00:00.000Z' }),
      ],
    });
    const res = await history('user-42', sig);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await res.json()).toEqual({
      userId: 'user-42',
      entries: [
        { surveyId: 'nps-main', type: 'response', at: '2026-11-01T10:00:00.000Z' },
        { surveyId: 'nps-main', type: 'display', at: '2026-11-01T09:59:00.000Z' },
        { surveyId: 'nps-main', type: 'dismiss', at: '2026-10-20T09:00:00.000Z' },
      ],
    });
  });

  test('no or a wrong signature is 401; another user signature does not open this user', async () => {
    expect((await history('user-42')).status).toBe(401);
    expect((await history('user-42', 'ab'.repeat(32))).status).toBe(401);
    expect((await history('user-42', signUserId(IDENTITY, 'user-43'))).status).toBe(401);
    expect((await history('user-42', signUserId(IDENTITY, 'user-42'), 'http://evil.test')).status).toBe(403);
  });
});

// Last: it adds answers the tests above do not expect.
describe('GET /v1/scores by version', () => {
  test('version= keeps the answers to that version; split=version breaks them down; bad values are 400 naming the parameter', async () => {
    const at = '2026-10-20T12:00:00.000Z';
    await post(c, { site: 'demo', responses: [response({ score: 10, version: 1, createdAt: at }), response({ score: 2, version: 2, createdAt: at }), response({ score: 9, version: 2, createdAt: at })] });
    const q = '/v1/scores?survey=nps-main&from=2026-10-20&to=2026-10-20';
    const total = async (path: string) => ((await (await get(path)).json()) as { surveys: SurveyScores[] }).surveys[0]!;
    expect((await total(q)).total.n).toBe(3);
    expect((await total(`${q}&version=2`)).total.n).toBe(2);
    expect((await total(`${q}&version=1`)).total.n).toBe(1);
    expect(await (await get(`${q}&version=3`)).json()).toMatchObject({ version: 3, surveys: [] });
    const split = (await (await get(`${q}&split=version`)).json()) as { split: string; surveys: SurveyScores[] };
    expect(split.split).toBe('version');
    expect(split.surveys[0]!.segments.map((s) => [s.value, s.n])).toEqual([
      ['2', 2],
      ['1', 1],
      // The history test's dismissal that day, sent without a version.
      ['', 0],
    ]);
    for (const [param, value] of [
      ['version', '0'],
      ['version', '01'],
      ['version', '-1'],
      ['version', '1.5'],
      ['version', 'v2'],
      ['version', '2147483648'],
      ['split', 'plan'],
      ['split', 'Version'],
    ]) {
      const res = await get(`${q}&${param}=${value}`);
      expect(res.status, `${param}=${value}`).toBe(400);
      expect(((await res.json()) as { error: { param: string } }).error.param).toBe(param);
    }
    expect((await get(`${q}&version=2147483647`)).status).toBe(200);
    expect((await get(`${q}&split=version&segment=plan`)).status).toBe(400);
  });
});
