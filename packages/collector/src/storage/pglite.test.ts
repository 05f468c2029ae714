import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { SqlDriver } from './driver.js';
import { uuidv7 } from '@sayso/core';
import { pgliteDriver, pgliteStorage } from './pglite.js';
import { testStorage } from './storage-suite.js';

// Opening PGlite costs seconds, so the suite shares one instance and empties
// it (a new public schema) for each test: the same as a new database.
let shared: Promise<SqlDriver> | undefined;
testStorage('PGlite', async () => {
  const driver = await (shared ??= pgliteDriver());
  await driver.exec('drop schema public cascade; create schema public;');
  return { driver: { ...driver, close: async () => {} }, drop: async () => {} };
});
// Opened in a hook (60 s budget), not inside the first test's 30 s.
beforeAll(async () => {
  await (shared ??= pgliteDriver());
});
afterAll(async () => (await shared)?.close());

test('PGlite in a data folder keeps what it stored across restarts', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'sayso-pglite-'));
  try {
    const first = await pgliteStorage({ dataDir });
    await first.migrate();
    const id = uuidv7();
    await first.ingest('s', { responses: [], events: [{ id, type: 'display', surveyId: 's1', anonymousId: 'a', createdAt: new Date().toISOString() }] }, []);
    await first.close();
    const second = await pgliteStorage({ dataDir });
    await second.migrate();
    expect(await second.counts('s')).toMatchObject({ events: 1 });
    expect((await second.ingest('s', { responses: [], events: [{ id, type: 'display', surveyId: 's1', anonymousId: 'a', createdAt: new Date().toISOString() }] }, [])).duplicates).toEqual([id]);
    await second.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}, 120_000); // opens PGlite twice
