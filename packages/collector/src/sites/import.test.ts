// The config file is imported once; afterwards the database is the truth.
// And a database from before sites and surveys moved in (schema 5 here;
// migration 6 is another branch's) upgrades with its data and keeps serving.
import { afterEach, expect, test } from 'vitest';
import { createCollector, type Collector } from '../collector.js';
import type { LogLevel, Logger } from '../server/log.js';
import { pgliteDriver } from '../storage/pglite.js';
import { latestVersion } from '../storage/schema.js';
import { sqlStorage } from '../storage/sql-storage.js';
import type { Storage } from '../storage/types.js';
import { ORIGIN, SECRET, SELF, testConfig } from '../test-fixtures.js';

const opened: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of opened.splice(0)) await close();
});

/** A logger that keeps its lines. */
function keep(): Logger & { lines: Array<{ level: LogLevel; msg: string; fields: Record<string, unknown> }> } {
  const lines: Array<{ level: LogLevel; msg: string; fields: Record<string, unknown> }> = [];
  const at = (level: LogLevel) => (msg: string, fields: Record<string, unknown> = {}) => void lines.push({ level, msg, fields });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } as never;
}

async function start(storage: Storage, config: unknown, logger = keep()): Promise<Collector> {
  // The storage outlives each collector: closing one leaves it open for the next start.
  const c = await createCollector({ config, storage: { ...storage, close: async () => {} }, logger, sdkDir: false, examplesDir: false, compactEveryMs: 0, countTermsEveryMs: 0, refreshSitesEveryMs: 0 });
  opened.unshift(() => c.close());
  return c;
}

const surveys = async (c: Collector) =>
  ((await (await c.fetch(new Request(`${SELF}/v1/sites/demo/surveys`, { headers: { origin: ORIGIN } }))).json()) as { surveys: Array<{ id: string; question: string; version: number }> }).surveys;

test('a second start with a changed file keeps what the database has, and logs that the file is ignored', async () => {
  const driver = await pgliteDriver();
  opened.push(() => driver.close());
  const storage = sqlStorage(driver);
  const first = await start(storage, testConfig());
  expect(await surveys(first)).toEqual([
    expect.objectContaining({ id: 'nps-main', version: 1 }),
    expect.objectContaining({ id: 'csat-checkout', version: 1 }),
  ]);
  const imported = await storage.activity.list({ site: 'demo', limit: 10 });
  expect(imported.map((e) => [e.action, e.actor.label])).toContainEqual(['survey.import', 'sayso.config.json']);
  await first.close();

  const changed = testConfig();
  changed.sites[0]!.origins = ['https://elsewhere.example'];
  changed.sites[0]!.surveys = [{ id: 'nps-main', kind: 'nps', question: 'Changed in the file?' }, ...changed.sites[0]!.surveys!.slice(1), { id: 'new-one', kind: 'ces', question: 'Easy?' }];
  const log = keep();
  const second = await start(storage, changed, log);
  const now = await surveys(second);
  // The database's copy stands; a survey the database lacks is imported.
  expect(now.find((s) => s.id === 'nps-main')).toMatchObject({ question: 'How likely are you to recommend us?', version: 1 });
  expect(now.find((s) => s.id === 'new-one')).toMatchObject({ version: 1 });
  expect(second.sites.get('demo')!.origins).toEqual([ORIGIN]);
  const ignored = log.lines.filter((l) => l.msg.startsWith("the config file's copy is ignored")).map((l) => l.fields.what);
  expect(ignored.sort()).toEqual(['demo', 'demo/nps-main']);
}, 90_000); // opens PGlite (seconds) and starts twice

test('a database at the schema before this one, with responses, upgrades and keeps serving and scoring them', async () => {
  const driver = await pgliteDriver();
  opened.push(() => driver.close());
  const storage = sqlStorage(driver);
  expect(await storage.migrate(5)).toBe(5);
  // Stored by the code of that time: no version, no over-limit column yet.
  await driver.query(
    `insert into sayso_responses (site, id, survey_id, kind, score, scale_min, scale_max, created_at, anonymous_id, attributes, locale, channel)
     values ('demo', '0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b', 'nps-main', 'nps', 9, 0, 10, '2026-10-02T10:00:00Z', 'a', '{}', 'en', 'web')`,
  );
  await driver.query(`insert into sayso_tallies (site, survey_id, day, dim, val, metric, score, shard, n) values ('demo', 'nps-main', '2026-10-02', '', '', 'response', 9, 0, 1)`);
  const c = await start(storage, testConfig());
  expect(await storage.schemaVersion()).toBe(latestVersion);
  expect((await surveys(c)).map((s) => s.id)).toEqual(['nps-main', 'csat-checkout']);
  const [row] = await driver.query<{ version: number | null; over_limit: boolean }>(`select version, over_limit from sayso_responses`);
  expect(row).toEqual({ version: null, over_limit: false });
  const scores = await c.fetch(new Request(`${SELF}/v1/scores?site=demo&from=2026-10-01&to=2026-10-31`, { headers: { authorization: `Bearer ${SECRET}` } }));
  const body = (await scores.json()) as { surveys: Array<{ surveyId: string; total: { n: number } }> };
  expect(body.surveys.find((s) => s.surveyId === 'nps-main')!.total.n).toBe(1);
  // Split by version: the old answer has none ('').
  const split = await c.fetch(new Request(`${SELF}/v1/scores?site=demo&from=2026-10-01&to=2026-10-31&split=version`, { headers: { authorization: `Bearer ${SECRET}` } }));
  const byVersion = (await split.json()) as { surveys: Array<{ surveyId: string; segments: Array<{ value: string; n: number }> }> };
  expect(byVersion.surveys.find((s) => s.surveyId === 'nps-main')!.segments).toEqual([expect.objectContaining({ value: '', n: 1 })]);
}, 60_000);

test("the file's alert rules and Slack URL are imported once; a change made in the studio survives a restart", async () => {
  const driver = await pgliteDriver();
  opened.push(() => driver.close());
  const storage = sqlStorage(driver);
  const withAlerts = (minPoints: number) => {
    const config = testConfig();
    config.sites[0]!.alerts = {
      slack: { webhookUrl: 'https://hooks.slack.com/services/T/B/X' },
      drops: [{ id: 'drop', survey: 'nps-main', minPoints }],
      detractors: [{ id: 'unhappy', withComment: true }],
    };
    return config;
  };
  const first = await start(storage, withAlerts(5));
  expect((await storage.alerts.listRules('demo')).map((r) => [r.type, r.id, r.updatedBy])).toEqual([
    ['drop', 'drop', 'sayso.config.json'],
    ['detractor', 'unhappy', 'sayso.config.json'],
  ]);
  expect(await storage.alerts.destinations('demo')).toEqual({ slackUrl: 'https://hooks.slack.com/services/T/B/X', rowVersion: 1 });
  const actions = (await storage.activity.list({ site: 'demo', limit: 20 })).map((e) => e.action);
  expect(actions.filter((a) => a.startsWith('alert-'))).toEqual(expect.arrayContaining(['alert-rule.import', 'alert-rule.import', 'alert-slack.import']));
  await first.close();

  // Changed in the studio: minPoints 9, the Slack URL removed, the detractor rule deleted.
  const drop = (await storage.alerts.getRule('demo', 'drop'))!;
  await storage.alerts.updateRule('demo', { type: 'drop', id: 'drop', survey: 'nps-main', recentDays: 7, baselineDays: 28, level: 0.95, minPoints: 9, minAnswers: 30, cooldownDays: 7 }, drop.rowVersion, 'ana');
  await storage.alerts.setSlackUrl('demo', null, 1);
  await storage.alerts.deleteRule('demo', 'unhappy', 1);
  await start(storage, withAlerts(5));
  expect(await storage.alerts.getRule('demo', 'drop')).toMatchObject({ minPoints: 9, updatedBy: 'ana' });
  expect(await storage.alerts.destinations('demo')).toEqual({ slackUrl: null, rowVersion: 2 });
  // Deleted in the studio stays deleted, though the file still lists it.
  expect((await storage.alerts.listRules('demo')).map((r) => r.id)).toEqual(['drop']);
}, 90_000);
