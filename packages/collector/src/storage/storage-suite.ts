// The one suite every Storage implementation must pass (like unstorage's
// testDriver). pglite.test.ts runs it on PGlite always; postgres.test.ts on
// a real PostgreSQL server when SAYSO_TEST_DATABASE_URL is set.
import { afterEach, describe, expect, test } from 'vitest';
import { uuidv7 } from '@sayso/core';
import type { SqlDriver, SqlRunner } from './driver.js';
import { insightsSuite } from './insights-suite.js';
import { peopleSuite } from './people-suite.js';
import { surveysSuite } from './surveys-suite.js';
import { testAnswersSuite } from './test-answers-suite.js';
import { alertsSuite } from './alerts-suite.js';
import { latestVersion, migrations } from './schema.js';
import { sqlStorage } from './sql-storage.js';
import type { Storage, StoredEvent, StoredResponse } from './types.js';
import { storedResponse } from './suite-fixtures.js';

/** Opens a driver on a new, empty database; `drop` removes it afterwards. */
export type FreshDatabase = () => Promise<{ driver: SqlDriver; drop: () => Promise<void> }>;

const at = (day: number, minute = 0) => new Date(Date.UTC(2026, 9, day, 12, minute)).toISOString();

const resp = (o: Partial<StoredResponse> = {}): StoredResponse => storedResponse({ surveyId: 's1', createdAt: at(1), attributes: { plan: 'pro' }, ...o });

function ev(o: Partial<StoredEvent> = {}): StoredEvent {
  return { id: uuidv7(), type: 'display', surveyId: 's1', anonymousId: 'a', createdAt: at(1), ...o };
}

/** Runs the shared storage suite against databases made by `fresh`. */
export function testStorage(name: string, fresh: FreshDatabase): void {
  describe(`storage: ${name}`, () => {
    const open: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const close of open.splice(0)) await close();
    });
    async function make(migrate = true): Promise<{ storage: Storage; driver: SqlDriver }> {
      const { driver, drop } = await fresh();
      const storage = sqlStorage(driver);
      open.push(async () => {
        await storage.close();
        await drop();
      });
      if (migrate) await storage.migrate();
      return { storage, driver };
    }

    test('migrations run from an empty database, once', async () => {
      const { storage } = await make(false);
      expect(await storage.schemaVersion()).toBe(0);
      expect(await storage.migrate()).toBe(latestVersion);
      expect(await storage.schemaVersion()).toBe(latestVersion);
      // Again, and concurrently (two instances starting): nothing to do, no error.
      expect(await Promise.all([storage.migrate(), storage.migrate()])).toEqual([latestVersion, latestVersion]);
    });

    test('migrations bring an existing database forward, keeping its data', async () => {
      const { storage, driver } = await make(false);
      expect(await storage.migrate(1)).toBe(1);
      // Written as version-1 code wrote them (today's ingest names columns added since).
      const insert = (site: string, r: StoredResponse) =>
        driver.query(
          `insert into sayso_responses (site, id, survey_id, kind, score, scale_min, scale_max, comment, created_at, anonymous_id, attributes, page_url, locale, channel)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text::jsonb, $12, $13, $14)`,
          [site, r.id, r.surveyId, r.kind, r.score, r.scale[0], r.scale[1], r.comment ?? null, r.createdAt, r.anonymousId, JSON.stringify(r.attributes), r.page.url, r.locale, r.channel],
        );
      await insert('site', resp());
      await insert('site', resp({ score: 3 }));
      await driver.query(`insert into sayso_tallies (site, survey_id, day, dim, val, metric, score, shard, n) values ('site', 's1', '2026-10-01', '', '', 'response', 9, 0, 1), ('site', 's1', '2026-10-01', '', '', 'response', 3, 0, 1)`);
      const e = ev();
      await driver.query(`insert into sayso_events (site, id, type, survey_id, anonymous_id, created_at, channel) values ('site', $1, 'display', 's1', 'a', $2, 'web')`, [e.id, e.createdAt]);
      // Link responses of that time: one completed by its follow-up (a comment), one still open.
      const done = resp({ channel: 'link', score: 7, comment: 'ok' });
      const open = resp({ channel: 'link', score: 8 });
      await insert('link', done);
      await insert('link', open);
      expect(await storage.migrate()).toBe(latestVersion);
      const rows = await driver.query<{ version: number }>('select version from sayso_migrations order by version');
      expect(rows.map((r) => Number(r.version))).toEqual(migrations.map((m) => m.version).sort((a, b) => a - b));
      expect(await storage.counts('site')).toEqual({ responses: 2, events: 1, tallied: 2 });
      const exported = [];
      for await (const r of storage.exportResponses({ site: 'site', from: '2026-10-01', to: '2026-10-01' })) exported.push(r.score);
      expect(exported.sort()).toEqual([3, 9]);
      // Version 3 keeps the completed one completed and the open one open.
      const follow = (id: string) => storage.amendLinkResponse({ site: 'link', surveyId: 's1', id, windowSeconds: 1e9 }, { score: 9 }, []);
      expect(await follow(done.id)).toBe('completed');
      expect(await follow(open.id)).toBe('amended');
    });

    test('migration 14 gives each inbox row its answer\'s time, and the inbox reads it from there', async () => {
      const { storage, driver } = await make(false);
      expect(await storage.migrate(12)).toBe(12);
      const older = resp({ createdAt: '2026-09-01T10:00:00.123Z' });
      const newer = resp({ createdAt: '2026-09-02T10:00:00.000Z' });
      expect((await storage.ingest('site', { responses: [older, newer], events: [] }, [])).accepted).toHaveLength(2);
      // Written as version-12 code wrote them: no created_at; and a row whose answer is gone.
      const row = `insert into sayso_inbox (site, response_id, status, tags, updated_at) values ('site', $1::uuid, 'closed', '{vip}', '2026-10-05T00:00:00Z')`;
      await driver.query(row, [older.id]);
      await driver.query(row, [newer.id]);
      await driver.query(row, [resp().id]);
      expect(await storage.migrate()).toBe(latestVersion);
      const times = await driver.query<{ response_id: string; created_at: Date | string }>(`select response_id, created_at from sayso_inbox order by created_at`);
      expect(times.map((t) => new Date(t.created_at).toISOString())).toEqual(['2026-09-01T10:00:00.123Z', '2026-09-02T10:00:00.000Z', '2026-10-05T00:00:00.000Z']);
      expect(times.slice(0, 2).map((t) => t.response_id)).toEqual([older.id, newer.id]);
      // Read from the inbox side: newest first, the answer-less row left out, the keyset from the inbox row's time.
      const page = await storage.inbox.list({ site: 'site', tag: 'vip', limit: 1 });
      expect(page.map((i) => i.id)).toEqual([newer.id]);
      const at = page[0]!.cursor.slice(0, page[0]!.cursor.lastIndexOf('_'));
      expect((await storage.inbox.list({ site: 'site', status: 'closed', before: { at, id: newer.id }, limit: 5 })).map((i) => i.id)).toEqual([older.id]);
    });

    test('a link response takes one follow-up, for its own survey, within the window; tallies follow the score', async () => {
      const { storage, driver } = await make();
      const link = resp({ channel: 'link', score: 9, createdAt: at(1) });
      const web = resp({ channel: 'web' });
      await storage.ingest('s', { responses: [link, web], events: [] }, ['plan']);
      const DAY = 24 * 3600;
      const follow = (id: string, answer: { score: number; comment?: string }, o: { surveyId?: string; site?: string; windowSeconds?: number } = {}) =>
        storage.amendLinkResponse({ site: o.site ?? 's', surveyId: o.surveyId ?? 's1', id, windowSeconds: o.windowSeconds ?? DAY }, answer, ['plan']);
      const counts = async () => (await storage.tallies({ site: 's', from: '2026-10-01', to: '2026-10-01', dimension: 'attr:plan' })).map((r) => `${r.value}|${r.score}|${r.n}`);

      expect(await follow(link.id, { score: 3 }, { surveyId: 'other' })).toBe('unknown');
      expect(await follow(link.id, { score: 3 }, { site: 'elsewhere' })).toBe('unknown');
      expect(await follow(web.id, { score: 3 })).toBe('unknown');
      expect(await follow(uuidv7(), { score: 3 })).toBe('unknown');
      // A follow-up without a comment still completes the response: a score-only answer cannot be changed again and again.
      expect(await follow(link.id, { score: 3 })).toBe('amended');
      expect(await counts()).toEqual(['pro|3|1', 'pro|9|1']); // the web response's 9, the link's 3
      expect(await follow(link.id, { score: 10, comment: 'changed my mind' })).toBe('completed');
      expect(await counts()).toEqual(['pro|3|1', 'pro|9|1']);

      // Two follow-ups at once: exactly one wins.
      const twin = resp({ channel: 'link', score: 5 });
      await storage.ingest('s', { responses: [twin], events: [] }, ['plan']);
      const both = await Promise.all([follow(twin.id, { score: 6 }), follow(twin.id, { score: 7 })]);
      expect(both.sort()).toEqual(['amended', 'completed']);

      // Late: received more than the window ago.
      const late = resp({ channel: 'link', score: 8 });
      await storage.ingest('s', { responses: [late], events: [] }, ['plan']);
      await driver.query(`update sayso_responses set received_at = now() - interval '25 hours' where id = $1::uuid`, [late.id]);
      expect(await follow(late.id, { score: 2 })).toBe('expired');
      expect(await follow(late.id, { score: 2 }, { windowSeconds: 26 * 3600 })).toBe('amended');
      expect(await storage.counts('s')).toEqual({ responses: 4, events: 0, tallied: 4 });
    });

    test('ingest stores once per id and reports duplicates; sites are separate', async () => {
      const { storage } = await make();
      const r = resp();
      const e = ev();
      expect(await storage.ingest('a', { responses: [r], events: [e] }, [])).toEqual({ accepted: [r.id, e.id], duplicates: [] });
      expect(await storage.ingest('a', { responses: [r, resp({ id: r.id.toUpperCase() })], events: [e] }, [])).toMatchObject({ accepted: [] });
      expect(await storage.ingest('b', { responses: [r], events: [] }, [])).toEqual({ accepted: [r.id], duplicates: [] });
      expect(await storage.counts('a')).toEqual({ responses: 1, events: 1, tallied: 1 });
    });

    test('a value the database refuses costs its own item, never the batch', async () => {
      const { storage } = await make();
      // Values no parser lets through, handed straight to storage: what an unforeseen one would do.
      const offenders = new Map<number, [Partial<StoredResponse>, string]>([
        [0, [{ createdAt: '0000-01-01T00:00:00Z' }, '22008']], // PostgreSQL has no year 0000
        [17, [{ comment: 'a\u0000b' }, '22P05']], // jsonb refuses \u0000
        [18, [{ attributes: { plan: 'x\ud800' } }, '22P02']], // a lone surrogate
        [36, [{ anonymousId: 'a\u0000' }, '22P05']],
      ]);
      const responses = Array.from({ length: 37 }, (_, i) => resp({ score: i % 11, ...offenders.get(i)?.[0] }));
      const events = Array.from({ length: 5 }, (_, i) => ev(i === 2 ? { channel: '\udc00' } : {}));
      const good = [...responses.filter((_, i) => !offenders.has(i)), ...events.filter((_, i) => i !== 2)].map((x) => x.id);
      const expected = [...[...offenders].map(([index, [, code]]) => ({ list: 'responses', index, code })), { list: 'events', index: 2, code: '22P02' }];
      const first = await storage.ingest('s', { responses, events }, ['plan']);
      expect(first.refused?.map(({ list, index, code }) => ({ list, index, code }))).toEqual(expected);
      expect(first.refused?.every((r) => r.message.length > 0)).toBe(true);
      expect(first).toMatchObject({ accepted: good, duplicates: [] });
      expect(await storage.counts('s')).toEqual({ responses: 33, events: 4, tallied: 33 });
      const byPlan = await storage.tallies({ site: 's', from: '2026-10-01', to: '2026-10-01', dimension: 'attr:plan' });
      expect(byPlan.every((r) => r.value === 'pro')).toBe(true);
      expect(byPlan.reduce((n, r) => n + r.n, 0)).toBe(33);
      // Sent again (a client retrying): nothing new, the same refusals.
      const again = await storage.ingest('s', { responses, events }, ['plan']);
      expect(again).toMatchObject({ accepted: [], duplicates: good });
      expect(again.refused?.map(({ list, index, code }) => ({ list, index, code }))).toEqual(expected);
      expect(await storage.counts('s')).toEqual({ responses: 33, events: 4, tallied: 33 });
      // A batch with no offender has no `refused`.
      expect(await storage.ingest('s', { responses: [resp()], events: [ev()] }, [])).not.toHaveProperty('refused');
    });

    test('an offender among responses and events sharing a transaction: the rest of both lists are stored', async () => {
      const { storage } = await make();
      const responses = [resp(), resp()];
      const events = [ev(), ev({ createdAt: '0000-06-01T00:00:00Z' })];
      const out = await storage.ingest('s', { responses, events }, []);
      expect(out).toMatchObject({ accepted: [responses[0]!.id, responses[1]!.id, events[0]!.id], duplicates: [], refused: [{ list: 'events', index: 1, code: '22008' }] });
      expect(await storage.counts('s')).toEqual({ responses: 2, events: 1, tallied: 2 });
    });

    test('finding one offender among 64 takes a few statements, not one per item', async () => {
      const { driver } = await make();
      let statements = 0;
      const counting: SqlDriver = { ...driver, query: (text, params) => (statements++, driver.query(text, params)), transaction: (fn) => driver.transaction(fn) };
      const storage = sqlStorage(counting);
      const responses = Array.from({ length: 64 }, (_, i) => resp(i === 41 ? { comment: '\u0000' } : {}));
      const out = await storage.ingest('s', { responses, events: [] }, []);
      expect(out.refused?.map((r) => r.index)).toEqual([41]);
      expect(out.accepted).toHaveLength(63);
      // The batch, the whole list again, then two halves per level of 6: 14.
      expect(statements).toBe(14);
    });

    test('a database failure that blames no value rejects, and stores nothing', async () => {
      const { driver } = await make();
      // Fails the events insert as a dropped connection would, inside a transaction or not.
      const failing = <R extends SqlRunner>(runner: R): R => ({
        ...runner,
        query: (text: string, params?: readonly unknown[]) =>
          text.includes('insert into sayso_events')
            ? Promise.reject(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))
            : runner.query(text, params),
      });
      const storage = sqlStorage({ ...failing(driver), transaction: (fn) => driver.transaction((tx) => fn(failing(tx))) });
      await expect(storage.ingest('s', { responses: [resp()], events: [ev()] }, [])).rejects.toMatchObject({ code: '57P01' });
      await expect(storage.ingest('s', { responses: [], events: [ev()] }, [])).rejects.toMatchObject({ code: '57P01' });
      expect(await storage.counts('s')).toEqual({ responses: 0, events: 0, tallied: 0 });
    });

    test('tallies stay exact under concurrent ingests with duplicates', async () => {
      const { storage } = await make();
      const all = Array.from({ length: 400 }, (_, i) => resp({ score: i % 11, createdAt: at(1 + (i % 3), i % 60), attributes: { plan: i % 2 ? 'pro' : 'free' } }));
      const batches = Array.from({ length: 20 }, (_, b) => all.slice(b * 20, b * 20 + 20));
      // Every batch twice, concurrently: the second copy must add nothing.
      const outs = await Promise.all([...batches, ...batches].map((responses) => storage.ingest('s', { responses, events: [] }, ['plan'])));
      expect(outs.reduce((n, o) => n + o.accepted.length, 0)).toBe(400);
      expect(outs.reduce((n, o) => n + o.duplicates.length, 0)).toBe(400);
      const rows = await storage.tallies({ site: 's', from: '2026-10-01', to: '2026-10-03', dimension: '' });
      expect(rows.reduce((n, r) => n + r.n, 0)).toBe(400);
      const per = new Map<number, number>();
      for (const r of rows) per.set(r.score, (per.get(r.score) ?? 0) + r.n);
      for (let s = 0; s <= 10; s++) expect(per.get(s)).toBe(all.filter((r) => r.score === s).length);
      // Pre-aggregated and counted-from-responses segments agree.
      const key = (rs: { day: string; value: string; score: number; n: number }[]) => rs.map((r) => `${r.day}|${r.value}|${r.score}|${r.n}`).sort();
      const pre = await storage.tallies({ site: 's', from: '2026-10-01', to: '2026-10-03', dimension: 'attr:plan' });
      const scanned = await storage.tallies({ site: 's', from: '2026-10-01', to: '2026-10-03', dimension: 'attr:plan', fromResponses: true });
      expect(key(pre)).toEqual(key(scanned));
      expect(pre.reduce((n, r) => n + r.n, 0)).toBe(400);
    });

    test('events are tallied by type and channel', async () => {
      const { storage } = await make();
      await storage.ingest('s', { responses: [], events: [ev(), ev(), ev({ type: 'dismiss', channel: 'link' })] }, []);
      const rows = await storage.tallies({ site: 's', from: '2026-10-01', to: '2026-10-01', dimension: 'channel' });
      expect(rows.map((r) => [r.metric, r.value, r.n])).toEqual([['dismiss', 'link', 1], ['display', 'web', 2]]);
    });

    test('history holds only verified records, newest first; export pages in order', async () => {
      const { storage } = await make();
      await storage.ingest(
        's',
        {
          responses: [resp({ userId: 'u', userVerified: true, createdAt: at(3) }), resp({ userId: 'u', userVerified: false, createdAt: at(4) })],
          events: [ev({ userId: 'u', userVerified: true, createdAt: at(2) })],
        },
        [],
      );
      expect(await storage.history('s', 'u')).toEqual([
        { surveyId: 's1', type: 'response', at: at(3) },
        { surveyId: 's1', type: 'display', at: at(2) },
      ]);
      const many = Array.from({ length: 23 }, (_, i) => resp({ createdAt: at(5, i % 4), comment: `c${i}` }));
      await storage.ingest('p', { responses: many, events: [] }, []);
      const ids = [];
      for await (const r of storage.exportResponses({ site: 'p', from: '2026-10-05', to: '2026-10-05' }, 5)) ids.push(r.id);
      const expected = [...many].sort((a, b) => (a.createdAt + a.id < b.createdAt + b.id ? -1 : 1)).map((r) => r.id);
      expect(ids).toEqual(expected);
      const comments = await storage.latestComments({ site: 'p', from: '2026-10-05', to: '2026-10-05' }, 4);
      expect(comments).toHaveLength(4);
      expect(comments[0]!.createdAt >= comments[3]!.createdAt).toBe(true);
    });

    test('rollup folds the shards of finished days without changing a count', async () => {
      const { storage, driver } = await make();
      // Many small batches land in random shards.
      for (let i = 0; i < 30; i++) await storage.ingest('s', { responses: [resp({ score: i % 11, createdAt: at(1 + (i % 2)) })], events: [ev({ createdAt: at(1) })] }, ['plan']);
      const read = async () => (await storage.tallies({ site: 's', from: '2026-10-01', to: '2026-10-03', dimension: 'attr:plan' })).map((r) => `${r.day}|${r.value}|${r.metric}|${r.score}|${r.n}`);
      const before = await read();
      const shards = async () => Number((await driver.query<{ n: number }>(`select count(distinct shard)::int as n from sayso_tallies`))[0]!.n);
      expect(await shards()).toBeGreaterThan(1);
      expect(await storage.compact('2026-10-02')).toBeGreaterThan(0);
      expect(await read()).toEqual(before);
      const left = await driver.query<{ day: string }>(`select distinct to_char(day, 'YYYY-MM-DD') as day from sayso_tallies where shard <> 0`);
      expect(left.every((r) => r.day >= '2026-10-02')).toBe(true);
      expect(await storage.compact('2026-10-04')).toBeGreaterThan(0);
      expect(await shards()).toBe(1);
      expect(await read()).toEqual(before);
      expect(await storage.counts('s')).toEqual({ responses: 30, events: 30, tallied: 30 });
    });

    insightsSuite(make);

    peopleSuite(make);
    surveysSuite(make);
    testAnswersSuite(make);
    alertsSuite(make);

    test('activity: entries come back newest first, by site and subject, in pages, and with the transaction of their change', async () => {
      const { storage, driver } = await make();
      const actor = { kind: 'user' as const, id: 'u1', label: 'ana@shop.test' };
      await storage.activity.record({ site: 'a', actor, action: 'survey.create', subject: { type: 'survey', id: 's1' }, diff: { question: ['', 'How likely…'] } });
      await storage.activity.record({ site: 'b', actor, action: 'survey.create', subject: { type: 'survey', id: 's1' }, diff: null });
      await storage.activity.record({ site: null, actor, action: 'user.add', subject: { type: 'user', id: 'u2' }, diff: { role: 'editor' } });
      await storage.activity.record({ site: 'a', actor, action: 'survey.publish', subject: { type: 'survey', id: 's1' }, diff: { version: 1 } });
      const all = await storage.activity.list({ limit: 10 });
      expect(all.map((e) => e.action)).toEqual(['survey.publish', 'user.add', 'survey.create', 'survey.create']);
      expect(all[0]).toMatchObject({ site: 'a', actor, subject: { type: 'survey', id: 's1' }, diff: { version: 1 } });
      expect(Date.parse(all[0]!.at)).toBeGreaterThan(Date.now() - 60_000);
      expect(all[2]!.diff).toBeNull();
      expect((await storage.activity.list({ site: 'a', limit: 10 })).map((e) => e.action)).toEqual(['survey.publish', 'survey.create']);
      expect((await storage.activity.list({ subject: { type: 'user' }, limit: 10 })).map((e) => e.subject.id)).toEqual(['u2']);
      expect(await storage.activity.list({ subject: { type: 'survey', id: 's' }, limit: 10 })).toEqual([]);
      // Pages: `before` is exclusive, so no entry is shown twice or skipped.
      const first = await storage.activity.list({ limit: 2 });
      const second = await storage.activity.list({ limit: 2, before: first.at(-1)!.seq });
      expect([...first, ...second].map((e) => e.seq)).toEqual(all.map((e) => e.seq));
      // A change that rolls back takes its entry with it.
      await expect(
        driver.transaction(async (tx) => {
          await storage.activity.record({ site: 'a', actor, action: 'survey.update', subject: { type: 'survey', id: 's1' }, diff: null }, tx);
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect(await storage.activity.list({ limit: 10 })).toHaveLength(4);
    });

    test('survey shapes come from the newest response', async () => {
      const { storage } = await make();
      await storage.ingest('s', { responses: [resp({ surveyId: 'c', kind: 'csat', scale: [1, 5], score: 4 })], events: [] }, []);
      expect(await storage.surveyShapes('s')).toEqual([{ surveyId: 'c', kind: 'csat', scale: [1, 5] }]);
    });
  });
}
