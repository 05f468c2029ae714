// The alerts part of the shared storage suite (called from storage-suite.ts
// inside its describe, so it runs on PGlite and on PostgreSQL): rules with
// every field, the Slack URL, email opt-ins, and the outbox the ingest
// statement fills with detractor answers.
import { expect, test } from 'vitest';
import { SECRET_ACTOR } from '../auth/roles.js';
import type { AlertRule } from '../alerts/config.js';
import type { SqlDriver } from './driver.js';
import type { Storage, StoredResponse } from './types.js';
import { storedResponse } from './suite-fixtures.js';

type Make = (migrate?: boolean) => Promise<{ storage: Storage; driver: SqlDriver }>;
type Claim = Awaited<ReturnType<Storage['alerts']['claim']>>;

const resp = (o: Partial<StoredResponse> = {}): StoredResponse => storedResponse({ score: 3, ...o });

const DROP: Extract<AlertRule, { type: 'drop' }> = { type: 'drop', id: 'drop', survey: 'nps', recentDays: 3, baselineDays: 21, level: 0.99, minPoints: 7.5, minAnswers: 40, cooldownDays: 0 };
const DIGEST: Extract<AlertRule, { type: 'digest' }> = { type: 'digest', id: 'weekly', survey: 'csat', every: 'week', comments: 0 };

export function alertsSuite(make: Make): void {
  test('alert rules: every field of every type round-trips; ids are unique per site; updates need the row version; deletes take their outbox rows', async () => {
    const { storage } = await make();
    await storage.sites.create({ id: 'shop', name: 'Shop', origins: [], segments: [] });
    await storage.sites.create({ id: 'blog', name: 'Blog', origins: [], segments: [] });
    const detractor: AlertRule = { type: 'detractor', id: 'unhappy', survey: null, withComment: true };
    for (const rule of [DROP, DIGEST, detractor]) expect(await storage.alerts.createRule('shop', rule, 'ana@shop.test')).toBe(true);
    expect(await storage.alerts.createRule('shop', { ...DIGEST, id: 'drop' }, 'ana@shop.test')).toBe(false);
    // The same id on another site is another rule.
    expect(await storage.alerts.createRule('blog', DROP, 'ana@shop.test')).toBe(true);

    const listed = await storage.alerts.listRules('shop');
    expect(listed.map(({ site, createdAt: _c, updatedAt: _u, ...rule }) => ({ site, ...rule }))).toEqual([
      { site: 'shop', ...DROP, updatedBy: 'ana@shop.test', rowVersion: 1 },
      { site: 'shop', ...DIGEST, updatedBy: 'ana@shop.test', rowVersion: 1 },
      { site: 'shop', ...detractor, updatedBy: 'ana@shop.test', rowVersion: 1 },
    ]);
    expect((await storage.alerts.listRules()).map((r) => `${r.site}/${r.id}`).sort()).toEqual(['blog/drop', 'shop/drop', 'shop/unhappy', 'shop/weekly']);

    const changed = await storage.alerts.updateRule('shop', { ...DROP, minPoints: 3 }, 1, 'bo@shop.test');
    expect(changed).toMatchObject({ minPoints: 3, recentDays: 3, rowVersion: 2, updatedBy: 'bo@shop.test' });
    expect(await storage.alerts.updateRule('shop', { ...DROP, minPoints: 4 }, 1, 'bo@shop.test')).toBe('stale');
    expect(await storage.alerts.updateRule('shop', { ...DROP, id: 'nope' }, 1, 'bo@shop.test')).toBe('missing');
    // The type is part of what a rule is: a digest cannot overwrite a drop rule of the same id.
    expect(await storage.alerts.updateRule('shop', { ...DIGEST, id: 'drop' }, 2, 'bo@shop.test')).toBe('stale');
    expect((await storage.alerts.getRule('shop', 'drop'))?.type).toBe('drop');

    await storage.ingest('shop', { responses: [resp({ comment: 'slow' })], events: [] }, []);
    expect(await storage.alerts.pending('shop', 'unhappy')).toBe(1);
    expect(await storage.alerts.deleteRule('shop', 'unhappy', 2)).toBe('stale');
    expect(await storage.alerts.deleteRule('shop', 'unhappy', 1)).toBe('deleted');
    expect(await storage.alerts.deleteRule('shop', 'unhappy', 1)).toBe('missing');
    expect(await storage.alerts.pending('shop', 'unhappy')).toBe(0);
    // A deleted rule fires no more, and its id comes back only when asked to (the admin API; never the config import).
    await storage.ingest('shop', { responses: [resp({ comment: 'still slow' })], events: [] }, []);
    expect(await storage.alerts.pending('shop', 'unhappy')).toBe(0);
    expect(await storage.alerts.createRule('shop', detractor, 'config')).toBe(false);
    expect(await storage.alerts.getRule('shop', 'unhappy')).toBeUndefined();
    expect(await storage.alerts.createRule('shop', { ...DIGEST, id: 'unhappy' }, 'cy@shop.test', undefined, { revive: true })).toBe(true);
    expect(await storage.alerts.getRule('shop', 'unhappy')).toMatchObject({ type: 'digest', updatedBy: 'cy@shop.test' });
    expect(await storage.alerts.createRule('shop', DIGEST, 'cy@shop.test', undefined, { revive: true })).toBe(false);
    expect((await storage.alerts.listRules('shop')).map((r) => r.id)).toEqual(['drop', 'weekly', 'unhappy']);
  });

  test('the Slack URL: the first write takes version 0, later ones need the current version', async () => {
    const { storage } = await make();
    await storage.sites.create({ id: 'shop', name: 'Shop', origins: [], segments: [] });
    expect(await storage.alerts.destinations('shop')).toEqual({ slackUrl: null, rowVersion: 0 });
    expect(await storage.alerts.setSlackUrl('shop', 'https://hooks.slack.com/services/A', 0)).toEqual({ slackUrl: 'https://hooks.slack.com/services/A', rowVersion: 1 });
    // Two writers who both read "no row yet": the second is stale, not an overwrite.
    expect(await storage.alerts.setSlackUrl('shop', 'https://hooks.slack.com/services/B', 0)).toBe('stale');
    expect(await storage.alerts.setSlackUrl('shop', 'https://hooks.slack.com/services/B', 2)).toBe('stale');
    expect(await storage.alerts.setSlackUrl('shop', null, 1)).toEqual({ slackUrl: null, rowVersion: 2 });
    expect(await storage.alerts.destinations('shop')).toEqual({ slackUrl: null, rowVersion: 2 });
  });

  test('email opt-ins: off by default, per user and site; disabled users get nothing; deleting a user deletes theirs', async () => {
    const { storage } = await make();
    await storage.sites.create({ id: 'shop', name: 'Shop', origins: [], segments: [] });
    await storage.sites.create({ id: 'blog', name: 'Blog', origins: [], segments: [] });
    const add = async (email: string) => {
      const u = await storage.users.add({ email, name: '', role: 'viewer', passwordHash: 'x' }, SECRET_ACTOR);
      if (u === 'exists') throw new Error(email);
      return u;
    };
    const ana = await add('Ana@Shop.test');
    const bo = await add('bo@shop.test');
    const cy = await add('cy@shop.test');
    expect(await storage.alerts.optIns(ana.id)).toEqual([]);
    expect(await storage.alerts.recipients('shop')).toEqual([]);
    expect(await storage.alerts.setOptIn(ana.id, 'shop', true)).toBe(true);
    expect(await storage.alerts.setOptIn(ana.id, 'shop', true)).toBe(false);
    expect(await storage.alerts.setOptIn(bo.id, 'shop', true)).toBe(true);
    expect(await storage.alerts.setOptIn(cy.id, 'blog', true)).toBe(true);
    expect(await storage.alerts.optIns(ana.id)).toEqual(['shop']);
    expect(await storage.alerts.recipients('shop')).toEqual(['Ana@Shop.test', 'bo@shop.test']);
    expect(await storage.alerts.recipients('blog')).toEqual(['cy@shop.test']);
    await storage.users.update(bo.id, { disabled: true }, SECRET_ACTOR);
    expect(await storage.alerts.recipients('shop')).toEqual(['Ana@Shop.test']);
    expect(await storage.alerts.setOptIn(ana.id, 'shop', false)).toBe(true);
    expect(await storage.alerts.recipients('shop')).toEqual([]);
    await storage.users.remove(cy.id, SECRET_ACTOR);
    expect(await storage.alerts.recipients('blog')).toEqual([]);
  });

  test('the outbox: each new detractor answer once per matching rule, in the ingest statement; passives, test answers and answers before the rule never', async () => {
    const { storage } = await make();
    await storage.sites.create({ id: 'shop', name: 'Shop', origins: [], segments: [] });
    await storage.alerts.createRule('shop', { type: 'detractor', id: 'all', survey: null, withComment: false }, 'x');
    const early = resp({ score: 0 });
    await storage.ingest('shop', { responses: [early], events: [] }, []);
    await storage.alerts.createRule('shop', { type: 'detractor', id: 'nps-said', survey: 'nps', withComment: true }, 'x');
    await storage.alerts.createRule('shop', DROP, 'x');
    const six = resp({ score: 6 });
    const seven = resp({ score: 7 });
    const said = resp({ score: 2, comment: 'too slow' });
    const blank = resp({ score: 2, comment: '' });
    const preview = resp({ score: 0, comment: 'preview', test: true });
    const otherSurvey = resp({ surveyId: 'nps2', score: 1, comment: 'meh' });
    // CSAT 1-5: 2 is unhappy ((2-1)/4 < 0.4), 3 is neutral.
    const csatLow = resp({ surveyId: 'csat', kind: 'csat', scale: [1, 5], score: 2 });
    const csatMid = resp({ surveyId: 'csat', kind: 'csat', scale: [1, 5], score: 3 });
    await storage.ingest('shop', { responses: [six, seven, said, blank, preview, otherSurvey, csatLow, csatMid], events: [] }, []);
    // The duplicate of a stored answer adds nothing.
    await storage.ingest('shop', { responses: [six], events: [] }, []);

    const all = await storage.alerts.claim('shop', 'all', 100, 60_000);
    expect(all.items.map((i) => i.responseId)).toEqual([early.id, six.id, said.id, blank.id, otherSurvey.id, csatLow.id]);
    expect(all.items[1]!.response).toMatchObject({ id: six.id, score: 6, surveyId: 'nps', test: false });
    const narrow = await storage.alerts.claim('shop', 'nps-said', 100, 60_000);
    expect(narrow.items.map((i) => i.responseId)).toEqual([said.id]);
    expect(await storage.alerts.claim('shop', 'drop', 100, 60_000)).toMatchObject({ items: [] });
  });

  test('the outbox: claims never overlap; a settled row leaves, an unsettled one comes back after its retry, a lapsed lease can no longer settle', async () => {
    const { storage, driver } = await make();
    await storage.sites.create({ id: 'shop', name: 'Shop', origins: [], segments: [] });
    await storage.alerts.createRule('shop', { type: 'detractor', id: 'd', survey: null, withComment: false }, 'x');
    const answers = Array.from({ length: 6 }, () => resp({ score: 1 }));
    await storage.ingest('shop', { responses: answers, events: [] }, []);
    // Two claims at once (two instances): disjoint, together everything.
    // Which one gets more is a race (4 and 2, or 3 and 3 when their row locks interleave): `a` is the one with more.
    const [a, b] = (await Promise.all([storage.alerts.claim('shop', 'd', 4, 60_000), storage.alerts.claim('shop', 'd', 4, 60_000)])).sort((x, y) => y.items.length - x.items.length) as [Claim, Claim];
    const seen = [...a.items, ...b.items].map((i) => i.responseId);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(answers.map((r) => r.id).sort());
    // Claimed rows are not due again while the lease runs.
    expect((await storage.alerts.claim('shop', 'd', 10, 60_000)).items).toEqual([]);

    const [first, second] = a.items;
    await storage.alerts.settle(a.lease, first!.seq, ['slack', 'email'], true, 0);
    await storage.alerts.settle(a.lease, second!.seq, ['slack'], false, 0);
    // Someone else's lease settles nothing.
    await storage.alerts.settle(b.lease, a.items[2]!.seq, [], true, 0);
    expect(await storage.alerts.pending('shop', 'd')).toBe(5);
    const again = await storage.alerts.claim('shop', 'd', 10, 60_000);
    expect(again.items).toEqual([{ seq: second!.seq, responseId: second!.responseId, done: ['slack'], attempts: 1, response: expect.objectContaining({ id: second!.responseId }) }]);

    // A lease that ran out: the row is due again and its old holder's settle is a no-op.
    await driver.query(`update sayso_alert_outbox set next_at = now() - interval '1 second' where seq = $1`, [again.items[0]!.seq]);
    const taken = await storage.alerts.claim('shop', 'd', 10, 60_000);
    expect(taken.items.map((i) => i.seq)).toEqual([second!.seq]);
    await storage.alerts.settle(again.lease, second!.seq, ['slack', 'email'], true, 0);
    expect(await storage.alerts.pending('shop', 'd')).toBe(5);
    await storage.alerts.settle(taken.lease, second!.seq, ['slack', 'email'], true, 0);
    expect(await storage.alerts.pending('shop', 'd')).toBe(4);
    // Many rows in one statement (a flood's grouped message): b's leave; a's two others come back with what they had.
    await storage.alerts.settle(b.lease, b.items.map((i) => i.seq), ['slack'], true, 0);
    expect(await storage.alerts.pending('shop', 'd')).toBe(4 - b.items.length);
    const aRest = a.items.slice(2).map((i) => i.seq);
    await storage.alerts.settle(a.lease, aRest, ['email'], false, 0);
    const back = await storage.alerts.claim('shop', 'd', 10, 60_000);
    expect(back.items.map((i) => [i.seq, i.done, i.attempts])).toEqual(aRest.map((seq) => [seq, ['email'], 1]));
  });
}
