// The inbox API on PGlite and (when SAYSO_TEST_DATABASE_URL is set) on
// PostgreSQL: the same tests with the same expected ids on both, so the
// full-text search and every filter are shown to agree across drivers.
// Answers are stored through the real ingest route; the webhook receiver is
// a real HTTP server on loopback.
import postgres from 'postgres';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Collector } from '../collector.js';
import { post, response, testConfig } from '../test-fixtures.js';
import { startReceiver } from '../webhooks/test-receiver.js';
import { adminCollector, call } from './test-client.js';

const url = process.env.SAYSO_TEST_DATABASE_URL;
const BASE = '/v1/admin/sites/demo/responses';
const WEBHOOKS = { allowedNetworks: ['127.0.0.1/32'], retryScale: 0.0001, dispatch: false };

/** Ids of fixed answers, so a failure names which one (uuid v7 shape, increasing with time). */
const ID = (n: number) => `0192a000-0000-7000-8000-${String(n).padStart(12, '0')}`;

interface Driver {
  name: string;
  setup?: () => Promise<void>;
  teardown?: () => Promise<void>;
  make: () => Promise<{ c: Collector; clock: { now: number } }>;
}

const pglite: Driver = {
  name: 'PGlite',
  make: async () => {
    const { collector, clock } = await adminCollector({ config: testConfig({ webhooks: WEBHOOKS }) });
    return { c: collector, clock };
  },
};

function postgresDriver(): Driver {
  const name = `sayso_inbox_${Date.now().toString(36)}`;
  let admin: postgres.Sql;
  let db: postgres.Sql;
  const u = new URL(url ?? 'postgres://x/y');
  u.pathname = `/${name}`;
  return {
    name: 'PostgreSQL',
    async setup() {
      admin = postgres(url!, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      db = postgres(u.toString(), { max: 1, onnotice: () => {} });
    },
    async teardown() {
      await db?.end();
      await admin?.unsafe(`drop database if exists ${name} with (force)`);
      await admin?.end();
    },
    async make() {
      const { collector, clock } = await adminCollector({ databaseUrl: u.toString(), config: testConfig({ webhooks: WEBHOOKS }) });
      await db.unsafe(
        'truncate sayso_responses, sayso_events, sayso_tallies, sayso_terms, sayso_term_queue, sayso_term_state, sayso_inbox, sayso_inbox_notes, sayso_activity, sayso_webhook_endpoints, sayso_webhook_deliveries, sayso_webhook_attempts, sayso_users cascade',
      );
      return { c: collector, clock };
    },
  };
}

const drivers: Driver[] = [pglite, ...(url ? [postgresDriver()] : [])];

describe.each(drivers)('the inbox on $name', (driver) => {
  const open: Array<{ close: () => Promise<void> }> = [];
  beforeAll(async () => driver.setup?.(), 60_000);
  afterAll(async () => driver.teardown?.());
  afterEach(async () => {
    for (const x of open.splice(0).reverse()) await x.close();
  });
  async function fresh() {
    const made = await driver.make();
    open.push(made.c);
    return { c: made.c, clock: made.clock };
  }
  const ids = (body: { responses: Array<{ id: string }> }) => body.responses.map((r) => r.id);
  async function store(c: Collector, answers: ReturnType<typeof response>[]) {
    const res = await post(c, { site: 'demo', responses: answers });
    expect(res.status, await res.clone().text()).toBe(200);
  }
  async function user(c: Collector, email: string) {
    const u = await c.storage.users.add({ email, name: email, role: 'editor', passwordHash: 'not-used-here' }, { kind: 'secret', id: 'secret', label: 'test' });
    if (u === 'exists') throw new Error('exists');
    return u;
  }
  async function patch(c: Collector, id: string, body: unknown, as: 'editor' | 'viewer' = 'editor') {
    const got = await call(c, 'GET', `${BASE}/${id}`);
    return call(c, 'PATCH', `${BASE}/${id}`, { as, body, ifMatch: got.headers.get('etag')! });
  }

  /** Six answers around the near-misses the filter tests use. */
  const SEED = () => [
    response({ id: ID(1), score: 1, surveyId: 'csat-checkout', kind: 'csat', scale: [1, 5], comment: 'bad', createdAt: '2026-10-05T08:00:00.000Z', attributes: { plan: 'pro' } }),
    response({ id: ID(2), score: 3, surveyId: 'csat-checkout', kind: 'csat', scale: [1, 5], comment: '', createdAt: '2026-10-06T08:00:00.000Z', attributes: { plan: 'free' } }),
    response({ id: ID(3), score: 9, createdAt: '2026-10-09T23:59:59.999Z', attributes: { plan: 'pro' } }),
    response({ id: ID(4), score: 6, comment: 'Checkout was slow and painful', createdAt: '2026-10-10T00:00:00.000Z', attributes: { plan: 'pro' } }),
    response({ id: ID(5), score: 7, comment: 'slow delivery', createdAt: '2026-10-10T23:59:59.999Z', attributes: { plan: 'Pro' } }),
    response({ id: ID(6), score: 10, comment: 'Fast. <b>Très</b> bien, CAFÉ', createdAt: '2026-10-11T00:00:00.000Z', attributes: { plan: 'pro ' } }),
  ];

  test('each filter, against its near-miss; newest first', async () => {
    const { c } = await fresh();
    await store(c, SEED());
    const cases: Array<[string, number[]]> = [
      ['', [6, 5, 4, 3, 2, 1]],
      ['survey=nps-main', [6, 5, 4, 3]],
      ['survey=nps-mai', []],
      ['survey=nps-main&scoreMax=6', [4]],
      ['survey=nps-main&scoreMin=7', [6, 5, 3]],
      ['scoreMin=6&scoreMax=7', [5, 4]],
      ['band=detractor', [4]],
      ['band=passive', [5]],
      ['band=promoter', [6, 3]],
      ['band=unhappy', [1]],
      ['band=neutral', [2]],
      // Both ends included: the first and last millisecond of the 10th; not the last of the 9th, nor the first of the 11th.
      ['from=2026-10-10&to=2026-10-10', [5, 4]],
      ['from=2026-10-10', [6, 5, 4]],
      ['to=2026-10-09', [3, 2, 1]],
      // Exact, case- and space-sensitive.
      ['attr.plan=pro', [4, 3, 1]],
      ['attr.plan=pro&survey=nps-main', [4, 3]],
      ['attr.plan=pr', []],
      ['hasComment=true', [6, 5, 4, 1]],
      ['hasComment=false', [3, 2]],
      ['q=slow', [5, 4]],
      ['q=SLOW', [5, 4]],
      ['q=slo', []],
      ['q=%22slow+and+painful%22', [4]],
      ['q=%22painful+slow%22', []],
      ['q=slow+-delivery', [4]],
      ['q=slow+or+bad', [5, 4, 1]],
      // PostgreSQL's text parser skips what looks like an HTML tag (`<b>`), but finds the words between.
      ['q=b', []],
      ['q=tr%C3%A8s', [6]],
      ['q=caf%C3%A9', [6]],
      ['q=fast', [6]],
      ['status=new', [6, 5, 4, 3, 2, 1]],
      ['status=closed', []],
    ];
    for (const [query, want] of cases) {
      const res = await call(c, 'GET', `${BASE}?${query}`, { as: 'viewer' });
      expect(res.status, query).toBe(200);
      expect(ids(res.body), query).toEqual(want.map(ID));
    }
  });

  test('status, assignee and tag filters after changes: whole values only', async () => {
    const { c } = await fresh();
    await store(c, SEED());
    const ana = await user(c, 'ana@shop.test');
    await user(c, 'bo@shop.test');
    expect((await patch(c, ID(4), { status: 'in_progress', assignee: ana.id, tags: ['vip', 'late'] })).status).toBe(200);
    expect((await patch(c, ID(5), { status: 'closed', tags: ['vip-gold'] })).status).toBe(200);
    expect((await patch(c, ID(6), { status: 'new', tags: ['VIP'] })).status).toBe(200);
    const cases: Array<[string, number[]]> = [
      ['status=in_progress', [4]],
      ['status=closed', [5]],
      // Set back to new, and never touched: both are new.
      ['status=new', [6, 3, 2, 1]],
      // What is left to do: new (touched or not) and in progress, never closed.
      ['status=open', [6, 4, 3, 2, 1]],
      ['status=open&tag=vip-gold', []],
      [`assignee=${ana.id}`, [4]],
      [`assignee=${ana.id.slice(0, -1)}`, []],
      ['tag=vip', [4]],
      ['tag=vi', []],
      ['tag=vip-gold', [5]],
      ['tag=VIP', [6]],
      ['tag=late&status=in_progress', [4]],
      ['tag=late&status=new', []],
    ];
    for (const [query, want] of cases) {
      const res = await call(c, 'GET', `${BASE}?${query}`, { as: 'viewer' });
      expect(ids(res.body), query).toEqual(want.map(ID));
    }
  });

  test('segment values of every JSON type: the text compared exactly, the index only narrowing', async () => {
    const { c } = await fresh();
    await store(c, [
      response({ id: ID(1), createdAt: '2026-10-01T08:00:00.000Z', attributes: { seats: 5, beta: true, ratio: 0.5 } }),
      response({ id: ID(2), createdAt: '2026-10-02T08:00:00.000Z', attributes: { seats: '5', beta: 'true', ratio: '.5' } }),
      response({ id: ID(3), createdAt: '2026-10-03T08:00:00.000Z', attributes: { seats: 50, beta: false, ratio: -0.5 } }),
    ]);
    const cases: Array<[string, number[]]> = [
      // `->>` gives a number's and a boolean's JSON text: 5 and '5' alike.
      ['attr.seats=5', [2, 1]],
      // Numerically equal, textually not: containment would find 5, the comparison does not.
      ['attr.seats=5.0', []],
      ['attr.seats=5e0', []],
      ['attr.seats=50', [3]],
      ['attr.beta=true', [2, 1]],
      ['attr.beta=false', [3]],
      ['attr.beta=TRUE', []],
      ['attr.ratio=0.5', [1]],
      ['attr.ratio=.5', [2]],
      ['attr.ratio=-0.5', [3]],
      // Past jsonb's numeric range: a string like any other, not a 5xx.
      ['attr.seats=1e999999', []],
      ['attr.seats=5&attr.beta=true', [2, 1]],
    ];
    for (const [query, want] of cases) {
      const res = await call(c, 'GET', `${BASE}?${query}`, { as: 'viewer' });
      expect(res.status, query).toBe(200);
      expect(ids(res.body), query).toEqual(want.map(ID));
    }
  });

  test('keyset pages read from the inbox side (status, assignee, tag): newest first, every match once, equal times by id', async () => {
    const { c } = await fresh();
    const same = '2026-10-20T10:00:00.000Z';
    await store(c, [...SEED(), response({ id: ID(7), createdAt: same }), response({ id: ID(8), createdAt: same }), response({ id: ID(9), createdAt: same })]);
    const ana = await user(c, 'ana@shop.test');
    // Every answer but 2 tagged, the odd ones closed, 7 and 8 (and 1) assigned.
    for (const n of [1, 3, 4, 5, 6, 7, 8, 9]) {
      const res = await patch(c, ID(n), { tags: ['x'], status: n % 2 ? 'closed' : 'in_progress', ...([1, 7, 8].includes(n) ? { assignee: ana.id } : {}) });
      expect(res.status).toBe(200);
    }
    const all = async (filter: string) => {
      const seen: string[] = [];
      let before: string | null = '';
      while (before !== null) {
        const res = await call(c, 'GET', `${BASE}?${filter}&limit=2${before ? `&before=${encodeURIComponent(before)}` : ''}`, { as: 'viewer' });
        expect(res.status).toBe(200);
        seen.push(...ids(res.body));
        before = res.body.next;
      }
      return seen;
    };
    expect(await all('tag=x')).toEqual([9, 8, 7, 6, 5, 4, 3, 1].map(ID));
    expect(await all('status=closed')).toEqual([9, 7, 5, 3, 1].map(ID));
    expect(await all(`assignee=${ana.id}`)).toEqual([8, 7, 1].map(ID));
    // Inbox filters with the answers' own: a time range (both ends UTC days) and a survey.
    expect(await all('tag=x&from=2026-10-10&to=2026-10-20')).toEqual([9, 8, 7, 6, 5, 4].map(ID));
    expect(await all('tag=x&to=2026-10-09')).toEqual([3, 1].map(ID));
    expect(await all('status=in_progress&survey=nps-main&hasComment=true')).toEqual([6, 4].map(ID));
  });

  test('keyset pages: newest first, every answer once, equal times ordered by id', async () => {
    const { c } = await fresh();
    const same = '2026-10-20T10:00:00.000Z';
    await store(c, [...SEED(), response({ id: ID(7), createdAt: same }), response({ id: ID(8), createdAt: same }), response({ id: ID(9), createdAt: same })]);
    const seen: string[] = [];
    let before: string | null = '';
    let pages = 0;
    while (before !== null) {
      const res = await call(c, 'GET', `${BASE}?limit=2${before ? `&before=${encodeURIComponent(before)}` : ''}`, { as: 'viewer' });
      expect(res.status).toBe(200);
      expect(res.body.responses.length).toBeLessThanOrEqual(2);
      seen.push(...ids(res.body));
      before = res.body.next;
      pages++;
    }
    expect(seen).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1].map(ID));
    // Nine answers in pages of two: five pages, the last one short, with no `next`.
    expect(pages).toBe(5);
    // A page of exactly the rest has no next page.
    expect((await call(c, 'GET', `${BASE}?limit=9`)).body.next).toBeNull();
    expect((await call(c, 'GET', `${BASE}?limit=8`)).body.next).not.toBeNull();
  });

  test('each item carries what the inbox shows', async () => {
    const { c } = await fresh();
    await store(c, [response({ id: ID(1), score: 4, comment: '<script>alert(1)</script>', answers: { why: 'price' }, attributes: { plan: 'pro' }, createdAt: '2026-10-01T00:00:00.000Z', locale: 'fr', page: { url: 'http://shop.test/x', referrer: 'http://r.test/' } })]);
    const res = await call(c, 'GET', BASE, { as: 'viewer' });
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.body.responses[0]).toMatchObject({
      id: ID(1),
      surveyId: 'nps-main',
      kind: 'nps',
      score: 4,
      scale: [0, 10],
      band: 'detractor',
      comment: '<script>alert(1)</script>',
      answers: { why: 'price' },
      attributes: { plan: 'pro' },
      page: { url: 'http://shop.test/x', referrer: 'http://r.test/' },
      channel: 'web',
      locale: 'fr',
      createdAt: '2026-10-01T00:00:00.000Z',
      status: 'new',
      assignee: null,
      tags: [],
      noteCount: 0,
      etag: '"r0"',
    });
    expect(res.body.responses[0]).toHaveProperty('version');
  });

  test('bad parameters: 400 naming the parameter', async () => {
    const { c } = await fresh();
    const cases: Array<[string, string]> = [
      ['scoreMax=-1', 'scoreMax'],
      ['scoreMin=1.5', 'scoreMin'],
      ['scoreMin=7&scoreMax=6', 'scoreMin'],
      ['band=detractors', 'band'],
      ['hasComment=yes', 'hasComment'],
      ['status=opened', 'status'],
      ['status=Open', 'status'],
      ['status=closed,new', 'status'],
      ['from=2026-13-01', 'from'],
      ['from=2026-10-11&to=2026-10-10', 'from'],
      ['to=yesterday', 'to'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['before=2026-10-10T00:00:00Z_x', 'before'],
      ['q=', 'q'],
      ['tag=a&tag=b', 'tag'],
      ['attr.=pro', 'attr.'],
      ['plan=pro', 'plan'],
    ];
    for (const [query, param] of cases) {
      const res = await call(c, 'GET', `${BASE}?${query}`, { as: 'viewer' });
      expect(res.status, query).toBe(400);
      expect(res.body.error.param, query).toBe(param);
    }
    expect((await call(c, 'GET', '/v1/admin/sites/nope/responses')).status).toBe(404);
    expect((await call(c, 'GET', `${BASE}/not-a-uuid`)).status).toBe(404);
    expect((await call(c, 'GET', `${BASE}/${ID(99)}`)).status).toBe(404);
  });

  test('hostile values reach PostgreSQL as parameters: 200 or 400, never 500', async () => {
    const { c } = await fresh();
    await store(c, SEED());
    const queries = [
      'q=%26%7C!()',
      'q=a%3A*',
      "q='",
      'q=%22',
      'q=slow+%3C-%3E+and',
      `q=${'x'.repeat(256)}`,
      `q=${'x'.repeat(257)}`,
      'q=%00',
      "attr.pl'an=pro",
      'attr.plan%22=x',
      'tag=%7B%7D',
      'tag=a%2Cb',
      'assignee=%27%3B',
      'survey=%25',
      'before=2026-02-30T00:00:00.000000Z_0192a000-0000-7000-8000-000000000001',
      'before=2026-10-10T25:00:00.000000Z_0192a000-0000-7000-8000-000000000001',
      'before=2026-10-10T00:00:00.000000Z_0192a000-0000-7000-8000-00000000000g',
      'scoreMax=999999999999',
    ];
    for (const query of queries) {
      const res = await call(c, 'GET', `${BASE}?${query}`, { as: 'viewer' });
      expect([200, 400], `${query}: ${JSON.stringify(res.body)}`).toContain(res.status);
    }
    // The impossible cursors are refused by name.
    for (const day of ['2026-02-30T00:00:00.000000Z', '2026-10-10T25:00:00.000000Z']) {
      expect((await call(c, 'GET', `${BASE}?before=${day}_${ID(1)}`)).body.error.param).toBe('before');
    }
  });

  test('PATCH: If-Match (428 without, 409 stale), fields checked by path, each change in the activity log', async () => {
    const { c } = await fresh();
    await store(c, [response({ id: ID(1), score: 3 })]);
    const ana = await user(c, 'ana@shop.test');
    const path = `${BASE}/${ID(1)}`;
    expect((await call(c, 'PATCH', path, { as: 'editor', body: { status: 'closed' } })).status).toBe(428);
    const first = await call(c, 'PATCH', path, { as: 'editor', body: { status: 'in_progress', assignee: ana.id }, ifMatch: '"r0"' });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"r1"');
    expect(first.body).toMatchObject({ status: 'in_progress', assignee: ana.id, tags: [], etag: '"r1"' });
    // The copy read before that change is stale now.
    const stale = await call(c, 'PATCH', path, { as: 'editor', body: { tags: ['x'] }, ifMatch: '"r0"' });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ status: 'in_progress', etag: '"r1"' });
    expect(stale.headers.get('etag')).toBe('"r1"');
    const bad: Array<[unknown, string]> = [
      [{}, ''],
      [{ status: 'done' }, 'status'],
      [{ assignee: 'nobody' }, 'assignee'],
      [{ assignee: ana.id.toUpperCase() }, 'assignee'],
      [{ assignee: 7 }, 'assignee'],
      [{ tags: 'vip' }, 'tags'],
      [{ tags: ['ok', 'ok'] }, 'tags[1]'],
      [{ tags: ['ok', ''] }, 'tags[1]'],
      [{ tags: ['a'.repeat(65)] }, 'tags[0]'],
      [{ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'tags'],
      [{ note: 'x' }, 'note'],
    ];
    for (const [body, p] of bad) {
      const res = await call(c, 'PATCH', path, { as: 'editor', body, ifMatch: '"r1"' });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.path, JSON.stringify(body)).toBe(p);
    }
    // The limits themselves pass: 20 tags of 64 characters, kept as given.
    const many = Array.from({ length: 20 }, (_, i) => `${String(i).padStart(2, '0')}${'é'.repeat(62)}`);
    const ok = await call(c, 'PATCH', path, { as: 'editor', body: { tags: many, assignee: null }, ifMatch: '"r1"' });
    expect(ok.status).toBe(200);
    expect(ok.body.tags).toEqual(many);
    const log = await c.storage.activity.list({ site: 'demo', subject: { type: 'response', id: ID(1) }, limit: 10 });
    expect(log.map((e) => e.action)).toEqual(['response.update', 'response.update']);
    expect(log[1]!.diff).toEqual([
      { path: 'assignee', from: null, to: ana.id },
      { path: 'status', from: 'new', to: 'in_progress' },
    ]);
    expect(log[0]!.actor.label).toBe('editor@shop.test');
  });

  test('a change made between the read and the write is stale, for the first change and later ones', async () => {
    const { c } = await fresh();
    await store(c, [response({ id: ID(1) })]);
    const state = { status: 'in_progress' as const, assignee: null, tags: [], closedAt: null, at: '2026-11-01T12:00:00.000Z' };
    const write = (v: number) => c.storage.transaction((tx) => c.storage.inbox.update('demo', ID(1), v, state, tx));
    expect(await write(0)).toBe(1);
    // Someone else inserted the row first: a second insert at version 0 must not overwrite it.
    expect(await write(0)).toBe('stale');
    expect(await write(2)).toBe('stale');
    expect(await write(1)).toBe(2);
    expect(await write(1)).toBe('stale');
    expect((await c.storage.inbox.get('demo', ID(1)))!.rowVersion).toBe(2);
  });

  test('notes: stored as given, returned as JSON with the answer, counted, logged', async () => {
    const { c } = await fresh();
    await store(c, [response({ id: ID(1) })]);
    const text = '<img src=x onerror=alert(1)> called them back  \n';
    const made = await call(c, 'POST', `${BASE}/${ID(1)}/notes`, { as: 'editor', body: { text } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ text, author: { label: 'editor@shop.test' } });
    await call(c, 'POST', `${BASE}/${ID(1)}/notes`, { as: 'editor', body: { text: 'second' } });
    const got = await call(c, 'GET', `${BASE}/${ID(1)}`, { as: 'viewer' });
    expect(got.headers.get('content-type')).toContain('application/json');
    expect(got.body.notes.map((n: { text: string }) => n.text)).toEqual([text, 'second']);
    expect(got.body.noteCount).toBe(2);
    expect((await call(c, 'GET', BASE)).body.responses[0].noteCount).toBe(2);
    // A note changes nothing If-Match guards.
    expect(got.headers.get('etag')).toBe('"r0"');
    for (const body of [{}, { text: '' }, { text: '   ' }, { text: 'x'.repeat(5001) }, { text: 3 }]) {
      const res = await call(c, 'POST', `${BASE}/${ID(1)}/notes`, { as: 'editor', body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.path).toBe('text');
    }
    expect((await call(c, 'POST', `${BASE}/${ID(1)}/notes`, { as: 'editor', body: { text: 'x'.repeat(5000) } })).status).toBe(201);
    expect((await call(c, 'POST', `${BASE}/${ID(2)}/notes`, { as: 'editor', body: { text: 'x' } })).status).toBe(404);
    const log = await c.storage.activity.list({ site: 'demo', subject: { type: 'response', id: ID(1) }, limit: 10 });
    expect(log.map((e) => e.action)).toEqual(['response.note', 'response.note', 'response.note']);
  });

  test('roles: a viewer reads, an editor changes; no credentials 401', async () => {
    const { c } = await fresh();
    await store(c, [response({ id: ID(1) })]);
    const path = `${BASE}/${ID(1)}`;
    for (const [method, p] of [['GET', BASE], ['GET', path], ['GET', '/v1/admin/sites/demo/closed-loop']] as const) {
      expect((await call(c, method, p, { as: 'viewer' })).status, p).toBe(200);
      expect((await call(c, method, p, { auth: null })).status, p).toBe(401);
    }
    const refused = await call(c, 'PATCH', path, { as: 'viewer', body: { status: 'closed' }, ifMatch: '"r0"' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('this needs the editor role; viewer@shop.test has viewer');
    expect((await call(c, 'POST', `${path}/notes`, { as: 'viewer', body: { text: 'x' } })).status).toBe(403);
    for (const as of ['editor', 'publisher', 'admin'] as const) {
      expect((await call(c, 'POST', `${path}/notes`, { as, body: { text: as } })).status, as).toBe(201);
    }
    expect((await call(c, 'PATCH', path, { as: 'editor', body: { status: 'closed' }, ifMatch: '"r0"' })).status).toBe(200);
    // Nothing the viewer tried was stored.
    expect((await call(c, 'GET', path)).body.notes.map((n: { text: string }) => n.text)).toEqual(['editor', 'publisher', 'admin']);
  });

  test('closing delivers response.closed to a subscribed endpoint, once; reopening and closing again sends another', async () => {
    const { c, clock } = await fresh();
    const r = await startReceiver();
    open.push(r);
    const made = await call(c, 'POST', '/v1/admin/sites/demo/webhooks', { body: { url: `${r.url}/closed`, eventTypes: ['response.closed'] } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const other = await call(c, 'POST', '/v1/admin/sites/demo/webhooks', { body: { url: `${r.url}/created`, eventTypes: ['response.created'] } });
    expect(other.status).toBe(201);
    await store(c, [response({ id: ID(1), score: 2, comment: 'broken' })]);
    await c.webhooks.drain();
    r.received.length = 0;
    expect((await patch(c, ID(1), { status: 'in_progress' })).status).toBe(200);
    expect(await c.webhooks.drain()).toBe(0);
    clock.now = Date.parse('2026-11-01T13:00:00Z');
    expect((await patch(c, ID(1), { status: 'closed' })).status).toBe(200);
    // Already closed: a tag change sends nothing.
    expect((await patch(c, ID(1), { tags: ['done'] })).status).toBe(200);
    await c.webhooks.drain();
    expect(r.received.map((x) => x.path)).toEqual(['/closed']);
    const event = new Webhook(made.body.secret).verify(r.received[0]!.body, r.received[0]!.headers as Record<string, string>) as { type: string; data: Record<string, unknown> };
    expect(event.type).toBe('response.closed');
    expect(event.data).toMatchObject({ surveyId: 'nps-main', closedAt: '2026-11-01T13:00:00.000Z', closedBy: 'editor@shop.test', response: { id: ID(1), status: 'closed', comment: 'broken', band: 'detractor' } });
    expect((await patch(c, ID(1), { status: 'new' })).body.closedAt).toBeNull();
    expect((await patch(c, ID(1), { status: 'closed' })).status).toBe(200);
    await c.webhooks.drain();
    expect(r.received.map((x) => x.path)).toEqual(['/closed', '/closed']);
  });

  test('closed-loop figures, computed by hand', async () => {
    const { c, clock } = await fresh();
    await store(c, [
      // nps-main detractors in October: closed after 1 h and after 3 h, one open; median of 3600 and 10800 is 7200.
      response({ id: ID(1), score: 0, createdAt: '2026-10-01T00:00:00.000Z' }),
      response({ id: ID(2), score: 6, createdAt: '2026-10-02T00:00:00.000Z' }),
      response({ id: ID(3), score: 5, createdAt: '2026-10-31T23:59:59.999Z' }),
      // Not detractors (a 7 is passive), or outside the range: not counted even when closed.
      response({ id: ID(4), score: 7, createdAt: '2026-10-03T00:00:00.000Z' }),
      response({ id: ID(5), score: 1, createdAt: '2026-09-30T23:59:59.999Z' }),
      // csat-checkout: one unhappy (1 of 1..5), closed after 60 s; a neutral 3 not counted.
      response({ id: ID(6), surveyId: 'csat-checkout', kind: 'csat', scale: [1, 5], score: 1, createdAt: '2026-10-05T00:00:00.000Z' }),
      response({ id: ID(7), surveyId: 'csat-checkout', kind: 'csat', scale: [1, 5], score: 3, createdAt: '2026-10-05T00:00:00.000Z' }),
    ]);
    const closeAt = async (n: number, at: string) => {
      clock.now = Date.parse(at);
      expect((await patch(c, ID(n), { status: 'closed' })).status).toBe(200);
    };
    await closeAt(1, '2026-10-01T01:00:00.000Z');
    await closeAt(2, '2026-10-02T03:00:00.000Z');
    await closeAt(4, '2026-10-03T00:00:01.000Z');
    await closeAt(5, '2026-10-03T00:00:01.000Z');
    await closeAt(6, '2026-10-05T00:01:00.000Z');
    clock.now = Date.parse('2026-11-01T12:00:00Z');
    const res = await call(c, 'GET', '/v1/admin/sites/demo/closed-loop?from=2026-10-01&to=2026-10-31', { as: 'viewer' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      from: '2026-10-01',
      to: '2026-10-31',
      surveys: [
        { surveyId: 'csat-checkout', kind: 'csat', detractors: 1, closed: 1, closedShare: 1, medianSecondsToClose: 60 },
        { surveyId: 'nps-main', kind: 'nps', detractors: 3, closed: 2, closedShare: 2 / 3, medianSecondsToClose: 7200 },
      ],
    });
    // Reopened: no longer closed, and out of the median.
    expect((await patch(c, ID(2), { status: 'in_progress' })).status).toBe(200);
    const after = await call(c, 'GET', '/v1/admin/sites/demo/closed-loop?from=2026-10-01&to=2026-10-31');
    expect(after.body.surveys[1]).toEqual({ surveyId: 'nps-main', kind: 'nps', detractors: 3, closed: 1, closedShare: 1 / 3, medianSecondsToClose: 3600 });
    // The default range is the 90 days to today (2026-11-01): all of October.
    expect((await call(c, 'GET', '/v1/admin/sites/demo/closed-loop')).body).toMatchObject({ from: '2026-08-04', to: '2026-11-01' });
    expect((await call(c, 'GET', '/v1/admin/sites/demo/closed-loop?to=2026-10-31')).body).toMatchObject({ from: '2026-08-03', to: '2026-10-31' });
    expect((await call(c, 'GET', '/v1/admin/sites/demo/closed-loop?from=2026-10-02&to=2026-10-31')).body.surveys[1]).toMatchObject({ detractors: 2, closed: 0 });
    expect((await call(c, 'GET', '/v1/admin/sites/demo/closed-loop?from=2026-10-32')).body.error.param).toBe('from');
    expect((await call(c, 'GET', '/v1/admin/sites/demo/closed-loop?since=2026-10-01')).body.error.param).toBe('since');
  });
});
