// The admin API of a site's alerts: its rules (score drops, digests,
// detractor answers), its Slack URL, "send a test alert", and each user's
// own email opt-in. Viewers read; publishers and admins write (rules change
// what reaches people outside the studio, like publishing does). Rules are
// checked by alerts/config.ts, the same checks as the config file's, with
// the bad field's path; changes need If-Match and go to the activity log in
// their transaction.
import type { Context, Hono } from 'hono';
import { isSaysoError } from '@sayso/core';
import { actorOf, identityOf, requireRole } from '../auth/guard.js';
import { atLeast } from '../auth/roles.js';
import { resolveAlertRule, resolveSlackUrl, type AlertRule } from '../alerts/config.js';
import { checkLiteralHost } from '../alerts/address-guard.js';
import { sampleDetractor } from '../alerts/message.js';
import { recipientsOf, siteDestinations } from '../alerts/site-destinations.js';
import type { AppContext } from '../server/context.js';
import type { AlertDestinations, AlertRuleRecord } from '../storage/alerts.js';
import { diff } from './diff.js';
import { BadInput, badInput, etagOf, fromSaysoError, ifMatch, jsonBody, onlyKeys } from './http.js';

const BASE = '/v1/admin/sites/:site/alerts';

/** A rule as the API shows it: its fields, who changed it last, and its ETag. */
export function ruleView(r: AlertRuleRecord) {
  const { site: _site, rowVersion, ...rest } = r;
  return { ...rest, etag: etagOf(rowVersion) };
}

/** The Slack URL is a credential (anyone holding it posts to the channel): below publisher, only whether one is set. */
const slackView = (d: AlertDestinations, full: boolean) => ({ webhookUrl: d.slackUrl === null ? null : full ? d.slackUrl : '(set)', etag: etagOf(d.rowVersion) });

/** The fields a rule's diff in the activity log shows. */
const shown = (r: AlertRule | AlertRuleRecord) => {
  const { site: _s, rowVersion: _v, createdAt: _c, updatedAt: _u, updatedBy: _b, ...rule } = r as AlertRuleRecord;
  return rule;
};

/** Registers the alerts routes. */
export function alertRoutes(app: Hono, ctx: AppContext): void {
  const { storage } = ctx;
  const viewer = requireRole(ctx, 'viewer');
  const publisher = requireRole(ctx, 'publisher');
  // One SMTP transport for the test sends of every site (the scheduler has its own).
  const destinations = siteDestinations(storage, ctx.config);

  const siteOf = (c: Context) => {
    const id = c.req.param('site')!;
    return ctx.sites.get(id) ? id : undefined;
  };
  const noSite = (c: Context) => c.json({ error: 'site not found' }, 404);
  const noRule = (c: Context) => c.json({ error: 'alert rule not found' }, 404);
  const surveysOf = (site: string) => new Set(ctx.sites.surveys(site).filter((s) => s.status !== 'archived').map((s) => s.id));

  /** The body as a rule of `site`, or the 400 answer. */
  async function ruleBody(c: Context, site: string): Promise<AlertRule | Response> {
    const body = await jsonBody(c, ctx);
    if (body instanceof Response) return body;
    try {
      return resolveAlertRule(body, '', surveysOf(site));
    } catch (err) {
      if (isSaysoError(err)) return badInput(c, fromSaysoError(err));
      throw err;
    }
  }

  app.get(BASE, viewer, async (c) => {
    const site = siteOf(c);
    if (!site) return noSite(c);
    const [rules, dest, recipients] = await Promise.all([storage.alerts.listRules(site), storage.alerts.destinations(site), recipientsOf(storage, ctx.config, site)]);
    return c.json({
      rules: rules.map(ruleView),
      slack: slackView(dest, atLeast(actorOf(c).role, 'publisher')),
      // Email needs the collector's SMTP settings; who gets it is each user's own choice.
      email: { configured: ctx.config.smtp !== undefined, recipients: recipients.length },
    });
  });

  app.post(`${BASE}/rules`, publisher, async (c) => {
    const site = siteOf(c);
    if (!site) return noSite(c);
    if (!ctx.config.publicOrigin) return c.json({ error: 'alerts need publicUrl in the collector config: the links in them must reach this collector' }, 409);
    const rule = await ruleBody(c, site);
    if (rule instanceof Response) return rule;
    const actor = actorOf(c);
    const created = await storage.transaction(async (tx) => {
      if (!(await storage.alerts.createRule(site, rule, actor.label, tx, { revive: true }))) return undefined;
      await storage.activity.record({ site, actor, action: 'alert-rule.create', subject: { type: 'alert-rule', id: rule.id }, diff: rule }, tx);
      return storage.alerts.getRule(site, rule.id, tx);
    });
    if (!created) return badInput(c, new BadInput('id', `this site has a rule "${rule.id}"`));
    return c.json(ruleView(created), 201, { ETag: etagOf(created.rowVersion) });
  });

  app.get(`${BASE}/rules/:id`, viewer, async (c) => {
    const site = siteOf(c);
    const r = site ? await storage.alerts.getRule(site, c.req.param('id')) : undefined;
    return r ? c.json(ruleView(r), 200, { ETag: etagOf(r.rowVersion) }) : noRule(c);
  });

  app.put(`${BASE}/rules/:id`, publisher, async (c) => {
    const site = siteOf(c);
    const current = site ? await storage.alerts.getRule(site, c.req.param('id')) : undefined;
    if (!site || !current) return noRule(c);
    const unmatched = ifMatch(c, current.rowVersion, ruleView(current));
    if (unmatched) return unmatched;
    const rule = await ruleBody(c, site);
    if (rule instanceof Response) return rule;
    if (rule.id !== current.id) return badInput(c, new BadInput('id', `must be "${current.id}", the rule's id (make a new rule for another id)`));
    if (rule.type !== current.type) return badInput(c, new BadInput('type', `must be "${current.type}": a rule keeps its type (make a new rule for another)`));
    const actor = actorOf(c);
    const updated = await storage.transaction(async (tx) => {
      const r = await storage.alerts.updateRule(site, rule, current.rowVersion, actor.label, tx);
      if (typeof r === 'string') return r;
      await storage.activity.record({ site, actor, action: 'alert-rule.update', subject: { type: 'alert-rule', id: rule.id }, diff: diff(shown(current), shown(r)) }, tx);
      return r;
    });
    if (updated === 'missing') return noRule(c);
    if (updated === 'stale') {
      const now = await storage.alerts.getRule(site, current.id);
      if (!now) return noRule(c);
      return c.json({ error: 'changed since you read it: start from the current copy', current: ruleView(now) }, 409, { ETag: etagOf(now.rowVersion) });
    }
    return c.json(ruleView(updated), 200, { ETag: etagOf(updated.rowVersion) });
  });

  app.delete(`${BASE}/rules/:id`, publisher, async (c) => {
    const site = siteOf(c);
    const current = site ? await storage.alerts.getRule(site, c.req.param('id')) : undefined;
    if (!site || !current) return noRule(c);
    const unmatched = ifMatch(c, current.rowVersion, ruleView(current));
    if (unmatched) return unmatched;
    const actor = actorOf(c);
    const outcome = await storage.transaction(async (tx) => {
      const r = await storage.alerts.deleteRule(site, current.id, current.rowVersion, tx);
      if (r === 'deleted') await storage.activity.record({ site, actor, action: 'alert-rule.delete', subject: { type: 'alert-rule', id: current.id }, diff: shown(current) }, tx);
      return r;
    });
    if (outcome === 'missing') return noRule(c);
    if (outcome === 'stale') return c.json({ error: 'changed since you read it: start from the current copy' }, 409);
    return c.body(null, 204);
  });

  app.put(`${BASE}/slack`, publisher, async (c) => {
    const site = siteOf(c);
    if (!site) return noSite(c);
    const current = await storage.alerts.destinations(site);
    const unmatched = ifMatch(c, current.rowVersion, slackView(current, true));
    if (unmatched) return unmatched;
    const body = await jsonBody(c, ctx);
    if (body instanceof Response) return body;
    let url: string | null;
    try {
      onlyKeys(body, ['webhookUrl']);
      if (body.webhookUrl === undefined) throw new BadInput('webhookUrl', 'is required: a Slack incoming-webhook URL, or null for none');
      url = body.webhookUrl === null || body.webhookUrl === '' ? null : resolveSlackUrl(body.webhookUrl, 'webhookUrl');
      if (url !== null) checkLiteralHost(new URL(url).hostname, ctx.config.allowPrivateDestinations);
    } catch (err) {
      if (err instanceof BadInput) return badInput(c, err);
      if (isSaysoError(err)) return badInput(c, new BadInput('webhookUrl', fromSaysoError(err).message));
      throw err;
    }
    const actor = actorOf(c);
    const set = await storage.transaction(async (tx) => {
      const r = await storage.alerts.setSlackUrl(site, url, current.rowVersion, tx);
      // The URL is a credential: the log says that it changed, not what it is.
      if (r !== 'stale') await storage.activity.record({ site, actor, action: 'alert-slack.update', subject: { type: 'site', id: site }, diff: { slackUrl: url === null ? null : '(set)' } }, tx);
      return r;
    });
    if (set === 'stale') {
      const now = await storage.alerts.destinations(site);
      return c.json({ error: 'changed since you read it: start from the current copy', current: slackView(now, true) }, 409, { ETag: etagOf(now.rowVersion) });
    }
    return c.json(slackView(set, true), 200, { ETag: etagOf(set.rowVersion) });
  });

  app.post(`${BASE}/test`, publisher, async (c) => {
    const site = siteOf(c);
    if (!site) return noSite(c);
    const origin = ctx.config.publicOrigin ?? new URL(c.req.url).origin;
    const sample = sampleDetractor(site, ctx.sites.get(site)?.surveys[0], `${origin}/studio/responses?site=${encodeURIComponent(site)}`);
    const results = await Promise.all(
      (await destinations.of(site)).map(async (d) => {
        try {
          await d.send(sample);
          return { destination: d.name, ok: true as const };
        } catch (err) {
          return { destination: d.name, ok: false as const, error: (err as Error).message };
        }
      }),
    );
    await storage.activity.record({ site, actor: actorOf(c), action: 'alert.test', subject: { type: 'site', id: site }, diff: { results } });
    return c.json({ results });
  });

  // The signed-in user's own email opt-ins: any role chooses for itself.
  const ownUser = (c: Context) => {
    const { actor, user } = identityOf(c);
    return user ? { user, actor } : { refused: c.json({ error: `${actor.label} is not a studio user: sign in to the studio to choose your email` }, 403) };
  };
  const notificationsView = async (userId: string, email: string) => {
    const on = new Set(await storage.alerts.optIns(userId));
    return { email, smtp: ctx.config.smtp !== undefined, sites: [...ctx.sites.values()].map((s) => ({ site: s.id, name: s.name, email: on.has(s.id) })) };
  };

  app.get('/v1/admin/me/notifications', viewer, async (c) => {
    const own = ownUser(c);
    if ('refused' in own) return own.refused;
    return c.json(await notificationsView(own.user.id, own.user.email), 200, { 'Cache-Control': 'no-store' });
  });

  app.put('/v1/admin/me/notifications', viewer, async (c) => {
    const own = ownUser(c);
    if ('refused' in own) return own.refused;
    const body = await jsonBody(c, ctx);
    if (body instanceof Response) return body;
    try {
      onlyKeys(body, ['site', 'email']);
      if (typeof body.site !== 'string' || !ctx.sites.has(body.site)) throw new BadInput('site', 'must be the id of a site');
      if (typeof body.email !== 'boolean') throw new BadInput('email', 'must be true or false');
    } catch (err) {
      if (err instanceof BadInput) return badInput(c, err);
      throw err;
    }
    const { site, email } = body as { site: string; email: boolean };
    await storage.transaction(async (tx) => {
      if (await storage.alerts.setOptIn(own.user.id, site, email, tx)) {
        await storage.activity.record({ site, actor: own.actor, action: 'notifications.update', subject: { type: 'user', id: own.user.id }, diff: { email } }, tx);
      }
    });
    return c.json(await notificationsView(own.user.id, own.user.email));
  });
}
