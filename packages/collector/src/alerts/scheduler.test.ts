// The drop rule and digests through the real scheduler, on real stored
// responses (PGlite always, PostgreSQL when SAYSO_TEST_DATABASE_URL is set),
// delivering to a real local HTTP receiver in Slack's place.
import { uuidv7 } from '@sayso/core';
import postgres from 'postgres';
import { describe, expect, test } from 'vitest';
import { SECRET_ACTOR } from '../auth/roles.js';
import { createCollector, type Collector } from '../collector.js';
import { pgliteDriver } from '../storage/pglite.js';
import { sqlStorage } from '../storage/sql-storage.js';
import type { Storage, StoredResponse } from '../storage/types.js';
import { SECRET } from '../test-fixtures.js';
import type { AlertMessage } from './message.js';
import { httpReceiver, smtpReceiver, type HttpReceiver } from './test-receivers.js';

const DAY = 86_400_000;
// The clock of every check: 09:00 UTC on 30 November 2026.
const NOW = Date.parse('2026-11-30T09:00:00Z');
const dayAt = (offset: number, minute = 0) => new Date(Date.parse('2026-11-30T12:00:00Z') + offset * DAY + minute * 60_000).toISOString();

// Ten answers a day. BASE: 6 promoters, 2 passives, 2 detractors = NPS 40.
// LOW: 3 promoters, 3 passives, 4 detractors = NPS −10. A drop of exactly 50 points.
const BASE = [10, 10, 10, 9, 9, 9, 8, 7, 3, 0];
const LOW = [10, 10, 9, 8, 8, 7, 6, 5, 2, 0];

function answers(offset: number, scores: readonly number[], comment?: (score: number, i: number) => string | undefined): StoredResponse[] {
  return scores.map((score, i) => {
    const text = comment?.(score, i);
    return {
      id: uuidv7(),
      surveyId: 'nps-main',
      kind: 'nps',
      score,
      scale: [0, 10],
      createdAt: dayAt(offset, i),
      anonymousId: `a${offset}-${i}`,
      attributes: { plan: 'pro' },
      page: { url: 'https://shop.test/checkout' },
      locale: 'en',
      channel: 'web',
      ...(text ? { comment: text } : {}),
    };
  });
}

/** Baseline days −34..−7 of BASE; recent days −6..+2 of `recent` (so a check two days later still sees a drop). */
function plant(recent: readonly number[] | null): StoredResponse[] {
  const out: StoredResponse[] = [];
  for (let d = -34; d <= -7; d++) out.push(...answers(d, BASE));
  if (recent) for (let d = -6; d <= 2; d++) out.push(...answers(d, recent));
  return out;
}

const rule = (o: Record<string, unknown> = {}) => ({ id: 'nps-drop', survey: 'nps-main', recentDays: 7, baselineDays: 28, level: 0.95, minPoints: 5, minAnswers: 30, cooldownDays: 2, ...o });

function config(slackUrl: string, alerts: Record<string, unknown>) {
  return {
    secret: SECRET,
    publicUrl: 'https://feedback.example.com',
    allowPrivateDestinations: true,
    sites: [
      {
        id: 'demo',
        origins: ['https://shop.test'],
        surveys: [{ id: 'nps-main', kind: 'nps', question: 'How likely are you to recommend us?' }],
        alerts: { slack: { webhookUrl: slackUrl }, ...alerts },
      },
    ],
  };
}

type OpenStorage = () => Promise<{ storage: () => Promise<Storage>; drop: () => Promise<void> }>;

const pgUrl = process.env.SAYSO_TEST_DATABASE_URL;

// One in-memory PGlite for the file (opening one costs seconds on a busy
// machine), emptied for each test; the collector closing it leaves it open.
let pglite: Promise<{ storage: Storage; exec: (sql: string) => Promise<void> }> | undefined;
const backends: Array<[string, OpenStorage]> = [
  ['PGlite', async () => {
    pglite ??= pgliteDriver().then((driver) => ({ storage: sqlStorage(driver), exec: (sql: string) => driver.exec(sql) }));
    const { storage, exec } = await pglite;
    await storage.migrate();
    await exec('truncate sayso_responses, sayso_events, sayso_tallies, sayso_alert_runs, sayso_alert_rules, sayso_alert_destinations, sayso_alert_outbox');
    return { storage: async () => ({ ...storage, close: async () => {} }), drop: async () => {} };
  }],
];
if (pgUrl) {
  backends.push(['PostgreSQL', async () => {
    const name = `sayso_alerts_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
    const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    const { postgresStorage } = await import('../storage/postgres.js');
    return {
      storage: async () => postgresStorage({ url: url.toString(), max: 4 }),
      drop: async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }]);
}

for (const [name, open] of backends) {
  describe(`alerts through the scheduler: ${name}`, { timeout: 120_000 }, () => {
    // A receiver of its own for each collector, so nothing late from one test reaches the next.
    let slack: HttpReceiver;

    /** A collector with `alerts` on a fresh database holding `responses`; its clock reads `clock.now`. */
    async function collectorWith(alerts: Record<string, unknown>, responses: StoredResponse[]) {
      slack = await httpReceiver();
      const receiver = slack;
      const db = await open();
      const storage = await db.storage();
      const clock = { now: NOW };
      const fired: AlertMessage[] = [];
      const collector = await createCollector({
        config: config(slack.url, alerts),
        storage,
        logLevel: 'silent',
        sdkDir: false,
        examplesDir: false,
        compactEveryMs: 0,
        countTermsEveryMs: 0,
        alertTickMs: 0,
        alertClock: () => clock.now,
        onAlert: (m) => void fired.push(m),
      });
      const outcome = await collector.storage.ingest('demo', { responses, events: [] }, []);
      expect(outcome.accepted).toHaveLength(responses.length);
      return { collector, clock, fired, db, close: async () => (await collector.close(), await db.drop(), await receiver.close()) };
    }

    test('a planted drop fires once, with both scores, their intervals, the difference and p, and a link to the report', async () => {
      const { collector, fired, close } = await collectorWith({ drops: [rule()] }, plant(LOW));
      try {
        // A webhook endpoint subscribed to alerts gets the drop through the outbox; one for answers does not.
        const url = 'https://hooks.example.com/sayso';
        const { endpoint: subscribed } = await collector.storage.webhooks.createEndpoint('demo', { url, eventTypes: ['alert.triggered'] }, SECRET_ACTOR);
        const { endpoint: answersOnly } = await collector.storage.webhooks.createEndpoint('demo', { url, eventTypes: ['response.created'] }, SECRET_ACTOR);
        const [outcome, ...more] = await collector.alerts.tick();
        expect(more).toEqual([]);
        expect(outcome).toMatchObject({ site: 'demo', rule: 'nps-drop', period: '2026-11-30', fired: true, sent: ['slack'], failed: [] });
        expect(fired).toHaveLength(1);
        const drop = fired[0]!.type === 'drop' ? fired[0]!.drop : undefined;
        // Computed by hand: baseline 280 answers, NPS 40, Wald SE 100·√(0.64/280);
        // recent 70 answers, NPS −10, SE 100·√(0.69/70); difference −50.
        expect(drop?.recent).toMatchObject({ from: '2026-11-24', to: '2026-11-30', n: 70 });
        expect(drop?.baseline).toMatchObject({ from: '2026-10-27', to: '2026-11-23', n: 280 });
        expect(drop?.recent.score).toBeCloseTo(-10, 9);
        expect(drop?.baseline.score).toBeCloseTo(40, 9);
        expect(drop?.comparison.difference).toBeCloseTo(-50, 9);
        expect(drop?.comparison.standardError).toBeCloseTo(Math.sqrt(6400 / 280 + 6900 / 70), 9);
        expect(drop?.comparison.p).toBeLessThan(0.001);

        expect(slack.requests).toHaveLength(1);
        const body = slack.requests[0]!.body as { text: string; blocks: Array<{ type: string; text?: { text: string }; fields?: Array<{ text: string }>; elements?: Array<{ url: string }> }> };
        expect(body.text).toBe('nps-main: the score dropped from 40.0 to −10.0');
        expect(body.blocks[0]!.text!.text).toContain('dropped by *50.0* points');
        const fields = body.blocks[1]!.fields!.map((f) => f.text);
        expect(fields[0]).toMatch(/^\*Last 2026-11-24 – 2026-11-30\*\n−10\.0 \(−\d+\.\d to \d+\.\d\), 70 answers$/);
        expect(fields[1]).toMatch(/^\*Before 2026-10-27 – 2026-11-23\*\n40\.0 \(\d+\.\d to \d+\.\d\), 280 answers$/);
        expect(fields[2]).toMatch(/^\*Difference\*\n−50\.0 \(−\d+\.\d to −\d+\.\d\)$/);
        expect(fields[3]).toBe('*p*\n< 0.001');
        expect(body.blocks[2]!.elements![0]!.url).toBe('https://feedback.example.com/studio/report?site=demo&survey=nps-main');

        const queued = await collector.storage.webhooks.deliveries('demo', subscribed.id, { limit: 10 });
        expect(queued.map((d) => d.eventType)).toEqual(['alert.triggered']);
        expect(await collector.storage.webhooks.deliveries('demo', answersOnly.id, { limit: 10 })).toEqual([]);

        // The same day again: the run is taken, nothing is sent twice.
        expect(await collector.alerts.tick()).toEqual([]);
        expect(slack.requests).toHaveLength(1);
        expect(await collector.storage.webhooks.deliveries('demo', subscribed.id, { limit: 10 })).toHaveLength(1);
      } finally {
        await close();
      }
    });

    test('the same data without the drop stays quiet', async () => {
      const { collector, fired, close } = await collectorWith({ drops: [rule()] }, plant(BASE));
      try {
        expect(await collector.alerts.tick()).toMatchObject([{ fired: false, quiet: 'no-drop', sent: [] }]);
        expect(fired).toEqual([]);
        expect(slack.requests).toEqual([]);
      } finally {
        await close();
      }
    });

    test('a drop on too few answers stays quiet; exactly minAnswers fires', async () => {
      // Day 0 only: 10 answers, all detractors (NPS −100): significant, but only 10 answers.
      const data = [...plant(null), ...answers(0, new Array(10).fill(0))];
      const few = await collectorWith({ drops: [rule({ minAnswers: 11 })] }, data);
      try {
        expect(await few.collector.alerts.tick()).toMatchObject([{ fired: false, quiet: 'too-few-answers' }]);
        expect(slack.requests).toEqual([]);
      } finally {
        await few.close();
      }
      const enough = await collectorWith({ drops: [rule({ minAnswers: 10 })] }, data);
      try {
        expect(await enough.collector.alerts.tick()).toMatchObject([{ fired: true, sent: ['slack'] }]);
      } finally {
        await enough.close();
      }
    });

    test('a drop just under the point threshold stays quiet; exactly at it fires', async () => {
      const under = await collectorWith({ drops: [rule({ minPoints: 50.1 })] }, plant(LOW));
      try {
        expect(await under.collector.alerts.tick()).toMatchObject([{ fired: false, quiet: 'too-small' }]);
        expect(slack.requests).toEqual([]);
      } finally {
        await under.close();
      }
      const at = await collectorWith({ drops: [rule({ minPoints: 50 })] }, plant(LOW));
      try {
        expect(await at.collector.alerts.tick()).toMatchObject([{ fired: true }]);
      } finally {
        await at.close();
      }
    });

    test('within the cooldown it stays quiet, and fires again the day the cooldown ends', async () => {
      const { collector, clock, fired, close } = await collectorWith({ drops: [rule({ cooldownDays: 2 })] }, plant(LOW));
      try {
        expect(await collector.alerts.tick()).toMatchObject([{ period: '2026-11-30', fired: true }]);
        clock.now = NOW + DAY;
        expect(await collector.alerts.tick()).toMatchObject([{ period: '2026-12-01', fired: false, quiet: 'cooldown' }]);
        clock.now = NOW + 2 * DAY;
        expect(await collector.alerts.tick()).toMatchObject([{ period: '2026-12-02', fired: true, sent: ['slack'], failed: [] }]);
        expect(fired).toHaveLength(2);
        expect(slack.requests).toHaveLength(2);
      } finally {
        await close();
      }
    });

    test('a daily digest: the score, its interval, the change, the answers and the newest detractor comments, once per day', async () => {
      // Yesterday (the last finished day): LOW with comments; the day before: BASE.
      const said = (score: number, i: number) => (i % 2 === 0 ? `said ${score} <b>&</b> #${i}` : undefined);
      const data = [...answers(-2, BASE), ...answers(-1, LOW, said)];
      const { collector, clock, close } = await collectorWith({ digests: [{ id: 'daily', survey: 'nps-main', every: 'day', comments: 2 }] }, data);
      try {
        expect(await collector.alerts.tick()).toMatchObject([{ rule: 'daily', period: '2026-11-29', fired: true, sent: ['slack'] }]);
        expect(await collector.alerts.tick()).toEqual([]);
        expect(slack.requests).toHaveLength(1);
        const body = slack.requests[0]!.body as { text: string; blocks: Array<{ text?: { text: string }; fields?: Array<{ text: string }> }> };
        expect(body.text).toBe('nps-main: 2026-11-29 digest, score −10.0 (−50.0)');
        expect(body.blocks[0]!.text!.text).toBe('*nps-main*, 2026-11-29 (2026-11-29 – 2026-11-29)');
        const fields = body.blocks[1]!.fields!.map((f) => f.text);
        expect(fields[0]).toMatch(/^\*Score\*\n−10\.0 \(−\d+\.\d to \d+\.\d\)$/);
        expect(fields[1]).toBe('*Change*\n−50.0 since 40.0 (not significant)');
        expect(fields[2]).toBe('*Answers*\n10');
        // Detractors (0-6) with a comment, newest first: LOW's 6 (i=6) and 2 (i=8); 0 (i=9) has none; 5 (i=7) has none.
        // Only two asked for; the promoters' comments (i=0, 2, 4) never appear. Escaped for mrkdwn.
        expect(body.blocks[2]!.text!.text).toBe('*Newest comments of detractors*\n*2*\n>said 2 &lt;b&gt;&amp;&lt;/b&gt; #8\n*6*\n>said 6 &lt;b&gt;&amp;&lt;/b&gt; #6');
        clock.now = NOW + DAY;
        expect(await collector.alerts.tick()).toMatchObject([{ period: '2026-11-30', fired: true }]);
        expect(slack.requests).toHaveLength(2);
      } finally {
        await close();
      }
    });
  });
}

if (pgUrl) {
  describe('alerts: two instances on one PostgreSQL', { timeout: 120_000 }, () => {
    test('a digest and a drop alert fire once per period, though both instances tick at once', async () => {
      const slack = await httpReceiver();
      const name = `sayso_alerts2_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
      const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      const url = new URL(pgUrl);
      url.pathname = `/${name}`;
      const clock = { now: NOW };
      const make = () =>
        createCollector({
          config: config(slack.url, { drops: [rule({ cooldownDays: 0 })], digests: [{ id: 'daily', survey: 'nps-main', every: 'day' }] }),
          databaseUrl: url.toString(),
          logLevel: 'silent',
          sdkDir: false,
          examplesDir: false,
          compactEveryMs: 0,
          countTermsEveryMs: 0,
          alertTickMs: 0,
          alertClock: () => clock.now,
        });
      const instances: Collector[] = [];
      try {
        instances.push(...(await Promise.all([make(), make()])));
        await instances[0]!.storage.ingest('demo', { responses: plant(LOW), events: [] }, []);
        for (let day = 0; day < 3; day++) {
          clock.now = NOW + day * DAY;
          // Several rounds of both at once: each period is claimed by exactly one of them.
          const ran = (await Promise.all([0, 1, 2].flatMap(() => instances.map((c) => c.alerts.tick())))).flat();
          expect(ran.map((o) => `${o.rule}@${'period' in o ? o.period : ''}`).sort()).toEqual([`daily@${new Date(clock.now - DAY).toISOString().slice(0, 10)}`, `nps-drop@${new Date(clock.now).toISOString().slice(0, 10)}`]);
        }
        // Three drop alerts and three digests, each sent once.
        expect(slack.requests).toHaveLength(6);
        expect(slack.requests.filter((r) => (r.body as { text: string }).text.includes('digest'))).toHaveLength(3);
      } finally {
        await Promise.all(instances.map((c) => c.close()));
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
        await slack.close();
      }
    });
  });
}

describe('alerts by email through the scheduler', { timeout: 120_000 }, () => {
  test('a weekly digest goes to the opted-in recipients through SMTP, once per week', async () => {
    const smtp = await smtpReceiver();
    const [, open] = backends[0]!;
    const db = await open();
    const clock = { now: NOW };
    const base = config('https://unused.example.com/', {}) as ReturnType<typeof config> & { smtp?: unknown };
    const site = base.sites[0]!;
    const collector = await createCollector({
      config: {
        ...base,
        smtp: { host: '127.0.0.1', port: smtp.port, from: 'sayso <alerts@example.com>' },
        sites: [{ ...site, alerts: { email: { to: ['cx@example.com'] }, digests: [{ id: 'weekly', survey: 'nps-main', every: 'week', comments: 1 }] } }],
      },
      storage: await db.storage(),
      logLevel: 'silent',
      sdkDir: false,
      examplesDir: false,
      compactEveryMs: 0,
      countTermsEveryMs: 0,
      alertTickMs: 0,
      alertClock: () => clock.now,
    });
    try {
      // The last finished ISO week at Monday 30 November is 23-29 November (days −7..−1), BASE the week before.
      const data = [...plant(null).filter((r) => r.createdAt >= dayAt(-14) && r.createdAt < dayAt(-7)), ...[-7, -6, -5, -4, -3, -2, -1].flatMap((d) => answers(d, LOW, (score) => (score <= 6 ? `day ${d}: <i>too slow</i>` : 'great')))];
      await collector.storage.ingest('demo', { responses: data, events: [] }, []);
      // Digests go to the users who opted in for the site too (never a disabled one), besides the config's list.
      for (const [email, disabled] of [['ana@shop.test', false], ['bo@shop.test', true]] as const) {
        const user = await collector.storage.users.add({ email, name: '', role: 'viewer', passwordHash: 'x' }, SECRET_ACTOR);
        if (user === 'exists') throw new Error(email);
        await collector.storage.alerts.setOptIn(user.id, 'demo', true);
        if (disabled) await collector.storage.users.update(user.id, { disabled: true }, SECRET_ACTOR);
      }
      expect(await collector.alerts.tick()).toMatchObject([{ rule: 'weekly', period: '2026-W48', fired: true, sent: ['email'], failed: [] }]);
      clock.now = NOW + 3 * DAY;
      expect(await collector.alerts.tick()).toEqual([]);
      expect(smtp.messages).toHaveLength(1);
      const { to, mail } = smtp.messages[0]!;
      expect(to).toEqual(['ana@shop.test', 'cx@example.com']);
      expect(mail.subject).toBe('nps-main: 2026-W48 digest, score −10.0 (−50.0)');
      expect(mail.text).toContain('Period: 2026-W48 (2026-11-23 – 2026-11-29)\n');
      expect(mail.text).toContain('Answers: 70\n');
      // One comment asked for: the newest detractor's (day −1), never a promoter's.
      expect(mail.text).toContain('> day -1: <i>too slow</i>');
      expect(mail.text).not.toContain('day -2');
      expect(mail.text).not.toContain('great');
      expect(String(mail.html)).toContain('day -1: &lt;i&gt;too slow&lt;/i&gt;');
    } finally {
      await collector.close();
      await db.drop();
      await smtp.close();
    }
  });
});
