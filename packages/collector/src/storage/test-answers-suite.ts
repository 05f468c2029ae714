// The test-answers part of the shared storage suite (called from
// storage-suite.ts inside its describe, so it runs on PGlite and on
// PostgreSQL): answers and events given in a preview are stored and shown
// by the inbox, and counted by nothing else (tallies, response limits,
// exports, comments for digests, insights, webhooks, history).
import { expect, test } from 'vitest';
import { uuidv7 } from '@sayso/core';
import { SECRET_ACTOR } from '../auth/roles.js';
import type { SqlDriver } from './driver.js';
import type { Storage, StoredEvent, StoredResponse } from './types.js';
import { storedResponse } from './suite-fixtures.js';

type Make = (migrate?: boolean) => Promise<{ storage: Storage; driver: SqlDriver }>;

const DAY = '2026-10-01';
const at = (minute: number) => `${DAY}T12:${String(minute).padStart(2, '0')}:00.000Z`;

const resp = (o: Partial<StoredResponse> = {}): StoredResponse => storedResponse({ createdAt: at(0), attributes: { plan: 'pro' }, ...o });

function ev(o: Partial<StoredEvent> = {}): StoredEvent {
  return { id: uuidv7(), type: 'display', surveyId: 'nps', anonymousId: 'a', createdAt: at(0), ...o };
}

/** Every tally of the day, in every dimension ingest writes, as `dim|value|metric|score|n` (a follow-up leaves the old score's rows at 0: left out). */
async function allTallies(storage: Storage, site: string): Promise<string[]> {
  const out: string[] = [];
  for (const dimension of ['', 'channel', 'locale', 'version', 'attr:plan']) {
    for (const r of await storage.tallies({ site, from: DAY, to: DAY, dimension })) if (r.n !== 0) out.push(`${dimension}|${r.value}|${r.metric}|${r.score}|${r.n}`);
  }
  return out;
}

async function exported(storage: Storage, site: string, test?: 'include' | 'exclude') {
  const rows = [];
  for await (const r of storage.exportResponses({ site, from: DAY, to: DAY, ...(test ? { test } : {}) })) rows.push(r);
  return rows;
}

export function testAnswersSuite(make: Make): void {
  test('test answers and events are stored but never tallied, limited, exported by default, queued for insights or sent to webhooks', async () => {
    const { storage, driver } = await make();
    await storage.sites.create({ id: 'shop', name: 'Shop', origins: [], segments: ['plan'] });
    const { endpoint } = await storage.webhooks.createEndpoint('shop', { url: 'https://hooks.example/in', eventTypes: ['response.created', 'response.updated'] }, SECRET_ACTOR);
    // One real answer (9) and one test answer (0, with a comment) in one statement: a slip counts the 0 somewhere.
    const real = resp({ score: 9, comment: 'great', version: 2, userId: 'u1', userVerified: true, createdAt: at(1) });
    const preview = resp({ score: 0, comment: 'testing the preview', version: 2, test: true, userId: 'u1', userVerified: true, createdAt: at(2) });
    const outcome = await storage.ingest(
      'shop',
      { responses: [real, preview], events: [ev({ version: 2, userId: 'u1', userVerified: true }), ev({ test: true, version: 2, userId: 'u1', userVerified: true }), ev({ type: 'dismiss', test: true })] },
      ['plan'],
    );
    expect(outcome.accepted).toHaveLength(5);

    expect(await allTallies(storage, 'shop')).toEqual([
      '||display|-1|1',
      '||response|9|1',
      'channel|web|display|-1|1',
      'channel|web|response|9|1',
      'locale|en|response|9|1',
      'version|2|display|-1|1',
      'version|2|response|9|1',
      'attr:plan|pro|response|9|1',
    ]);
    // Counted from the responses themselves too (an attribute not pre-aggregated, a version with a dimension).
    const counted = await storage.tallies({ site: 'shop', from: DAY, to: DAY, dimension: 'attr:plan', fromResponses: true });
    expect(counted.map((r) => [r.value, r.score, r.n])).toEqual([['pro', 9, 1]]);
    expect((await storage.tallies({ site: 'shop', from: DAY, to: DAY, dimension: 'channel', version: 2 })).map((r) => [r.score, r.n])).toEqual([[9, 1]]);
    expect(await storage.counts('shop')).toEqual({ responses: 2, events: 3, tallied: 1 });
    // Response limits count from the tallies: the test answer is not one of them.
    await storage.surveys.create({ site: 'shop', draft: { id: 'nps', kind: 'nps', question: 'Q?', scale: { min: 0, max: 10 } }, by: 'ana' });
    expect(await storage.surveys.responseCounts('shop')).toEqual(new Map([['nps', 1]]));

    const stored = await driver.query<{ score: number; test: boolean }>(`select score, test from sayso_responses order by score`);
    expect(stored).toEqual([
      { score: 0, test: true },
      { score: 9, test: false },
    ]);
    const events = await driver.query<{ type: string; test: boolean }>(`select type, test from sayso_events order by type, test`);
    expect(events).toEqual([
      { type: 'dismiss', test: true },
      { type: 'display', test: false },
      { type: 'display', test: true },
    ]);

    // Exports: left out unless asked for, each row marked.
    expect((await exported(storage, 'shop')).map((r) => [r.score, r.test])).toEqual([[9, false]]);
    expect((await exported(storage, 'shop', 'exclude')).map((r) => [r.score, r.test])).toEqual([[9, false]]);
    expect((await exported(storage, 'shop', 'include')).map((r) => [r.score, r.test, r.version, r.overLimit])).toEqual([
      [9, false, 2, false],
      [0, true, 2, false],
    ]);
    // The comments digests and reports read.
    expect((await storage.latestComments({ site: 'shop', from: DAY, to: DAY }, 10)).map((r) => r.comment)).toEqual(['great']);
    expect((await storage.latestComments({ site: 'shop', from: DAY, to: DAY, maxScore: 6 }, 10)).map((r) => r.comment)).toEqual([]);
    // Insights: only the real comment waits to be counted, and only it is listed.
    expect(await storage.insights.pending('shop')).toBe(1);
    expect(await storage.insights.prepare('shop', 'rebuilt')).toBe(true);
    expect(await storage.insights.pending('shop')).toBe(1);
    expect((await storage.insights.comments({ site: 'shop', surveyId: 'nps', from: DAY, to: DAY, limit: 10 })).map((c) => c.comment)).toEqual(['great']);
    // Webhooks: a delivery for the real answer only.
    const deliveries = await driver.query<{ response_id: string }>(`select response_id::text from sayso_webhook_deliveries where endpoint_id = $1::uuid`, [endpoint.id]);
    expect(deliveries).toEqual([{ response_id: real.id }]);
    // A verified user's history (frequency caps across devices): a preview does not use up the real survey.
    expect((await storage.history('shop', 'u1')).map((h) => h.type)).toEqual(['response', 'display']);

    // The inbox shows both, marked; the filter keeps either side.
    const inbox = async (t?: 'include' | 'exclude' | 'only') => (await storage.inbox.list({ site: 'shop', limit: 10, ...(t ? { test: t } : {}) })).map((r) => [r.score, r.test]);
    expect(await inbox()).toEqual([
      [0, true],
      [9, false],
    ]);
    expect(await inbox('include')).toEqual(await inbox());
    expect(await inbox('exclude')).toEqual([[9, false]]);
    expect(await inbox('only')).toEqual([[0, true]]);
    expect((await storage.inbox.get('shop', preview.id))?.test).toBe(true);
    // The report's closed-loop figures: the test 0 is no detractor.
    expect(await storage.inbox.closedLoop('shop', `${DAY}T00:00:00.000Z`, '2026-10-02T00:00:00.000Z')).toEqual([]);
  });

  test("a test link answer's follow-up moves no tally and sends no webhook", async () => {
    const { storage, driver } = await make();
    await storage.webhooks.createEndpoint('link', { url: 'https://hooks.example/in', eventTypes: ['response.created', 'response.updated'] }, SECRET_ACTOR);
    const preview = resp({ channel: 'link', score: 8, test: true });
    const real = resp({ channel: 'link', score: 7 });
    await storage.ingest('link', { responses: [preview, real], events: [] }, ['plan']);
    const follow = (id: string, score: number) => storage.amendLinkResponse({ site: 'link', surveyId: 'nps', id, windowSeconds: 3600 }, { score, comment: 'changed' }, ['plan']);
    expect(await follow(preview.id, 2)).toBe('amended');
    expect(await allTallies(storage, 'link')).toEqual(['||response|7|1', 'channel|link|response|7|1', 'locale|en|response|7|1', 'version||response|7|1', 'attr:plan|pro|response|7|1']);
    expect(await follow(real.id, 3)).toBe('amended');
    expect(await allTallies(storage, 'link')).toEqual(['||response|3|1', 'channel|link|response|3|1', 'locale|en|response|3|1', 'version||response|3|1', 'attr:plan|pro|response|3|1']);
    const [row] = await driver.query<{ score: number; comment: string }>(`select score, comment from sayso_responses where id = $1::uuid`, [preview.id]);
    expect(row).toEqual({ score: 2, comment: 'changed' });
    const sent = await driver.query<{ event_type: string; response_id: string }>(`select event_type, response_id::text from sayso_webhook_deliveries order by event_type`);
    expect(sent).toEqual([
      { event_type: 'response.created', response_id: real.id },
      { event_type: 'response.updated', response_id: real.id },
    ]);
    // Neither comment was queued for insights on the test answer.
    const queued = await driver.query<{ id: string }>(`select id::text from sayso_term_queue`);
    expect(queued).toEqual([{ id: real.id }]);
  });

  test('migration 12 marks every stored answer and event as not test, and changes no figure', async () => {
    const { storage, driver } = await make(false);
    expect(await storage.migrate(11)).toBe(11);
    // Written as version-11 code wrote them (no test column).
    const r = resp({ comment: 'before', version: 1 });
    await driver.query(
      `insert into sayso_responses (site, id, survey_id, kind, score, scale_min, scale_max, comment, created_at, anonymous_id, attributes, page_url, locale, channel, version, over_limit)
       values ('old', $1, 'nps', 'nps', 6, 0, 10, $2, $3, 'a', '{}', 'https://x.test/', 'en', 'web', 1, true)`,
      [r.id, r.comment, r.createdAt],
    );
    await driver.query(`insert into sayso_tallies (site, survey_id, day, dim, val, metric, score, shard, n) values ('old', 'nps', $1, '', '', 'response', 6, 0, 1)`, [DAY]);
    await driver.query(`insert into sayso_events (site, id, type, survey_id, anonymous_id, created_at, channel, version) values ('old', $1, 'display', 'nps', 'a', $2, 'web', 1)`, [uuidv7(), at(0)]);
    expect(await storage.migrate()).toBeGreaterThanOrEqual(12);
    expect(await driver.query(`select test from sayso_responses`)).toEqual([{ test: false }]);
    expect(await driver.query(`select test from sayso_events`)).toEqual([{ test: false }]);
    expect(await storage.counts('old')).toEqual({ responses: 1, events: 1, tallied: 1 });
    expect((await exported(storage, 'old')).map((x) => [x.score, x.version, x.overLimit, x.test])).toEqual([[6, 1, true, false]]);
    expect((await storage.inbox.list({ site: 'old', limit: 5, test: 'exclude' })).map((x) => x.id)).toEqual([r.id]);
    // The replaced triggers queue a real comment as before (the old one was queued when it was stored), never a test one.
    const fresh = resp({ comment: 'after', createdAt: at(3) });
    await storage.ingest('old', { responses: [fresh, resp({ comment: 'preview', test: true })], events: [] }, []);
    expect(await driver.query<{ id: string }>(`select id::text from sayso_term_queue where site = 'old' order by id`)).toEqual([{ id: r.id }, { id: fresh.id }]);
  });
}
