// The alerts admin API against the real in-process collector on PGlite:
// rules with the config file's checks (400 naming the field), If-Match on
// every change, the activity log, the Slack URL, "send a test alert" to a
// real HTTP receiver and a real SMTP server, and each user's own opt-in.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Collector } from '../collector.js';
import { httpReceiver, smtpReceiver, type HttpReceiver, type SmtpReceiver } from '../alerts/test-receivers.js';
import { testConfig } from '../test-fixtures.js';
import { addUser, call as callAs, signIn } from './people-fixtures.js';
import { adminCollector, call } from './test-client.js';

const BASE = '/v1/admin/sites/demo/alerts';

describe('alert rules', () => {
  let c: Collector;
  beforeAll(async () => {
    ({ collector: c } = await adminCollector());
  }, 60_000);
  afterAll(() => c?.close());

  test('a publisher creates, reads, replaces and deletes a rule; each change needs If-Match and is in the activity log', async () => {
    expect((await call(c, 'GET', BASE, { as: 'viewer' })).body).toEqual({ rules: [], slack: { webhookUrl: null, etag: '"r0"' }, email: { configured: false, recipients: 0 } });
    const made = await call(c, 'POST', `${BASE}/rules`, { as: 'publisher', body: { type: 'drop', id: 'nps-drop', survey: 'nps-main', level: 0.99 } });
    expect(made.status).toBe(201);
    expect(made.headers.get('etag')).toBe('"r1"');
    // Every field, the defaults filled in as the config file's are.
    expect(made.body).toMatchObject({ type: 'drop', id: 'nps-drop', survey: 'nps-main', recentDays: 7, baselineDays: 28, level: 0.99, minPoints: 5, minAnswers: 30, cooldownDays: 7, updatedBy: 'publisher@shop.test', etag: '"r1"' });
    const detractor = await call(c, 'POST', `${BASE}/rules`, { as: 'admin', body: { type: 'detractor', id: 'unhappy', withComment: true } });
    expect(detractor.body).toMatchObject({ type: 'detractor', id: 'unhappy', survey: null, withComment: true });
    expect((await call(c, 'GET', BASE, { as: 'viewer' })).body.rules.map((r: { id: string }) => r.id)).toEqual(['nps-drop', 'unhappy']);
    expect((await call(c, 'GET', `${BASE}/rules/nps-drop`, { as: 'viewer' })).body).toEqual(made.body);

    const put = (body: unknown, ifMatch?: string) => call(c, 'PUT', `${BASE}/rules/nps-drop`, { as: 'publisher', body, ...(ifMatch ? { ifMatch } : {}) });
    const next = { type: 'drop', id: 'nps-drop', survey: 'csat-checkout', minPoints: 3 };
    expect((await put(next)).status).toBe(428);
    const replaced = await put(next, '"r1"');
    expect(replaced.status).toBe(200);
    // A replacement: fields left out are back at their defaults.
    expect(replaced.body).toMatchObject({ survey: 'csat-checkout', minPoints: 3, level: 0.95, etag: '"r2"' });
    const stale = await put({ ...next, minPoints: 4 }, '"r1"');
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ minPoints: 3, etag: '"r2"' });
    expect((await put({ ...next, type: 'digest', every: 'day', minPoints: undefined }, '"r2"')).body.error).toMatchObject({ path: 'type' });
    expect((await put({ ...next, id: 'other' }, '"r2"')).body.error).toMatchObject({ path: 'id' });

    expect((await call(c, 'DELETE', `${BASE}/rules/unhappy`, { as: 'publisher' })).status).toBe(428);
    expect((await call(c, 'DELETE', `${BASE}/rules/unhappy`, { as: 'publisher', ifMatch: '"r2"' })).status).toBe(409);
    expect((await call(c, 'DELETE', `${BASE}/rules/unhappy`, { as: 'publisher', ifMatch: '"r1"' })).status).toBe(204);
    expect((await call(c, 'GET', `${BASE}/rules/unhappy`, { as: 'viewer' })).status).toBe(404);
    // Its id is free again for a new rule.
    expect((await call(c, 'POST', `${BASE}/rules`, { as: 'publisher', body: { type: 'digest', id: 'unhappy', survey: 'nps-main', every: 'week' } })).status).toBe(201);

    const log = (await call(c, 'GET', '/v1/admin/activity?site=demo', { as: 'viewer' })).body.entries as Array<{ action: string; subject: { id: string }; diff: unknown }>;
    expect(log.filter((e) => e.action.startsWith('alert-rule.')).map((e) => `${e.action} ${e.subject.id}`)).toEqual([
      'alert-rule.create unhappy',
      'alert-rule.delete unhappy',
      'alert-rule.update nps-drop',
      'alert-rule.create unhappy',
      'alert-rule.create nps-drop',
    ]);
    expect(log.find((e) => e.action === 'alert-rule.update')!.diff).toEqual([
      { path: 'level', from: 0.99, to: 0.95 },
      { path: 'minPoints', from: 5, to: 3 },
      { path: 'survey', from: 'nps-main', to: 'csat-checkout' },
    ]);
  });

  test.each([
    ['type', { type: 'drops', id: 'x', survey: 'nps-main' }],
    ['id', { type: 'drop', id: 'a b', survey: 'nps-main' }],
    ['survey', { type: 'drop', id: 'x', survey: 'nps-mai' }],
    ['survey', { type: 'detractor', id: 'x', survey: 7 }],
    ['level', { type: 'drop', id: 'x', survey: 'nps-main', level: 1 }],
    ['minAnswers', { type: 'drop', id: 'x', survey: 'nps-main', minAnswers: 0 }],
    ['cooldownDays', { type: 'drop', id: 'x', survey: 'nps-main', cooldownDays: -1 }],
    ['every', { type: 'digest', id: 'x', survey: 'nps-main', every: 'month' }],
    ['comments', { type: 'digest', id: 'x', survey: 'nps-main', every: 'day', comments: 51 }],
    ['withComment', { type: 'detractor', id: 'x', withComment: 'yes' }],
    // A field of another type is refused, not ignored.
    ['every', { type: 'detractor', id: 'x', every: 'day' }],
    ['', '[1, 2]'],
  ])('400 names %s', async (path, body) => {
    const res = await call(c, 'POST', `${BASE}/rules`, { as: 'publisher', body });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ path, code: expect.stringMatching(/^E_/) });
  });

  test('an id taken on the site is 400 on id; an unknown site is 404', async () => {
    await call(c, 'POST', `${BASE}/rules`, { as: 'publisher', body: { type: 'detractor', id: 'taken' } });
    const again = await call(c, 'POST', `${BASE}/rules`, { as: 'publisher', body: { type: 'drop', id: 'taken', survey: 'nps-main' } });
    expect(again.status).toBe(400);
    expect(again.body.error.path).toBe('id');
    expect((await call(c, 'GET', '/v1/admin/sites/nope/alerts', { as: 'viewer' })).status).toBe(404);
    expect((await call(c, 'POST', '/v1/admin/sites/nope/alerts/rules', { as: 'publisher', body: { type: 'detractor', id: 'x' } })).status).toBe(404);
  });

  test('the Slack URL: set from "r0", a credential viewers do not see, private addresses refused unless the config allows them', async () => {
    const set = (webhookUrl: unknown, ifMatch: string) => call(c, 'PUT', `${BASE}/slack`, { as: 'publisher', body: { webhookUrl }, ifMatch });
    expect((await set('http://127.0.0.1:9/hook', '"r0"')).body.error).toMatchObject({ path: 'webhookUrl', message: expect.stringContaining('private address') });
    expect((await set('http://[::1]/hook', '"r0"')).body.error).toMatchObject({ path: 'webhookUrl' });
    expect((await set('hooks.slack.com/x', '"r0"')).body.error).toMatchObject({ path: 'webhookUrl' });
    expect((await call(c, 'PUT', `${BASE}/slack`, { as: 'publisher', body: {}, ifMatch: '"r0"' })).body.error).toMatchObject({ path: 'webhookUrl' });
    const ok = await set('https://hooks.slack.com/services/T0/B0/X', '"r0"');
    expect(ok.body).toEqual({ webhookUrl: 'https://hooks.slack.com/services/T0/B0/X', etag: '"r1"' });
    expect((await set('https://hooks.slack.com/services/T0/B0/Y', '"r0"')).status).toBe(409);
    expect((await call(c, 'GET', BASE, { as: 'viewer' })).body.slack).toEqual({ webhookUrl: '(set)', etag: '"r1"' });
    expect((await call(c, 'GET', BASE, { as: 'publisher' })).body.slack).toEqual({ webhookUrl: 'https://hooks.slack.com/services/T0/B0/X', etag: '"r1"' });
    const log = (await call(c, 'GET', '/v1/admin/activity?site=demo', { as: 'viewer' })).body.entries as Array<{ action: string; diff: unknown }>;
    expect(log.find((e) => e.action === 'alert-slack.update')!.diff).toEqual({ slackUrl: '(set)' });
    expect((await set(null, '"r1"')).body).toEqual({ webhookUrl: null, etag: '"r2"' });
  });
});

describe('send a test alert, and email opt-ins', () => {
  let c: Collector;
  let slack: HttpReceiver;
  let smtp: SmtpReceiver;
  let ana: string;
  beforeAll(async () => {
    slack = await httpReceiver();
    smtp = await smtpReceiver();
    ({ collector: c } = await adminCollector({ config: testConfig({ allowPrivateDestinations: true, smtp: { host: '127.0.0.1', port: smtp.port, from: 'sayso <alerts@example.com>' } }) }));
    await addUser(c, 'ana@shop.test', 'viewer');
    ana = await signIn(c, 'ana@shop.test');
  }, 60_000);
  afterAll(async () => {
    await c?.close();
    await slack?.close();
    await smtp?.close();
  });
  afterEach(() => {
    slack.status = 200;
  });

  test("a viewer opts in to one site's email for herself; the config secret has no account to opt in", async () => {
    const get = () => callAs(c, 'GET', '/v1/admin/me/notifications', { cookie: ana });
    expect(await (await get()).json()).toEqual({ email: 'ana@shop.test', smtp: true, sites: [{ site: 'demo', name: 'demo', email: false }] });
    const put = (body: unknown) => callAs(c, 'PUT', '/v1/admin/me/notifications', { cookie: ana, body });
    expect(await (await put({ site: 'nope', email: true })).json()).toMatchObject({ error: { path: 'site' } });
    expect(await (await put({ site: 'demo', email: 'yes' })).json()).toMatchObject({ error: { path: 'email' } });
    expect(await (await put({ site: 'demo', email: true, also: 1 })).json()).toMatchObject({ error: { path: 'also' } });
    expect(await (await put({ site: 'demo', email: true })).json()).toMatchObject({ sites: [{ site: 'demo', email: true }] });
    expect((await get()).status).toBe(200);
    expect((await call(c, 'GET', '/v1/admin/me/notifications', { as: 'admin' })).status).toBe(403);
    // A cookie request from another site is refused (CSRF), like every change.
    expect((await callAs(c, 'PUT', '/v1/admin/me/notifications', { cookie: ana, origin: 'http://evil.test', body: { site: 'demo', email: false } })).status).toBe(403);
    const log = (await call(c, 'GET', '/v1/admin/activity?site=demo', { as: 'viewer' })).body.entries as Array<{ action: string; actor: { label: string }; diff: unknown }>;
    expect(log.filter((e) => e.action === 'notifications.update').map((e) => [e.actor.label, e.diff])).toEqual([['ana@shop.test', { email: true }]]);
  });

  test('"send a test alert" sends a sample to Slack and to the opted-in users, and answers what each destination said', async () => {
    await callAs(c, 'PUT', '/v1/admin/me/notifications', { cookie: ana, body: { site: 'demo', email: true } });
    const { body: alerts } = await call(c, 'GET', BASE, { as: 'publisher' });
    expect(alerts.email).toEqual({ configured: true, recipients: 1 });
    await call(c, 'PUT', `${BASE}/slack`, { as: 'publisher', body: { webhookUrl: slack.url }, ifMatch: alerts.slack.etag });
    const sent = await call(c, 'POST', `${BASE}/test`, { as: 'publisher' });
    expect(sent.status).toBe(200);
    expect(sent.body.results.sort((a: { destination: string }, b: { destination: string }) => a.destination.localeCompare(b.destination))).toEqual([
      { destination: 'email', ok: true },
      { destination: 'slack', ok: true },
    ]);
    expect(slack.requests).toHaveLength(1);
    expect((slack.requests[0]!.body as { text: string }).text).toBe('nps-main: a detractor answered 3');
    expect(smtp.messages.map((m) => m.to)).toEqual([['ana@shop.test']]);
    expect(smtp.messages[0]!.mail.text).toContain('This is a test alert from sayso');

    slack.status = 500;
    const failed = await call(c, 'POST', `${BASE}/test`, { as: 'publisher' });
    expect(failed.body.results.find((r: { destination: string }) => r.destination === 'slack')).toEqual({ destination: 'slack', ok: false, error: 'Slack answered 500: invalid_payload' });
    expect((await call(c, 'POST', `${BASE}/test`, { as: 'editor' })).status).toBe(403);
  });
});
