import { afterAll, beforeAll, expect, test } from 'vitest';
import { isSaysoError } from '@sayso/core';
import type { SqlDriver } from '../storage/driver.js';
import { pgliteDriver } from '../storage/pglite.js';
import { sqlStorage } from '../storage/sql-storage.js';
import type { Storage } from '../storage/types.js';
import { exportSurveys, importSurveys } from './transfer.js';

let driver: SqlDriver;
beforeAll(async () => {
  driver = await pgliteDriver();
});
afterAll(() => driver.close());

/** An empty, migrated database (the same PGlite, a new public schema). */
async function empty(): Promise<Storage> {
  await driver.exec('drop schema public cascade; create schema public;');
  const storage = sqlStorage(driver);
  await storage.migrate();
  return storage;
}

async function seeded(): Promise<Storage> {
  const storage = await empty();
  await storage.sites.create({ id: 'shop', name: 'Shop', origins: ['https://shop.example'], segments: ['plan'] });
  await storage.surveys.create({ site: 'shop', draft: { id: 'nps', kind: 'nps', question: 'Recommend us?', scale: { min: 0, max: 10 } }, by: 'ana', startsAt: '2026-12-01T09:00:00.000Z', responseLimit: 500 });
  await storage.transaction((tx) => storage.surveys.publish('shop', 'nps', 1, 'scheduled', 'bo', tx));
  await storage.surveys.update('shop', 'nps', 2, { draft: { id: 'nps', kind: 'nps', question: 'Recommend us to a friend?', scale: { min: 0, max: 10 } }, by: 'ana' });
  await storage.surveys.create({ site: 'shop', draft: { id: 'csat', kind: 'csat', question: 'Happy?', scale: { min: 1, max: 5 } }, by: 'ana' });
  return storage;
}

const thrown = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    if (isSaysoError(err)) return err;
    throw err;
  }
  throw new Error('expected a SaysoError');
};

test('export, import into an empty database, export again: the same document, every field and version', async () => {
  const first = await exportSurveys(await seeded());
  expect(first.sites).toHaveLength(1);
  expect(first.sites[0]!.surveys.map((s) => [s.id, s.status, s.versions.length, s.rowVersion])).toEqual([
    ['nps', 'scheduled', 1, 3],
    ['csat', 'draft', 0, 1],
  ]);
  const text = JSON.stringify(first);
  const target = await empty();
  expect(await importSurveys(target, JSON.parse(text))).toBe(2);
  expect(JSON.stringify(await exportSurveys(target))).toBe(text);
  // Importing the same file again changes nothing but the row versions (never backwards).
  await importSurveys(target, JSON.parse(text));
  const again = await exportSurveys(target);
  expect(again.sites[0]!.surveys.map((s) => s.rowVersion)).toEqual([4, 2]);
  expect((await target.surveys.get('shop', 'nps'))!.published).toEqual(first.sites[0]!.surveys[0]!.versions[0]!.survey);
  expect((await exportSurveys(target, 'shop')).sites).toHaveLength(1);
  expect((await thrown(exportSurveys(target, 'nope'))).path).toBe('--site');
});

test('an invalid survey refuses the whole import, naming its path; nothing is written', async () => {
  const doc = await exportSurveys(await seeded());
  const target = await empty();
  const bad = JSON.parse(JSON.stringify(doc));
  bad.sites[0].surveys[1].draft.triggers = [{ type: 'pageview', delayMs: -1 }];
  const err = await thrown(importSurveys(target, bad));
  expect(err.path).toBe('sites[0].surveys[1].draft.triggers[0].delayMs');
  expect(await target.sites.list()).toEqual([]);
  expect(await target.surveys.list()).toEqual([]);

  const wrongHash = JSON.parse(JSON.stringify(doc));
  wrongHash.sites[0].surveys[0].versions[0].survey.question = 'Edited by hand?';
  expect((await thrown(importSurveys(target, wrongHash))).path).toBe('sites[0].surveys[0].versions[0].hash');
  expect((await thrown(importSurveys(target, { ...doc, format: 'other' }))).path).toBe('format');
  const twice = JSON.parse(JSON.stringify(doc));
  twice.sites[0].surveys[1] = { ...twice.sites[0].surveys[0] };
  expect((await thrown(importSurveys(target, twice))).path).toBe('sites[0].surveys[1].id');
});

test('a version stored under the same number with other content is refused: versions are immutable', async () => {
  const doc = await exportSurveys(await seeded());
  const target = await seeded();
  // The target froze different content as version 1 of nps.
  await target.transaction(async (tx) => {
    await tx.query(`delete from sayso_survey_versions`);
    await tx.query(`insert into sayso_survey_versions (site, survey_id, version, hash, survey, published_by) values ('shop', 'nps', 1, 'sha256:other', '{}', 'x')`);
    await tx.query(`update sayso_surveys set draft = $1 where id = 'nps'`, [JSON.stringify({ id: 'nps', kind: 'nps', question: 'Target draft?' })]);
  });
  const err = await thrown(importSurveys(target, doc));
  expect(err.path).toBe('sites[0].surveys[0].versions[0].hash');
  // The transaction rolled back: the draft the target had is still there.
  expect((await target.surveys.get('shop', 'nps'))!.draft.question).toBe('Target draft?');
});
