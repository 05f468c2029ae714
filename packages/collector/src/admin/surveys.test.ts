import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import type { Collector } from '../collector.js';
import { SECRET, post, response } from '../test-fixtures.js';
import { adminCollector, call, remote } from './test-client.js';

let c: Collector;
let clock: { now: number };
beforeAll(async () => {
  ({ collector: c, clock } = await adminCollector());
});
afterAll(() => c.close());
beforeEach(() => {
  clock.now = Date.parse('2026-11-01T12:00:00Z');
});

const SURVEYS = '/v1/admin/sites/demo/surveys';
let n = 0;
/** A fresh draft id per test (the collector is shared by the file). */
const fresh = () => `s${++n}-${Date.now().toString(36)}`;

async function create(survey: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  const id = (survey.id as string | undefined) ?? fresh();
  const res = await call(c, 'POST', SURVEYS, { as: 'editor', body: { survey: { id, kind: 'csat', question: 'How was checkout?', ...survey }, ...extra } });
  expect(res.status).toBe(201);
  return { id, etag: res.headers.get('etag')!, body: res.body };
}

test('a draft is not served; publish freezes version 1 and serves it; edits of a live survey change nothing served until version 2', async () => {
  const { id, etag, body } = await create();
  expect(body).toMatchObject({ id, status: 'draft', version: null, hash: null, responses: 0, updatedBy: 'editor@shop.test' });
  const before = await remote(c);
  expect(before.surveys.map((s) => s.id)).not.toContain(id);

  const published = await call(c, 'POST', `${SURVEYS}/${id}/publish`, { as: 'publisher', ifMatch: etag });
  expect(published.status).toBe(200);
  expect(published.body).toMatchObject({ status: 'live', version: 1 });
  expect(published.body.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  const live = await remote(c);
  expect(live.surveys.find((s) => s.id === id)).toMatchObject({ version: 1, question: 'How was checkout?' });
  expect(live.etag).not.toBe(before.etag);
  // The same set: the same ETag, and a revalidation is 304.
  expect((await remote(c)).etag).toBe(live.etag);
  expect((await remote(c, 'demo', live.etag!)).status).toBe(304);

  const edited = await call(c, 'PUT', `${SURVEYS}/${id}`, {
    as: 'editor',
    ifMatch: published.headers.get('etag')!,
    body: { survey: { id, kind: 'csat', question: 'How was paying?' } },
  });
  expect(edited.status).toBe(200);
  expect(edited.body).toMatchObject({ status: 'live', version: 1, draft: { question: 'How was paying?' } });
  // The draft is not what visitors answer: remote config is byte for byte the same.
  expect((await remote(c)).etag).toBe(live.etag);

  const v2 = await call(c, 'POST', `${SURVEYS}/${id}/publish`, { as: 'publisher', ifMatch: edited.headers.get('etag')! });
  expect(v2.body).toMatchObject({ version: 2 });
  const served = await remote(c);
  expect(served.surveys.find((s) => s.id === id)).toMatchObject({ version: 2, question: 'How was paying?' });
  expect(served.etag).not.toBe(live.etag);

  // Publishing again without a change keeps version 2 (nothing new to freeze).
  const again = await call(c, 'POST', `${SURVEYS}/${id}/publish`, { as: 'publisher', ifMatch: v2.headers.get('etag')! });
  expect(again.body).toMatchObject({ version: 2, hash: v2.body.hash });
  expect((await remote(c)).etag).toBe(served.etag);
});

test('pause, resume and end change the served set and its ETag exactly; archive needs a survey that is not live', async () => {
  const { id, etag } = await create();
  const pub = await call(c, 'POST', `${SURVEYS}/${id}/publish`, { as: 'publisher', ifMatch: etag });
  const live = await remote(c);
  expect(live.surveys.map((s) => s.id)).toContain(id);

  const archiveLive = await call(c, 'POST', `${SURVEYS}/${id}/archive`, { as: 'editor', ifMatch: pub.headers.get('etag')! });
  expect(archiveLive.status).toBe(409);
  expect(archiveLive.body).toMatchObject({ current: { status: 'live' } });

  const paused = await call(c, 'POST', `${SURVEYS}/${id}/pause`, { as: 'publisher', ifMatch: pub.headers.get('etag')! });
  expect(paused.body.status).toBe('paused');
  const off = await remote(c);
  expect(off.surveys.map((s) => s.id)).not.toContain(id);
  expect(off.etag).not.toBe(live.etag);
  expect((await call(c, 'POST', `${SURVEYS}/${id}/pause`, { as: 'publisher', ifMatch: paused.headers.get('etag')! })).status).toBe(409);

  const resumed = await call(c, 'POST', `${SURVEYS}/${id}/resume`, { as: 'publisher', ifMatch: paused.headers.get('etag')! });
  expect(resumed.body.status).toBe('live');
  // Back to the same set: back to the same body and ETag.
  expect((await remote(c)).etag).toBe(live.etag);

  const ended = await call(c, 'POST', `${SURVEYS}/${id}/end`, { as: 'publisher', ifMatch: resumed.headers.get('etag')! });
  expect(ended.body.status).toBe('ended');
  expect((await remote(c)).etag).toBe(off.etag);
  expect((await call(c, 'POST', `${SURVEYS}/${id}/resume`, { as: 'publisher', ifMatch: ended.headers.get('etag')! })).status).toBe(409);
  const archived = await call(c, 'POST', `${SURVEYS}/${id}/archive`, { as: 'editor', ifMatch: ended.headers.get('etag')! });
  expect(archived.body.status).toBe('archived');
  expect((await call(c, 'PUT', `${SURVEYS}/${id}`, { as: 'editor', ifMatch: archived.headers.get('etag')!, body: { survey: { id, kind: 'csat', question: 'Q?' } } })).status).toBe(409);
});

test('a schedule takes effect at its boundaries, by the clock, without a restart', async () => {
  const starts = '2026-11-01T13:00:00.000Z';
  const ends = '2026-11-01T14:00:00.000Z';
  const { id, etag } = await create({}, { startsAt: starts, endsAt: ends });
  const pub = await call(c, 'POST', `${SURVEYS}/${id}/publish`, { as: 'publisher', ifMatch: etag });
  expect(pub.body).toMatchObject({ status: 'scheduled', version: 1, startsAt: starts, endsAt: ends });
  const served = async () => (await remote(c)).surveys.some((s) => s.id === id);
  const status = async () => (await call(c, 'GET', `${SURVEYS}/${id}`, { as: 'viewer' })).body.status;

  clock.now = Date.parse(starts) - 1;
  expect(await served()).toBe(false);
  expect(await status()).toBe('scheduled');
  const waiting = (await remote(c)).etag;
  clock.now = Date.parse(starts);
  expect(await served()).toBe(true);
  expect(await status()).toBe('live');
  expect((await remote(c)).etag).not.toBe(waiting);
  clock.now = Date.parse(ends) - 1;
  expect(await served()).toBe(true);
  clock.now = Date.parse(ends);
  expect(await served()).toBe(false);
  expect(await status()).toBe('ended');
  expect((await remote(c)).etag).toBe(waiting);
});

test('a reached response limit ends the survey; later answers are stored, marked over the limit, and still scored', async () => {
  const { id, etag } = await create({}, { responseLimit: 2 });
  await call(c, 'POST', `${SURVEYS}/${id}/publish`, { as: 'publisher', ifMatch: etag });
  expect((await remote(c)).surveys.some((s) => s.id === id)).toBe(true);
  const answer = (score: number) => response({ surveyId: id, kind: 'csat', scale: [1, 5], score, version: 1 });
  const first = [answer(5), answer(4)];
  expect((await post(c, { site: 'demo', responses: [first[0]] })).status).toBe(200);
  // One response short of the limit: still served.
  expect((await remote(c)).surveys.some((s) => s.id === id)).toBe(true);
  expect((await post(c, { site: 'demo', responses: [first[1]] })).status).toBe(200);
  expect((await remote(c)).surveys.some((s) => s.id === id)).toBe(false);
  const late = answer(1);
  const res = await post(c, { site: 'demo', responses: [late] });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ accepted: 1 });

  const got = await call(c, 'GET', `${SURVEYS}/${id}`, { as: 'viewer' });
  expect(got.body).toMatchObject({ status: 'ended', responses: 3, responseLimit: 2 });
  const rows = await c.storage.transaction((tx) => tx.query<{ id: string; over_limit: boolean; version: number }>(`select id::text, over_limit, version from sayso_responses where survey_id = $1`, [id]));
  const marked = Object.fromEntries(rows.map((r) => [r.id, r.over_limit]));
  expect(marked).toEqual({ [first[0]!.id]: false, [first[1]!.id]: false, [late.id]: true });
  expect(rows.every((r) => r.version === 1)).toBe(true);
  const scores = await c.fetch(new Request(`http://collector.test/v1/scores?site=demo&survey=${id}&from=2020-01-01&to=2030-01-01`, { headers: { authorization: `Bearer ${SECRET}` } }));
  const body = (await scores.json()) as { surveys: Array<{ total: { n: number } }> };
  expect(body.surveys[0]!.total).toMatchObject({ n: 3 });
});

test('bad input is 400 with parseSurvey path, or the field name', async () => {
  const bad = async (body: unknown, path: string, method = 'POST', url = SURVEYS, ifMatch?: string) => {
    const res = await call(c, method, url, { as: 'publisher', body, ...(ifMatch ? { ifMatch } : {}) });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.path).toBe(path);
    expect(typeof res.body.error.message).toBe('string');
    return res.body.error;
  };
  expect(await bad({ survey: { id: 'x', kind: 'csat', question: 'Q?', triggers: [{ type: 'pageview', delayMs: -5 }] } }, 'triggers[0].delayMs')).toMatchObject({ code: 'E_SURVEY_INVALID' });
  await bad({ survey: { id: 'x', kind: 'nps', question: '' } }, 'question');
  await bad({ survey: { id: 'x', kind: 'nps', question: 'Q?', version: 2 } }, 'version');
  await bad({}, 'survey');
  await bad({ survey: { id: 'x', kind: 'nps', question: 'Q?' }, extra: 1 }, 'extra');
  await bad({ survey: { id: 'x', kind: 'nps', question: 'Q?' }, startsAt: '2026-11-01' }, 'startsAt');
  await bad({ survey: { id: 'x', kind: 'nps', question: 'Q?' }, startsAt: '2026-11-01T10:00:00Z', endsAt: '2026-11-01T10:00:00Z' }, 'endsAt');
  await bad({ survey: { id: 'x', kind: 'nps', question: 'Q?' }, responseLimit: 0 }, 'responseLimit');
  await bad({ survey: { id: 'x', kind: 'nps', question: 'Q?' }, responseLimit: 1.5 }, 'responseLimit');
  await bad('[1]', '');
  await bad('{not json', '');
  const { id, etag } = await create();
  await bad({ survey: { id: `${id}-other`, kind: 'csat', question: 'Q?' } }, 'id', 'PUT', `${SURVEYS}/${id}`, etag);
  await bad({ version: 'one' }, 'version', 'POST', `${SURVEYS}/${id}/rollback`, etag);
});

test('401 without or with wrong credentials; 403 names the role needed and the one held, per role', async () => {
  const none = await call(c, 'GET', SURVEYS, { auth: null });
  expect(none.status).toBe(401);
  expect(none.body.error).toMatch(/sign in/);
  for (const auth of ['Bearer test-viewer-toke', 'Bearer test-viewer-token2', 'Bearer ', 'bearer test-viewer-token', 'Bearer TEST-VIEWER-TOKEN']) {
    expect((await call(c, 'GET', SURVEYS, { auth })).status, auth).toBe(401);
  }
  const { id, etag } = await create();
  const cases: Array<[string, string, string, 'viewer' | 'editor' | 'publisher', unknown?]> = [
    ['POST', SURVEYS, 'editor', 'viewer', { survey: { id: 'y', kind: 'nps', question: 'Q?' } }],
    ['PUT', `${SURVEYS}/${id}`, 'editor', 'viewer', { survey: { id, kind: 'csat', question: 'Q?' } }],
    ['POST', `${SURVEYS}/${id}/publish`, 'publisher', 'editor'],
    ['POST', `${SURVEYS}/${id}/pause`, 'publisher', 'editor'],
    ['POST', `${SURVEYS}/${id}/rollback`, 'publisher', 'editor', { version: 1 }],
    ['POST', `${SURVEYS}/${id}/archive`, 'editor', 'viewer'],
    ['POST', '/v1/admin/sites', 'admin', 'publisher', { id: 'other', origins: [] }],
  ];
  for (const [method, path, needed, held, body] of cases) {
    const res = await call(c, method, path, { as: held, ifMatch: etag, ...(body ? { body } : {}) });
    expect(res.status, `${method} ${path} as ${held}`).toBe(403);
    expect(res.body.error).toBe(`this needs the ${needed} role; ${held}@shop.test has ${held}`);
  }
  // Nothing changed: the survey is still the draft as created.
  expect((await call(c, 'GET', `${SURVEYS}/${id}`, { as: 'viewer' })).headers.get('etag')).toBe(etag);
  expect((await call(c, 'GET', SURVEYS, { as: 'viewer' })).status).toBe(200);
});

test('If-Match: 428 without it, 409 with a stale one (and the current copy), 200 with the current', async () => {
  const { id, etag } = await create();
  const url = `${SURVEYS}/${id}`;
  const edit = (question: string, ifMatch?: string) => call(c, 'PUT', url, { as: 'editor', ...(ifMatch !== undefined ? { ifMatch } : {}), body: { survey: { id, kind: 'csat', question } } });
  expect((await edit('A?')).status).toBe(428);
  expect((await edit('A?', '')).status).toBe(428);
  const first = await edit('A?', etag);
  expect(first.status).toBe(200);
  const newer = first.headers.get('etag')!;
  expect(newer).not.toBe(etag);
  // The second editor still holds the old copy: refused, and shown what is there now.
  const stale = await edit('B?', etag);
  expect(stale.status).toBe(409);
  expect(stale.body.current).toMatchObject({ id, draft: { question: 'A?' } });
  expect(stale.headers.get('etag')).toBe(newer);
  // Near-misses of the tag are stale too; one matching tag of a list passes.
  for (const tag of [newer.slice(0, -1), `W/${newer}`, '*', newer.replace('r', 'R'), `"${newer}"`]) expect((await edit('C?', tag)).status, tag).toBe(409);
  expect((await edit('C?', `"r0", ${newer}`)).status).toBe(200);
  for (const verb of ['publish', 'pause', 'resume', 'end', 'archive', 'rollback']) {
    expect((await call(c, 'POST', `${url}/${verb}`, { as: 'publisher', body: { version: 1 } })).status, verb).toBe(428);
  }
});

test('404 for an unknown site, survey, version and request; 409 for an id taken', async () => {
  const { id } = await create();
  expect((await call(c, 'GET', '/v1/admin/sites/nope/surveys')).body).toEqual({ error: 'site not found' });
  expect((await call(c, 'GET', '/v1/admin/sites/nope/surveys')).status).toBe(404);
  expect((await call(c, 'GET', `${SURVEYS}/nope`)).status).toBe(404);
  expect((await call(c, 'GET', `${SURVEYS}/nope`)).body).toEqual({ error: 'survey not found' });
  expect((await call(c, 'GET', `${SURVEYS}/${id}/versions/1`)).status).toBe(404);
  expect((await call(c, 'GET', `${SURVEYS}/${id}/versions/x`)).status).toBe(404);
  expect((await call(c, 'POST', '/v1/admin/publish-requests/999999/approve', { as: 'publisher' })).status).toBe(404);
  expect((await call(c, 'POST', '/v1/admin/publish-requests/1e3/approve', { as: 'publisher' })).status).toBe(404);
  const taken = await call(c, 'POST', SURVEYS, { as: 'editor', body: { survey: { id, kind: 'nps', question: 'Q?' } } });
  expect(taken.status).toBe(409);
  expect(taken.body.current).toMatchObject({ id });
});

test('versions, their diff, a rollback and a duplicate', async () => {
  const { id, etag } = await create({ question: 'One?' });
  const url = `${SURVEYS}/${id}`;
  const v1 = await call(c, 'POST', `${url}/publish`, { as: 'publisher', ifMatch: etag });
  const e = await call(c, 'PUT', url, { as: 'editor', ifMatch: v1.headers.get('etag')!, body: { survey: { id, kind: 'csat', question: 'Two?', thankYou: { message: 'Thanks' } } } });
  const v2 = await call(c, 'POST', `${url}/publish`, { as: 'publisher', ifMatch: e.headers.get('etag')! });
  const versions = await call(c, 'GET', `${url}/versions`, { as: 'viewer' });
  expect(versions.body.versions.map((v: { version: number; publishedBy: string }) => [v.version, v.publishedBy])).toEqual([
    [1, 'publisher@shop.test'],
    [2, 'publisher@shop.test'],
  ]);
  expect((await call(c, 'GET', `${url}/versions/1`, { as: 'viewer' })).body).toMatchObject({ version: 1, hash: v1.body.hash, survey: { id, question: 'One?' } });
  const d = await call(c, 'GET', `${url}/diff?from=1&to=2`, { as: 'viewer' });
  expect(d.body.changes).toEqual([
    { path: 'question', from: 'One?', to: 'Two?' },
    { path: 'thankYou', to: { message: 'Thanks' } },
  ]);
  expect((await call(c, 'GET', `${url}/diff?from=2&to=draft`, { as: 'viewer' })).body.changes).toEqual([]);
  expect((await call(c, 'GET', `${url}/diff?from=0`, { as: 'viewer' })).body.error.path).toBe('from');
  expect((await call(c, 'GET', `${url}/diff?from=7`, { as: 'viewer' })).status).toBe(404);

  const rolled = await call(c, 'POST', `${url}/rollback`, { as: 'publisher', ifMatch: v2.headers.get('etag')!, body: { version: 1 } });
  expect(rolled.status).toBe(200);
  expect(rolled.body).toMatchObject({ version: 2, draft: { question: 'One?' } });
  expect((await call(c, 'POST', `${url}/rollback`, { as: 'publisher', ifMatch: rolled.headers.get('etag')!, body: { version: 9 } })).status).toBe(404);
  const v3 = await call(c, 'POST', `${url}/publish`, { as: 'publisher', ifMatch: rolled.headers.get('etag')! });
  // Version 3 is version 1's content: the same hash, a new number.
  expect(v3.body).toMatchObject({ version: 3, hash: v1.body.hash });
  expect((await remote(c)).surveys.find((s) => s.id === id)).toMatchObject({ version: 3, question: 'One?' });

  const copy = await call(c, 'POST', `${url}/duplicate`, { as: 'editor' });
  expect(copy.status).toBe(201);
  expect(copy.body).toMatchObject({ id: `${id}-copy`, status: 'draft', version: null, draft: { question: 'One?' } });
  expect((await call(c, 'POST', `${url}/duplicate`, { as: 'editor' })).body.id).toBe(`${id}-copy-2`);
  expect((await call(c, 'POST', `${url}/duplicate`, { as: 'editor', body: { id: 'bad id' } })).body.error.path).toBe('id');
});

test('publish requests: an editor asks, a publisher sees the diff and approves; a request for a draft edited since is refused', async () => {
  const { id, etag } = await create({ question: 'Asked?' });
  const url = `${SURVEYS}/${id}`;
  // The note: a text of at most 2000 characters, and no other field.
  for (const [body, path] of [[{ note: 'n'.repeat(2001) }, 'note'], [{ note: 5 }, 'note'], [{ reason: 'x' }, 'reason']] as const) {
    const refused = await call(c, 'POST', `${url}/publish-requests`, { as: 'editor', body });
    expect([refused.status, refused.body.error.path]).toEqual([400, path]);
  }
  const longest = await call(c, 'POST', `${url}/publish-requests`, { as: 'editor', body: { note: 'n'.repeat(2000) } });
  expect([longest.status, longest.body.note.length]).toEqual([201, 2000]);
  const tooLong = await call(c, 'POST', `/v1/admin/publish-requests/${longest.body.id}/reject`, { as: 'publisher', body: { reason: 'r'.repeat(2001) } });
  expect([tooLong.status, tooLong.body.error.path]).toEqual([400, 'reason']);
  expect((await call(c, 'POST', `/v1/admin/publish-requests/${longest.body.id}/reject`, { as: 'publisher', body: { reason: 'r'.repeat(2000) } })).status).toBe(200);
  const asked = await call(c, 'POST', `${url}/publish-requests`, { as: 'editor', body: { note: 'ready' } });
  expect(asked.status).toBe(201);
  expect(asked.body).toMatchObject({ surveyId: id, note: 'ready', status: 'open', requestedBy: 'editor@shop.test', stale: false });
  expect(asked.body.changes).toContainEqual({ path: 'question', to: 'Asked?' });
  const open = await call(c, 'GET', '/v1/admin/publish-requests?site=demo', { as: 'viewer' });
  expect(open.body.requests.map((r: { id: number }) => r.id)).toContain(asked.body.id);
  expect((await call(c, 'POST', `/v1/admin/publish-requests/${asked.body.id}/approve`, { as: 'editor' })).status).toBe(403);
  const approved = await call(c, 'POST', `/v1/admin/publish-requests/${asked.body.id}/approve`, { as: 'publisher' });
  expect(approved.status).toBe(200);
  expect(approved.body.survey).toMatchObject({ status: 'live', version: 1 });
  expect((await remote(c)).surveys.find((s) => s.id === id)).toMatchObject({ version: 1 });
  expect((await call(c, 'POST', `/v1/admin/publish-requests/${asked.body.id}/approve`, { as: 'publisher' })).status).toBe(404);

  const current = await call(c, 'GET', url, { as: 'viewer' });
  const second = await call(c, 'POST', `${url}/publish-requests`, { as: 'editor' });
  await call(c, 'PUT', url, { as: 'editor', ifMatch: current.headers.get('etag')!, body: { survey: { id, kind: 'csat', question: 'Changed after asking?' } } });
  const refused = await call(c, 'POST', `/v1/admin/publish-requests/${second.body.id}/approve`, { as: 'publisher' });
  expect(refused.status).toBe(409);
  expect((await remote(c)).surveys.find((s) => s.id === id)).toMatchObject({ version: 1, question: 'Asked?' });
  const rejected = await call(c, 'POST', `/v1/admin/publish-requests/${second.body.id}/reject`, { as: 'publisher', body: { reason: 'edited since' } });
  expect(rejected.body.request).toMatchObject({ status: 'rejected', decidedBy: 'publisher@shop.test' });
  expect((await call(c, 'GET', '/v1/admin/publish-requests', { as: 'viewer' })).body.requests.map((r: { id: number }) => r.id)).not.toContain(second.body.id);
  expect(etag).toBeTruthy();
});

test('every change is in the activity log, with who made it', async () => {
  const { id, etag } = await create();
  const pub = await call(c, 'POST', `${SURVEYS}/${id}/publish`, { as: 'publisher', ifMatch: etag });
  await call(c, 'POST', `${SURVEYS}/${id}/pause`, { as: 'publisher', ifMatch: pub.headers.get('etag')! });
  const entries = await c.storage.activity.list({ site: 'demo', subject: { type: 'survey', id }, limit: 10 });
  expect(entries.map((e) => [e.action, e.actor.label])).toEqual([
    ['survey.pause', 'publisher@shop.test'],
    ['survey.publish', 'publisher@shop.test'],
    ['survey.create', 'editor@shop.test'],
  ]);
  expect(entries[0]!.diff).toEqual([{ path: 'status', from: 'live', to: 'paused' }]);
  expect(entries[1]!.diff).toMatchObject({ version: 1, newVersion: true });
});
