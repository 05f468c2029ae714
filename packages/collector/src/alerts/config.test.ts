// sites[i].alerts and smtp: defaults, and every bad field named by its path.
import { describe, expect, test } from 'vitest';
import { isSaysoError } from '@sayso/core';
import { loadConfig, resolveConfig } from '../config.js';
import { resolveAlertRule } from './config.js';

const good = (): any => ({
  secret: 'long-enough-secret-0123456789abcdef',
  publicUrl: 'https://feedback.example.com',
  smtp: { host: 'smtp.example.com', from: 'sayso <alerts@example.com>' },
  sites: [
    {
      id: 'shop',
      origins: ['https://shop.example'],
      surveys: [{ id: 'nps', kind: 'nps', question: 'Q?' }],
      alerts: {
        slack: { webhookUrl: 'https://hooks.slack.com/services/T0/B0/X' },
        email: { to: ['ops@example.com'] },
        drops: [{ id: 'drop', survey: 'nps' }],
        digests: [{ id: 'weekly', survey: 'nps', every: 'week' }],
      },
    },
  ],
});

function pathOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(isSaysoError(err) && err.code).toBe('E_CONFIG_INVALID');
    return (err as { path?: string }).path;
  }
  throw new Error('expected a config error');
}

describe('alerts config', () => {
  test('applies defaults', () => {
    const c = resolveConfig(good());
    expect(c.sites.get('shop')!.alerts).toEqual({
      drops: [{ id: 'drop', survey: 'nps', recentDays: 7, baselineDays: 28, level: 0.95, minPoints: 5, minAnswers: 30, cooldownDays: 7 }],
      digests: [{ id: 'weekly', survey: 'nps', every: 'week', comments: 5 }],
      detractors: [],
      slack: { webhookUrl: 'https://hooks.slack.com/services/T0/B0/X' },
      email: { to: ['ops@example.com'] },
    });
    expect(c.smtp).toEqual({ host: 'smtp.example.com', port: 587, secure: false, from: 'sayso <alerts@example.com>' });
    expect(c.allowPrivateDestinations).toBe(false);
    expect(resolveConfig({ ...good(), smtp: { ...good().smtp, secure: true } }).smtp!.port).toBe(465);
  });

  test('a site without alerts has none', () => {
    const c = good();
    delete c.sites[0].alerts;
    delete c.smtp;
    expect(resolveConfig(c).sites.get('shop')!.alerts).toEqual({ drops: [], digests: [], detractors: [] });
  });

  test('rules without a destination in the file are taken: users opt in to email and the Slack URL can be set in the studio', () => {
    const c = good();
    delete c.sites[0].alerts.slack;
    delete c.sites[0].alerts.email;
    c.sites[0].alerts.detractors = [{ id: 'detractors', withComment: true }];
    expect(resolveConfig(c).sites.get('shop')!.alerts.detractors).toEqual([{ id: 'detractors', survey: null, withComment: true }]);
  });

  test("the admin API's form: a typed rule, its bad fields named without a prefix", () => {
    const surveys = new Set(['nps']);
    expect(resolveAlertRule({ type: 'detractor', id: 'd', survey: 'nps' }, '', surveys)).toEqual({ type: 'detractor', id: 'd', survey: 'nps', withComment: false });
    expect(resolveAlertRule({ type: 'digest', id: 'w', survey: 'nps', every: 'day' }, '', surveys)).toEqual({ type: 'digest', id: 'w', survey: 'nps', every: 'day', comments: 5 });
    expect(pathOf(() => resolveAlertRule({ type: 'drops', id: 'd' }, '', surveys))).toBe('type');
    expect(pathOf(() => resolveAlertRule({ type: 'drop', id: 'd', survey: 'nps', level: 1 }, '', surveys))).toBe('level');
    // A key of another type is refused, not ignored.
    expect(pathOf(() => resolveAlertRule({ type: 'detractor', id: 'd', every: 'day' }, '', surveys))).toBe('every');
    expect(pathOf(() => resolveAlertRule({ type: 'drop', id: 'd', survey: 'nps', minAnswers: 0 }, '', surveys))).toBe('minAnswers');
    expect(resolveAlertRule({ type: 'drop', id: 'd', survey: 'nps', minAnswers: 1 }, '', surveys)).toMatchObject({ minAnswers: 1, recentDays: 7 });
  });

  const A = 'sites[0].alerts';
  test.each([
    [`${A}`, (c: any) => (c.sites[0].alerts = [])],
    [`${A}.drop`, (c: any) => (c.sites[0].alerts.drop = [])],
    [`${A}.drops[0].id`, (c: any) => (c.sites[0].alerts.drops[0].id = 'a b')],
    [`${A}.drops[1].id`, (c: any) => c.sites[0].alerts.drops.push({ id: 'drop', survey: 'nps' })],
    [`${A}.drops[0].survey`, (c: any) => (c.sites[0].alerts.drops[0].survey = 'np')],
    [`${A}.drops[0].survey`, (c: any) => (c.sites[0].alerts.drops[0].survey = 'nps2')],
    [`${A}.drops[0].level`, (c: any) => (c.sites[0].alerts.drops[0].level = 1)],
    [`${A}.drops[0].level`, (c: any) => (c.sites[0].alerts.drops[0].level = 95)],
    [`${A}.drops[0].minAnswers`, (c: any) => (c.sites[0].alerts.drops[0].minAnswers = 0)],
    [`${A}.drops[0].recentDays`, (c: any) => (c.sites[0].alerts.drops[0].recentDays = 1.5)],
    [`${A}.drops[0].minPoints`, (c: any) => (c.sites[0].alerts.drops[0].minPoints = -1)],
    [`${A}.drops[0].cooldownDays`, (c: any) => (c.sites[0].alerts.drops[0].cooldownDays = '7')],
    [`${A}.drops[0].minpoints`, (c: any) => (c.sites[0].alerts.drops[0].minpoints = 5)],
    [`${A}.digests[0].every`, (c: any) => (c.sites[0].alerts.digests[0].every = 'month')],
    [`${A}.digests[0].comments`, (c: any) => (c.sites[0].alerts.digests[0].comments = 51)],
    [`${A}.digests[0].id`, (c: any) => (c.sites[0].alerts.digests[0].id = 'drop')],
    [`${A}.slack.webhookUrl`, (c: any) => (c.sites[0].alerts.slack.webhookUrl = 'hooks.slack.com/x')],
    [`${A}.slack.webhookUrl`, (c: any) => (c.sites[0].alerts.slack.webhookUrl = 'ftp://hooks.slack.com/x')],
    [`${A}.email.to`, (c: any) => (c.sites[0].alerts.email.to = [])],
    [`${A}.email.to[1]`, (c: any) => c.sites[0].alerts.email.to.push('not an address')],
    [`${A}.email.to[0]`, (c: any) => (c.sites[0].alerts.email.to = ['ops@localhost'])],
    [`${A}.detractors[0].id`, (c: any) => (c.sites[0].alerts.detractors = [{ id: 'weekly' }])],
    [`${A}.detractors[0].survey`, (c: any) => (c.sites[0].alerts.detractors = [{ id: 'd', survey: 'nps ' }])],
    [`${A}.detractors[0].withComment`, (c: any) => (c.sites[0].alerts.detractors = [{ id: 'd', withComment: 'yes' }])],
    [`${A}.email`, (c: any) => delete c.smtp],
    [`${A}`, (c: any) => delete c.publicUrl],
    ['smtp.host', (c: any) => (c.smtp.host = '')],
    ['smtp.port', (c: any) => (c.smtp.port = 70000)],
    ['smtp.secure', (c: any) => (c.smtp.secure = 'yes')],
    ['smtp.pass', (c: any) => (c.smtp.user = 'u')],
    ['smtp.from', (c: any) => (c.smtp.from = 'sayso')],
    ['smtp.tls', (c: any) => (c.smtp.tls = true)],
    ['allowPrivateDestinations', (c: any) => (c.allowPrivateDestinations = 'true')],
  ])('%s is checked', (path, mutate) => {
    const c = good();
    mutate(c);
    expect(pathOf(() => resolveConfig(c))).toBe(path);
  });

  test('SMTP settings from the environment', async () => {
    const c = await loadConfig({ env: { SAYSO_SMTP_HOST: 'mail.example.com', SAYSO_SMTP_PORT: '2525', SAYSO_SMTP_SECURE: 'true', SAYSO_SMTP_USER: 'u', SAYSO_SMTP_PASS: 'p', SAYSO_SMTP_FROM: 'alerts@example.com' } });
    const { smtp: _file, ...rest } = good();
    expect(resolveConfig({ ...rest, ...c }).smtp).toEqual({ host: 'mail.example.com', port: 2525, secure: true, user: 'u', pass: 'p', from: 'alerts@example.com' });
  });
});
