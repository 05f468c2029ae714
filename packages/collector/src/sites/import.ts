// The config file's sites and surveys, imported on start when the database
// does not have them yet: a site as written, a survey as live version 1.
// Afterwards the database is the truth; a file whose copy differs is logged
// and ignored, so a restart never undoes what was changed in the studio.
import type { AlertRule } from '../alerts/config.js';
import type { ResolvedConfig } from '../config.js';
import type { Actor } from '../auth/roles.js';
import type { Logger } from '../server/log.js';
import { canonicalJson } from '../storage/surveys.js';
import type { Storage } from '../storage/types.js';

/** Who the activity log names for what the import wrote. */
export const CONFIG_ACTOR: Actor = Object.freeze({ kind: 'secret', id: 'config', label: 'sayso.config.json', role: 'admin' });

/** What `importConfig` did. */
export interface ImportOutcome {
  sites: string[];
  surveys: string[];
  /** `site/rule` of alert rules imported. */
  rules: string[];
  /** `site/survey` or `site` whose file copy differs from the database's and was ignored. */
  ignored: string[];
}

/** Inserts the config's sites and surveys that the database lacks, in one transaction. */
export async function importConfig(storage: Storage, config: ResolvedConfig, log: Logger): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { sites: [], surveys: [], rules: [], ignored: [] };
  await storage.transaction(async (tx) => {
    // Two instances starting together: the second waits, then finds everything there.
    await tx.query(`select pg_advisory_xact_lock(7263)`);
    for (const site of config.sites.values()) {
      const own = site.identitySecret !== undefined && site.identitySecret !== config.identitySecret ? site.identitySecret : null;
      const insights = site.insights.themes ? { themes: [...site.insights.themes.definitions] } : null;
      const wanted = { id: site.id, name: site.id, origins: site.origins, segments: site.segments, identitySecret: own, insights };
      if (await storage.sites.create(wanted, tx)) {
        outcome.sites.push(site.id);
        await storage.activity.record({ site: site.id, actor: CONFIG_ACTOR, action: 'site.import', subject: { type: 'site', id: site.id }, diff: { ...wanted, identitySecret: own ? '(set)' : null } }, tx);
      } else {
        const stored = await storage.sites.get(site.id, tx);
        const same = stored && canonicalJson([stored.origins, stored.segments, stored.identitySecret, stored.insights]) === canonicalJson([wanted.origins, wanted.segments, own, insights]);
        if (!same) outcome.ignored.push(site.id);
      }
      for (const survey of site.surveys) {
        const existing = await storage.surveys.get(site.id, survey.id, tx);
        if (existing) {
          if (canonicalJson(existing.published ?? existing.draft) !== canonicalJson(survey) && canonicalJson(existing.draft) !== canonicalJson(survey)) {
            outcome.ignored.push(`${site.id}/${survey.id}`);
          }
          continue;
        }
        await storage.surveys.create({ site: site.id, draft: survey, status: 'draft', by: CONFIG_ACTOR.label }, tx);
        const published = await storage.surveys.publish(site.id, survey.id, 1, 'live', CONFIG_ACTOR.label, tx);
        if (typeof published === 'string') throw new Error(`importing survey ${site.id}/${survey.id}: ${published}`);
        outcome.surveys.push(`${site.id}/${survey.id}`);
        await storage.activity.record(
          { site: site.id, actor: CONFIG_ACTOR, action: 'survey.import', subject: { type: 'survey', id: survey.id }, diff: { version: published.version, hash: published.hash } },
          tx,
        );
      }
      // Alert rules and the Slack URL, like surveys: inserted when absent, never overwritten (a rule deleted in the studio comes back only with its id free).
      const rules: AlertRule[] = [
        ...site.alerts.drops.map((r) => ({ type: 'drop' as const, ...r })),
        ...site.alerts.digests.map((r) => ({ type: 'digest' as const, ...r })),
        ...site.alerts.detractors.map((r) => ({ type: 'detractor' as const, ...r })),
      ];
      for (const rule of rules) {
        if (!(await storage.alerts.createRule(site.id, rule, CONFIG_ACTOR.label, tx))) continue;
        outcome.rules.push(`${site.id}/${rule.id}`);
        await storage.activity.record({ site: site.id, actor: CONFIG_ACTOR, action: 'alert-rule.import', subject: { type: 'alert-rule', id: rule.id }, diff: rule }, tx);
      }
      if (site.alerts.slack && (await storage.alerts.destinations(site.id, tx)).rowVersion === 0) {
        await storage.alerts.setSlackUrl(site.id, site.alerts.slack.webhookUrl, 0, tx);
        await storage.activity.record({ site: site.id, actor: CONFIG_ACTOR, action: 'alert-slack.import', subject: { type: 'site', id: site.id }, diff: { slackUrl: '(set)' } }, tx);
      }
    }
  });
  if (outcome.sites.length || outcome.surveys.length || outcome.rules.length) log.info('imported from the config file', { sites: outcome.sites, surveys: outcome.surveys, rules: outcome.rules });
  for (const what of outcome.ignored) {
    log.info("the config file's copy is ignored: the database's is the truth (change it in the studio, or with `sayso-collector surveys import`)", { what });
  }
  return outcome;
}
