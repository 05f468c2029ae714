// Two collectors on one PostgreSQL: what is published, paused or created
// through one is served by the other within 10 s, without a restart.
// Runs when SAYSO_TEST_DATABASE_URL is set (CI starts a throwaway cluster).
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCollector, type Collector } from '../collector.js';
import { ORIGIN, SELF, testConfig } from '../test-fixtures.js';
import { call, remote } from '../admin/test-client.js';

const url = process.env.SAYSO_TEST_DATABASE_URL;

/** Polls `check` until it is true; returns the milliseconds it took (fails after 10 s). */
async function within10s(check: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > 10_000) throw new Error('not served by the other instance within 10 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - start;
}

if (url) {
  describe('two instances on one PostgreSQL', () => {
    const name = `sayso_two_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    let a: Collector;
    let b: Collector;
    beforeAll(async () => {
      await admin.unsafe(`create database ${name}`);
      const dbUrl = new URL(url);
      dbUrl.pathname = `/${name}`;
      const options = { config: testConfig(), databaseUrl: dbUrl.toString(), logLevel: 'silent' as const, sdkDir: false as const, examplesDir: false as const };
      // Started together: the migration and the import each run once.
      [a, b] = await Promise.all([createCollector(options), createCollector(options)]);
    }, 60_000);
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    });

    test('both import the config once; a publish and a pause through one are served by the other within 10 s', async () => {
      expect((await remote(b)).surveys.map((s) => [s.id, s.version])).toEqual([
        ['nps-main', 1],
        ['csat-checkout', 1],
      ]);
      const versions = await call(a, 'GET', '/v1/admin/sites/demo/surveys/nps-main/versions');
      expect(versions.body.versions).toHaveLength(1);

      const got = await call(a, 'GET', '/v1/admin/sites/demo/surveys/nps-main');
      const put = await call(a, 'PUT', '/v1/admin/sites/demo/surveys/nps-main', { ifMatch: got.headers.get('etag')!, body: { survey: { ...got.body.draft, question: 'Would you recommend us?' } } });
      const pub = await call(a, 'POST', '/v1/admin/sites/demo/surveys/nps-main/publish', { ifMatch: put.headers.get('etag')! });
      expect(pub.body.version).toBe(2);
      // Served by `a` at once, by `b` after its next reload.
      expect((await remote(a)).surveys.find((s) => s.id === 'nps-main')!.version).toBe(2);
      const took = await within10s(async () => (await remote(b)).surveys.find((s) => s.id === 'nps-main')?.version === 2);
      expect(took).toBeLessThan(10_000);
      expect((await remote(b)).etag).toBe((await remote(a)).etag);

      await call(a, 'POST', '/v1/admin/sites/demo/surveys/nps-main/pause', { ifMatch: pub.headers.get('etag')! });
      await within10s(async () => !(await remote(b)).surveys.some((s) => s.id === 'nps-main'));

      // A site created through `b` takes ingest on `a`.
      await call(b, 'POST', '/v1/admin/sites', { body: { id: 'blog', origins: ['https://blog.example'] } });
      await within10s(async () => (await a.fetch(new Request(`${SELF}/v1/sites/blog/surveys`, { headers: { origin: 'https://blog.example' } }))).status === 200);
      expect((await a.fetch(new Request(`${SELF}/v1/sites/blog/surveys`, { headers: { origin: ORIGIN } }))).status).toBe(403);
    }, 60_000);
  });
} else {
  describe('two instances on one PostgreSQL', () => {
    test.skip('set SAYSO_TEST_DATABASE_URL to run it', () => {});
  });
}
