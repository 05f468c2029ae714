// Detractor alerts through the real scheduler on real storage (PGlite
// always, PostgreSQL when SAYSO_TEST_DATABASE_URL is set), to a real local
// HTTP receiver in Slack's place and a real SMTP server: each detractor
// answer once, to Slack and to the users who opted in; never twice with two
// schedulers ticking at once; a flood bounded; a failed destination retried
// alone; what a crashed instance had claimed sent when its claim ends.
import { uuidv7 } from '@sayso/core';
import postgres from 'postgres';
import { describe, expect, test } from 'vitest';
import { SECRET_ACTOR } from '../auth/roles.js';
import { createCollector, type Collector, type CreateCollectorOptions } from '../collector.js';
import { jsonLogger } from '../server/log.js';
import { pgliteDriver } from '../storage/pglite.js';
import { sqlStorage } from '../storage/sql-storage.js';
import type { Storage, StoredResponse } from '../storage/types.js';
import { SECRET } from '../test-fixtures.js';
import { alertScheduler, type TickOutcome } from './scheduler.js';
import { httpReceiver, smtpReceiver, type HttpReceiver } from './test-receivers.js';

const ORIGIN = 'https://feedback.example.com';

function answer(o: Partial<StoredResponse> = {}): StoredResponse {
  return {
    id: uuidv7(),
    surveyId: 'nps-main',
    kind: 'nps',
    score: 3,
    scale: [0, 10],
    createdAt: new Date().toISOString(),
    anonymousId: 'a',
    attributes: { plan: 'pro' },
    page: { url: 'https://shop.test/checkout' },
    locale: 'en',
    channel: 'web',
    ...o,
  };
}

function config(slackUrl: string, smtpPort: number, detractors: unknown[] = [{ id: 'unhappy' }]) {
  return {
    secret: SECRET,
    publicUrl: ORIGIN,
    allowPrivateDestinations: true,
    smtp: { host: '127.0.0.1', port: smtpPort, from: 'sayso <alerts@example.com>' },
    sites: [
      {
        id: 'demo',
        origins: ['https://shop.test'],
        surveys: [
          { id: 'nps-main', kind: 'nps', question: 'How likely are you to recommend us?' },
          { id: 'csat', kind: 'csat', question: 'Happy?' },
        ],
        alerts: { slack: { webhookUrl: slackUrl }, email: { to: ['cx@example.com'] }, detractors },
      },
    ],
  };
}

type Open = () => Promise<{ storage: Storage; drop: () => Promise<void> }>;
const pgUrl = process.env.SAYSO_TEST_DATABASE_URL;
let pglite: Promise<{ storage: Storage; exec: (sql: string) => Promise<void> }> | undefined;
const backends: Array<[string, Open]> = [
  [
    'PGlite',
    async () => {
      pglite ??= pgliteDriver().then((driver) => ({ storage: sqlStorage(driver), exec: (sql: string) => driver.exec(sql) }));
      const { storage, exec } = await pglite;
      await storage.migrate();
      await exec(
        'truncate sayso_responses, sayso_events, sayso_tallies, sayso_alert_runs, sayso_alert_rules, sayso_alert_destinations, sayso_alert_outbox, sayso_alert_optins, sayso_users cascade',
      );
      return { storage: { ...storage, close: async () => {} }, drop: async () => {} };
    },
  ],
];
if (pgUrl) {
  backends.push([
    'PostgreSQL',
    async () => {
      const name = `sayso_detractors_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
      const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      const url = new URL(pgUrl);
      url.pathname = `/${name}`;
      const { postgresStorage } = await import('../storage/postgres.js');
      return {
        storage: postgresStorage({ url: url.toString(), max: 4 }),
        drop: async () => {
          await admin.unsafe(`drop database if exists ${name} with (force)`);
          await admin.end();
        },
      };
    },
  ]);
}

interface Slack {
  text: string;
  blocks: Array<{ type: string; text?: { text: string }; fields?: Array<{ text: string }>; elements?: Array<{ url: string }> }>;
}
const slackBodies = (r: HttpReceiver) => r.requests.map((q) => q.body as Slack);
const detractorOutcomes = (o: TickOutcome[]) => o.filter((x): x is Extract<TickOutcome, { type: 'detractor' }> => 'type' in x && x.type === 'detractor');

for (const [name, open] of backends) {
  describe(`detractor alerts through the scheduler: ${name}`, { timeout: 120_000 }, () => {
    async function start(detractors?: unknown[], more: Partial<CreateCollectorOptions> = {}) {
      const slack = await httpReceiver();
      const smtp = await smtpReceiver();
      const db = await open();
      const collector = await createCollector({
        config: config(slack.url, smtp.port, detractors),
        storage: db.storage,
        logLevel: 'silent',
        sdkDir: false,
        examplesDir: false,
        compactEveryMs: 0,
        countTermsEveryMs: 0,
        refreshSitesEveryMs: 0,
        alertTickMs: 0,
        ...more,
      });
      const close = async () => {
        await collector.close();
        await db.drop();
        await slack.close();
        await smtp.close();
      };
      return { collector, slack, smtp, close };
    }

    async function users(c: Collector) {
      const add = async (email: string) => {
        const u = await c.storage.users.add({ email, name: '', role: 'viewer', passwordHash: 'x' }, SECRET_ACTOR);
        if (u === 'exists') throw new Error(email);
        return u;
      };
      const ana = await add('ana@shop.test');
      const bo = await add('bo@shop.test');
      const cy = await add('cy@shop.test');
      await c.storage.alerts.setOptIn(ana.id, 'demo', true);
      await c.storage.alerts.setOptIn(bo.id, 'demo', true);
      await c.storage.users.update(bo.id, { disabled: true }, SECRET_ACTOR);
      // cy never opted in.
      return { ana, bo, cy };
    }

    test('a 6 is sent once to Slack and by email to the opted-in users and the config list; a 7 and a test answer never', async () => {
      const { collector, slack, smtp, close } = await start();
      try {
        await users(collector);
        const six = answer({ score: 6, comment: 'Checkout <b>broke</b> & @channel <!channel>' });
        const seven = answer({ score: 7, comment: 'fine' });
        const preview = answer({ score: 0, comment: 'preview', test: true });
        await collector.storage.ingest('demo', { responses: [seven, six, preview], events: [] }, []);
        expect(detractorOutcomes(await collector.alerts.tick())).toEqual([{ type: 'detractor', site: 'demo', rule: 'unhappy', sent: 1, grouped: 0, retrying: 0, failed: [] }]);
        expect(await collector.alerts.tick()).toEqual([]);

        expect(slack.requests).toHaveLength(1);
        const body = slackBodies(slack)[0]!;
        expect(body.text).toBe('nps-main: a detractor answered 6');
        expect(body.blocks[0]!.text!.text).toBe('*nps-main*: a detractor answered *6* (of 0–10)');
        // The comment is escaped: it can neither ping the channel nor forge a link.
        expect(body.blocks[1]!.text!.text).toBe('>Checkout &lt;b&gt;broke&lt;/b&gt; &amp; @channel &lt;!channel&gt;');
        expect(body.blocks[3]!.elements![0]!.url).toBe(`${ORIGIN}/studio/responses/demo/${six.id}`);

        expect(smtp.messages).toHaveLength(1);
        const mail = smtp.messages[0]!;
        // Opted in and not disabled, then the config's list; bo is disabled, cy never opted in.
        expect(mail.to).toEqual(['ana@shop.test', 'cx@example.com']);
        expect(mail.mail.subject).toBe('nps-main: a detractor answered 6');
        expect(mail.mail.text).toContain(`Open the answer: ${ORIGIN}/studio/responses/demo/${six.id}`);
        expect(String(mail.mail.html)).toContain('Checkout &lt;b&gt;broke&lt;/b&gt;');
      } finally {
        await close();
      }
    });

    test('two schedulers ticking at once send each answer once', async () => {
      const { collector, slack, smtp, close } = await start();
      const second = alertScheduler({ storage: collector.storage, config: collector.config, log: jsonLogger('silent'), surveys: (s) => collector.sites.get(s)?.surveys ?? [] });
      try {
        const answers = Array.from({ length: 8 }, (_, i) => answer({ score: i % 7, comment: `#${i}` }));
        await collector.storage.ingest('demo', { responses: answers, events: [] }, []);
        const ran = (await Promise.all([collector.alerts.tick(), second.tick(), collector.alerts.tick(), second.tick()])).flat();
        expect(detractorOutcomes(ran).reduce((n, o) => n + o.sent, 0)).toBe(8);
        expect(slack.requests).toHaveLength(8);
        const linked = slackBodies(slack).map((b) => b.blocks.at(-1)!.elements![0]!.url);
        expect(new Set(linked)).toEqual(new Set(answers.map((a) => `${ORIGIN}/studio/responses/demo/${a.id}`)));
        expect(smtp.messages).toHaveLength(8);
      } finally {
        await second.stop();
        await close();
      }
    });

    test('a flood: 20 one by one, then one message for the rest with a link to the filtered inbox; only rules that match', async () => {
      const { collector, slack, close } = await start([{ id: 'csat-said', survey: 'csat', withComment: true }]);
      try {
        // 23 unhappy CSAT answers with a comment (1 and 2 of 1-5), one without, and a neutral 3: 23 owed.
        const flood = Array.from({ length: 23 }, (_, i) => answer({ surveyId: 'csat', kind: 'csat', scale: [1, 5], score: 1 + (i % 2), comment: `slow ${i}` }));
        const quiet = [answer({ surveyId: 'csat', kind: 'csat', scale: [1, 5], score: 1 }), answer({ surveyId: 'csat', kind: 'csat', scale: [1, 5], score: 3, comment: 'ok' }), answer({ score: 0, comment: 'nps' })];
        await collector.storage.ingest('demo', { responses: [...flood, ...quiet], events: [] }, []);
        expect(detractorOutcomes(await collector.alerts.tick())).toMatchObject([{ rule: 'csat-said', sent: 20, grouped: 3 }]);
        expect(slack.requests).toHaveLength(21);
        const last = slackBodies(slack)[20]!;
        expect(last.text).toBe('csat: 3 more detractor answers');
        expect(last.blocks[1]!.elements![0]!.url).toBe(`${ORIGIN}/studio/responses?site=demo&survey=csat&band=unhappy&hasComment=true`);
        expect(await collector.alerts.tick()).toEqual([]);
        expect(slack.requests).toHaveLength(21);
      } finally {
        await close();
      }
    });

    test('Slack down: email goes at once and is not sent again; Slack gets it on a later tick', async () => {
      const { collector, slack, smtp, close } = await start(undefined, { alertDetractors: { retryMs: () => 0 } });
      try {
        slack.status = 500;
        const one = answer({ score: 2 });
        await collector.storage.ingest('demo', { responses: [one], events: [] }, []);
        expect(detractorOutcomes(await collector.alerts.tick())).toMatchObject([{ sent: 1, retrying: 1, failed: [{ destination: 'slack', error: expect.stringContaining('Slack answered 500') }] }]);
        expect(smtp.messages).toHaveLength(1);
        slack.status = 200;
        expect(detractorOutcomes(await collector.alerts.tick())).toMatchObject([{ sent: 1, retrying: 0, failed: [] }]);
        expect(slack.requests).toHaveLength(2);
        expect(smtp.messages).toHaveLength(1);
        expect(await collector.storage.alerts.pending('demo', 'unhappy')).toBe(0);
      } finally {
        await close();
      }
    });

    test('what a crashed instance had claimed is sent when its claim ends, once', async () => {
      const { collector, slack, close } = await start();
      try {
        const lost = answer({ score: 4 });
        await collector.storage.ingest('demo', { responses: [lost], events: [] }, []);
        // An instance claims it for 1.5 s and dies before sending anything.
        expect((await collector.storage.alerts.claim('demo', 'unhappy', 10, 1500)).items).toHaveLength(1);
        expect(await collector.alerts.tick()).toEqual([]);
        await new Promise((r) => setTimeout(r, 1600));
        expect(detractorOutcomes(await collector.alerts.tick())).toMatchObject([{ sent: 1 }]);
        expect(await collector.alerts.tick()).toEqual([]);
        expect(slack.requests).toHaveLength(1);
      } finally {
        await close();
      }
    });
  });
}
