import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Collector } from '../collector.js';
import type { ActivityEntry } from '../storage/activity.js';
import { testCollector } from '../test-fixtures.js';
import { addUser, call, signIn } from './people-fixtures.js';

let c: Collector;
let viewer: string;
beforeAll(async () => {
  c = await testCollector();
  await addUser(c, 'vi@shop.test', 'viewer');
  viewer = await signIn(c, 'vi@shop.test');
  const actor = { kind: 'user' as const, id: 'u1', label: 'ana@shop.test' };
  for (let i = 1; i <= 7; i++) {
    await c.storage.activity.record({ site: i % 2 ? 'shop' : 'blog', actor, action: 'survey.update', subject: { type: 'survey', id: `s${i % 3}` }, diff: { n: i } });
  }
}, 60_000);
afterAll(() => c?.close());

type Page = { entries: ActivityEntry[]; next: number | null };
const page = async (query: string) => {
  const res = await call(c, 'GET', `/v1/admin/activity${query}`, { cookie: viewer });
  return { status: res.status, body: (await res.json()) as Page & { error: { path: string } } };
};

test('pages, newest first, with next pointing at the following page and null on the last (never an empty page)', async () => {
  const seen: number[] = [];
  let query = '?subjectType=survey&limit=3';
  for (;;) {
    const { status, body } = await page(query);
    expect(status).toBe(200);
    expect(body.entries.length).toBeGreaterThan(0);
    seen.push(...body.entries.map((e) => (e.diff as { n: number }).n));
    if (body.next === null) break;
    expect(body.next).toBe(body.entries.at(-1)!.seq);
    query = `?subjectType=survey&limit=3&before=${body.next}`;
  }
  // 7 entries: pages of 3, 3, 1; 7 exactly on 7 entries is one page with next null.
  expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1]);
  expect((await page('?subjectType=survey&limit=7')).body.next).toBeNull();
  expect((await page('?subjectType=survey&limit=6')).body.next).not.toBeNull();
});

test('filters by site and subject', async () => {
  const shop = (await page('?site=shop')).body.entries.map((e) => (e.diff as { n: number }).n);
  expect(shop).toEqual([7, 5, 3, 1]);
  const s1 = (await page('?subjectType=survey&subjectId=s1')).body.entries.map((e) => (e.diff as { n: number }).n);
  expect(s1).toEqual([7, 4, 1]);
  // The viewer's own account, added through storage, is the one user entry.
  expect((await page('?subjectType=user')).body.entries.map((e) => e.action)).toEqual(['user.add']);
  expect((await page('?subjectType=site')).body.entries).toEqual([]);
});

test('bad parameters name themselves', async () => {
  for (const [query, path] of [
    ['?limit=0', 'limit'],
    ['?limit=201', 'limit'],
    ['?limit=1.5', 'limit'],
    ['?before=-1', 'before'],
    ['?before=abc', 'before'],
    ['?subjectId=s1', 'subjectId'],
    ['?limit=3&limit=4', 'limit'],
    ['?sort=asc', 'sort'],
  ] as const) {
    const { status, body } = await page(query);
    expect(status, query).toBe(400);
    expect(body.error.path, query).toBe(path);
  }
  expect((await page('?limit=200')).status).toBe(200);
});
