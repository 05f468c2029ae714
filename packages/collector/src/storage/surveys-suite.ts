// The sites and surveys part of the shared storage suite (called from
// storage-suite.ts inside its describe, so it runs on PGlite and on
// PostgreSQL): optimistic updates, immutable numbered versions, publish
// requests, last-seen origins, and the version dimension of the tallies.
import { expect, test } from 'vitest';
import { uuidv7 } from '@sayso/core';
import type { SqlDriver } from './driver.js';
import { surveyHash } from './surveys.js';
import type { Storage } from './types.js';
import { storedResponse } from './suite-fixtures.js';

type Make = (migrate?: boolean) => Promise<{ storage: Storage; driver: SqlDriver }>;

const draft = (question: string) => ({ id: 'nps', kind: 'nps' as const, question, scale: { min: 0, max: 10 } });

const resp = storedResponse;

export function surveysSuite(make: Make): void {
  test('sites: created once, updated only at the row version read, last-seen times only move forward', async () => {
    const { storage } = await make();
    expect(await storage.sites.create({ id: 'shop', name: 'Shop', origins: ['https://shop.test'], segments: ['plan'] })).toBe(true);
    expect(await storage.sites.create({ id: 'shop', name: 'Other', origins: [], segments: [] })).toBe(false);
    const site = (await storage.sites.get('shop'))!;
    expect(site).toMatchObject({ name: 'Shop', origins: ['https://shop.test'], segments: ['plan'], identitySecret: null, insights: null, rowVersion: 1 });
    const updated = await storage.sites.update('shop', 1, { name: 'The shop', identitySecret: 'x'.repeat(32), insights: { themes: [{ name: 'Price', words: ['price'] }] } });
    expect(updated).toMatchObject({ name: 'The shop', origins: ['https://shop.test'], identitySecret: 'x'.repeat(32), rowVersion: 2 });
    expect(await storage.sites.update('shop', 1, { name: 'Stale' })).toBe('stale');
    expect(await storage.sites.update('none', 1, { name: 'x' })).toBe('missing');
    expect(await storage.sites.update('shop', 2, { identitySecret: null, insights: null })).toMatchObject({ identitySecret: null, insights: null, name: 'The shop' });
    await storage.sites.seen('shop', 'https://shop.test', new Date('2026-11-01T10:00:00Z'));
    await storage.sites.seen('shop', 'https://shop.test', new Date('2026-11-01T09:00:00Z'));
    expect(await storage.sites.seenList('shop')).toEqual([{ site: 'shop', origin: 'https://shop.test', lastSeenAt: '2026-11-01T10:00:00.000Z' }]);
    expect(await storage.sites.seenList('other')).toEqual([]);
  });

  test('surveys: a publish freezes the draft as the next version with its hash; an unchanged draft keeps its number; row versions guard every change', async () => {
    const { storage } = await make();
    await storage.sites.create({ id: 'shop', name: 'Shop', origins: [], segments: [] });
    expect(await storage.surveys.create({ site: 'shop', draft: draft('One?'), by: 'ana' })).toBe(true);
    expect(await storage.surveys.create({ site: 'shop', draft: draft('Again?'), by: 'ana' })).toBe(false);
    expect(await storage.surveys.get('shop', 'nps')).toMatchObject({ status: 'draft', version: null, hash: null, published: null, rowVersion: 1, updatedBy: 'ana', startsAt: null, responseLimit: null });

    const v1 = await storage.transaction((tx) => storage.surveys.publish('shop', 'nps', 1, 'live', 'bo', tx));
    expect(v1).toMatchObject({ status: 'live', version: 1, hash: surveyHash(draft('One?')), created: true, rowVersion: 2, updatedBy: 'bo' });
    expect(await storage.transaction((tx) => storage.surveys.publish('shop', 'nps', 1, 'live', 'bo', tx))).toBe('stale');
    expect(await storage.transaction((tx) => storage.surveys.publish('shop', 'none', 1, 'live', 'bo', tx))).toBe('missing');
    const same = await storage.transaction((tx) => storage.surveys.publish('shop', 'nps', 2, 'live', 'bo', tx));
    expect(same).toMatchObject({ version: 1, created: false, rowVersion: 3 });

    const edited = await storage.surveys.update('shop', 'nps', 3, { draft: draft('Two?'), startsAt: '2026-12-01T00:00:00.000Z', responseLimit: 10, by: 'ana' });
    expect(edited).toMatchObject({ draft: { question: 'Two?' }, published: { question: 'One?' }, version: 1, startsAt: '2026-12-01T00:00:00.000Z', responseLimit: 10 });
    expect(await storage.surveys.update('shop', 'nps', 3, { draft: draft('Lost?'), by: 'ana' })).toBe('stale');
    // null clears; absent leaves alone.
    expect(await storage.surveys.update('shop', 'nps', 4, { startsAt: null, by: 'ana' })).toMatchObject({ startsAt: null, responseLimit: 10, draft: { question: 'Two?' } });
    await storage.transaction((tx) => storage.surveys.publish('shop', 'nps', 5, 'live', 'bo', tx));
    const versions = await storage.surveys.versions('shop', 'nps');
    expect(versions.map((v) => [v.version, v.survey.question, v.publishedBy])).toEqual([
      [1, 'One?', 'bo'],
      [2, 'Two?', 'bo'],
    ]);
    expect(await storage.surveys.version('shop', 'nps', 2)).toMatchObject({ hash: surveyHash(draft('Two?')) });
    expect(await storage.surveys.version('shop', 'nps', 3)).toBeUndefined();
    // Versions are rows nothing updates: the database refuses a second version 2.
    await expect(storage.transaction((tx) => tx.query(`insert into sayso_survey_versions (site, survey_id, version, hash, survey, published_by) values ('shop', 'nps', 2, 'h', '{}', 'x')`))).rejects.toThrow();
    expect((await storage.surveys.list('shop')).map((s) => s.id)).toEqual(['nps']);
  });

  test('two publishes of one survey at once: one wins, the other is stale (no version number twice)', async () => {
    const { storage } = await make();
    await storage.sites.create({ id: 'shop', name: 'Shop', origins: [], segments: [] });
    await storage.surveys.create({ site: 'shop', draft: draft('One?'), by: 'ana' });
    const outcomes = await Promise.all([1, 2].map(() => storage.transaction((tx) => storage.surveys.publish('shop', 'nps', 1, 'live', 'bo', tx))));
    expect(outcomes.filter((o) => o === 'stale')).toHaveLength(1);
    expect((await storage.surveys.versions('shop', 'nps')).map((v) => v.version)).toEqual([1]);
  });

  test('publish requests: asked, listed while open, decided once', async () => {
    const { storage } = await make();
    await storage.sites.create({ id: 'shop', name: 'Shop', origins: [], segments: [] });
    await storage.surveys.create({ site: 'shop', draft: draft('One?'), by: 'ana' });
    const asked = await storage.surveys.requestPublish({ site: 'shop', surveyId: 'nps', draft: draft('One?'), draftRowVersion: 1, note: 'please', requestedBy: 'ana' });
    expect(asked).toMatchObject({ surveyId: 'nps', status: 'open', note: 'please', decidedBy: null });
    expect((await storage.surveys.openRequests('shop')).map((r) => r.id)).toEqual([asked.id]);
    expect(await storage.surveys.openRequests('other')).toEqual([]);
    expect(await storage.surveys.decide(asked.id, 'approved', 'bo')).toMatchObject({ status: 'approved', decidedBy: 'bo' });
    expect(await storage.surveys.decide(asked.id, 'rejected', 'bo')).toBe('missing');
    expect(await storage.surveys.openRequests()).toEqual([]);
    expect(await storage.surveys.getRequest(asked.id)).toMatchObject({ status: 'approved' });
  });

  test('responses keep the version answered and an over-limit mark; tallies filter and split by version; counts per survey', async () => {
    const { storage } = await make();
    await storage.sites.create({ id: 'shop', name: 'Shop', origins: [], segments: [] });
    await storage.surveys.create({ site: 'shop', draft: draft('One?'), by: 'ana' });
    await storage.ingest(
      'shop',
      {
        responses: [resp({ version: 1, score: 9 }), resp({ version: 1, score: 3 }), resp({ version: 2, score: 10, overLimit: true }), resp({ score: 7 })],
        events: [{ id: uuidv7(), type: 'display', surveyId: 'nps', anonymousId: 'a', createdAt: '2026-10-01T12:00:00.000Z', version: 2 }],
      },
      [],
    );
    const q = { site: 'shop', from: '2026-10-01', to: '2026-10-01' };
    const byVersion = await storage.tallies({ ...q, dimension: 'version', by: 'range' });
    expect(byVersion.map((r) => [r.value, r.metric, r.score, r.n])).toEqual([
      ['', 'response', 7, 1],
      ['1', 'response', 3, 1],
      ['1', 'response', 9, 1],
      ['2', 'display', -1, 1],
      ['2', 'response', 10, 1],
    ]);
    // The same split counted from the responses themselves (responses only).
    const counted = await storage.tallies({ ...q, dimension: 'version', by: 'range', fromResponses: true });
    expect(counted.map((r) => [r.value, r.score, r.n])).toEqual(byVersion.filter((r) => r.metric === 'response').map((r) => [r.value, r.score, r.n]));
    const onlyOne = await storage.tallies({ ...q, dimension: '', version: 1 });
    expect(onlyOne.map((r) => [r.value, r.score, r.n])).toEqual([
      ['', 3, 1],
      ['', 9, 1],
    ]);
    expect((await storage.tallies({ ...q, dimension: '', version: 2 })).map((r) => [r.metric, r.score])).toEqual([
      ['display', -1],
      ['response', 10],
    ]);
    // A version filter with another dimension counts from the responses.
    expect((await storage.tallies({ ...q, dimension: 'channel', version: 1 })).map((r) => [r.value, r.score])).toEqual([
      ['web', 3],
      ['web', 9],
    ]);
    expect((await storage.tallies({ ...q, dimension: '', version: 3 }))).toEqual([]);
    expect(await storage.surveys.responseCounts('shop')).toEqual(new Map([['nps', 4]]));
    const rows = await storage.transaction((tx) => tx.query<{ version: number | null; over_limit: boolean }>(`select version, over_limit from sayso_responses order by score`));
    expect(rows).toEqual([
      { version: 1, over_limit: false },
      { version: null, over_limit: false },
      { version: 1, over_limit: false },
      { version: 2, over_limit: true },
    ]);
    const [ev] = await storage.transaction((tx) => tx.query<{ version: number }>(`select version from sayso_events`));
    expect(ev).toEqual({ version: 2 });
  });
}
