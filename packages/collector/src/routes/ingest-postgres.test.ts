// The ingest path end to end on a real PostgreSQL server (when
// SAYSO_TEST_DATABASE_URL is set): createCollector with `databaseUrl`,
// migrations at start, partial acceptance, de-duplication, scores.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { IngestResult } from '@sayso/core';
import type { Collector } from '../collector.js';
import { SECRET, event, post, response, testCollector } from '../test-fixtures.js';

const url = process.env.SAYSO_TEST_DATABASE_URL;

describe.skipIf(!url)('ingest on PostgreSQL', () => {
  let c: Collector;
  const name = `sayso_ingest_${Date.now().toString(36)}`;
  let admin: postgres.Sql;
  beforeAll(async () => {
    admin = postgres(url!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const u = new URL(url!);
    u.pathname = `/${name}`;
    c = await testCollector({ databaseUrl: u.toString() });
  });
  afterAll(async () => {
    await c?.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  test('partial acceptance, duplicates and scores', async () => {
    const good = response({ score: 10 });
    const res = await post(c, { site: 'demo', responses: [good, response({ score: 42 })], events: [event()] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as IngestResult;
    expect(body).toMatchObject({ accepted: 2, duplicates: 0, errors: [{ list: 'responses', index: 1, field: 'score' }] });
    const again = (await (await post(c, { site: 'demo', responses: [good] })).json()) as IngestResult;
    expect(again).toMatchObject({ accepted: 0, duplicates: 1 });
    const scores = await c.fetch(new Request('http://collector.test/v1/scores?survey=nps-main', { headers: { authorization: `Bearer ${SECRET}` } }));
    const s = (await scores.json()) as { surveys: Array<{ total: { n: number; score: number; displays: number } }> };
    expect(s.surveys[0]!.total).toMatchObject({ n: 1, score: 100, displays: 1 });
    expect(await c.storage.counts('demo')).toEqual({ responses: 1, events: 1, tallied: 1 });
  });
});
