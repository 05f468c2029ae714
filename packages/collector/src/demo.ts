// The demo that `pnpm start` runs: a site for localhost, three surveys, and
// (with --demo-data) a few thousand synthetic answers over 90 days so the
// report has something to draw.
import { scoreBand, uuidv7, type SurveyKind } from '@sayso/core';
import { demoComment, type DemoLang } from './demo-comments.js';
import type { CollectorConfig } from './config.js';
import type { Storage, StoredEvent, StoredResponse } from './storage/types.js';

/** The demo's reading secret, printed at start. Never use it in production. */
export const DEMO_SECRET = 'demo-secret';

/** A config for local trials: site `demo` allowed from the collector's own origin on `port`. */
export function demoConfig(port: number): CollectorConfig {
  return {
    secret: DEMO_SECRET,
    identitySecret: 'demo-identity-secret-not-for-production',
    sites: [
      {
        id: 'demo',
        origins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`],
        segments: ['plan', 'country'],
        // The surveys examples/marketer expects from remote config, and an NPS
        // for link surveys (/s/demo/nps) and the demo data.
        surveys: [
          {
            id: 'nps',
            kind: 'nps',
            question: 'How likely are you to recommend Acme to a friend or colleague?',
            followUp: [{ question: 'What is the main reason for your score?' }],
            triggers: [{ type: 'manual' }],
          },
          {
            id: 'csat',
            kind: 'csat',
            question: 'How helpful was this page?',
            scale: { min: 1, max: 5, style: 'stars' },
            followUp: [{ question: 'What could we do better?', bands: ['unhappy', 'neutral'] }],
            triggers: [{ type: 'manual' }],
          },
          {
            id: 'upgrade-ces',
            kind: 'ces',
            question: 'Upgrading was easy.',
            triggers: [{ type: 'event', name: 'upgrade', where: [{ property: 'plan', op: 'eq', value: 'team' }] }],
          },
          {
            id: 'sales-nps',
            kind: 'nps',
            question: 'How likely are you to recommend our sales team?',
            triggers: [{ type: 'event', name: 'contact_sales' }],
          },
        ],
      },
    ],
  };
}

/** A small seeded PRNG (mulberry32), so demo data is the same on every machine. */
/** mulberry32: small, seeded, the same sequence on every machine (also the bad-input corpus's generator). */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}


/**
 * Stores `count` synthetic responses (plus displays and dismissals) spread
 * over the last 90 days, with a slowly improving NPS. Returns how many
 * responses were stored.
 */
export async function seedDemoData(storage: Storage, site: string, count = 3000, now = Date.now()): Promise<number> {
  const rand = prng(42);
  // Comment texts draw from their own sequence.
  const words = prng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const kinds: Array<[string, SurveyKind, [number, number]]> = [
    ['nps', 'nps', [0, 10]],
    ['csat', 'csat', [1, 5]],
    ['upgrade-ces', 'ces', [1, 7]],
  ];
  let stored = 0;
  for (let done = 0; done < count; ) {
    const responses: StoredResponse[] = [];
    const events: StoredEvent[] = [];
    // A link response's comment comes with its follow-up, as from the link page (and is counted for insights from then on).
    const followUps: Array<{ surveyId: string; id: string; score: number; comment: string }> = [];
    for (let i = 0; i < 500 && done < count; i++, done++) {
      const ageDays = rand() * 90;
      const at = now - ageDays * 86400_000;
      const [surveyId, kind, scale] = pick(kinds);
      const plan = pick(['free', 'free', 'pro', 'enterprise']);
      // Better over time, and better on paid plans.
      const mood = Math.min(1, Math.max(0, 1 - rand() ** 1.6 * (0.95 - (90 - ageDays) / 600) - (plan === 'free' ? 0.08 : 0)));
      const score = Math.round(scale[0] + mood * (scale[1] - scale[0]));
      const anonymousId = `demo-${Math.floor(rand() * 1e9).toString(36)}`;
      const channel = rand() < 0.2 ? 'link' : 'web';
      const createdAt = new Date(at).toISOString();
      // The same draws from `rand` as before comments had languages (one more when commented), so scores and dates stay as they were.
      const commented = rand() < 0.35;
      if (commented) rand();
      const country = pick(['DE', 'US', 'FR', 'BR', 'JP']);
      const path = pick(['pricing', 'checkout', 'docs', 'home']);
      const locale = pick(['en', 'en', 'en', 'de', 'fr', 'es'] as const);
      const hasComment = commented || words() < 0.3;
      const band = scoreBand(kind, score, { min: scale[0], max: scale[1] });
      const mood3 = band === 'detractor' || band === 'unhappy' ? 'low' : band === 'promoter' || band === 'happy' ? 'high' : 'middle';
      const id = uuidv7(at);
      const comment = hasComment ? demoComment(words, locale as DemoLang, mood3, ageDays) : undefined;
      if (comment !== undefined && channel === 'link') followUps.push({ surveyId, id, score, comment });
      responses.push({
        id,
        surveyId,
        kind,
        score,
        scale,
        ...(comment !== undefined && channel === 'web' ? { comment } : {}),
        createdAt,
        anonymousId,
        attributes: { plan, country },
        page: { url: `http://localhost/${path}` },
        locale,
        channel,
      });
      // Roughly a 30 % response rate: three displays per answer, one dismissal.
      for (let d = 0; d < 3; d++) events.push({ id: uuidv7(at - 60_000), type: 'display', surveyId, anonymousId, createdAt, channel });
      events.push({ id: uuidv7(at - 30_000), type: 'dismiss', surveyId, anonymousId, createdAt, channel });
    }
    const out = await storage.ingest(site, { responses, events }, ['plan', 'country']);
    const ids = new Set(responses.map((r) => r.id));
    stored += out.accepted.filter((id) => ids.has(id)).length;
    for (const f of followUps) await storage.amendLinkResponse({ site, surveyId: f.surveyId, id: f.id, windowSeconds: 86400 }, { score: f.score, comment: f.comment }, ['plan', 'country']);
  }
  return stored;
}
