// Link surveys: GET /s/:site/:survey serves the widget full-page (inline
// mode), so the same NPS can be asked from an email or an SMS. `?score=9`
// (the one-click NPS of emails) is recorded as soon as the page opens, then
// the follow-up is offered; its answer completes that same response through
// POST /s/:site/:survey/follow-up: once, within FOLLOW_UP_WINDOW_SECONDS
// of the score; a second or a late one is refused (409 with the reason).
// Responses carry `channel: 'link'`.
// `?a.campaign=nov` adds attributes (at most 10), for segmenting campaigns.
import type { Hono } from 'hono';
import { defaultScale, isUuid } from '@sayso/core';
import { escapeHtml, jsonForScript, nonce, pageHeaders } from '../html.js';
import type { AppContext } from '../server/context.js';
import { bodyText } from '../server/read-body.js';
import { queryValues } from './query.js';

const LOCALE_RE = /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
/** Caps of `?a.<name>=<value>` attributes on a link. */
const MAX_LINK_ATTRIBUTES = 10;
const MAX_ATTRIBUTE_NAME = 64;
const MAX_ATTRIBUTE_VALUE = 200;
/** Caps of a follow-up's answers, as ingest's (parse.ts textOverCap). */
const MAX_ANSWERS = 20;
const MAX_ANSWER_KEY = 64;

/**
 * How long after the one-click score its follow-up is accepted. The page
 * opens at the follow-up, so a real answer comes within minutes; a day
 * leaves room for a tab left open, and no more: an id found later (a shared
 * screenshot, a forwarded email's history) cannot rewrite an old answer.
 */
export const FOLLOW_UP_WINDOW_SECONDS = 24 * 3600;

/** Why a follow-up was refused, as status and reason. */
const REFUSED = {
  unknown: [404, 'no link response with this id for this survey'],
  completed: [409, 'this response already has its follow-up (one is accepted)'],
  expired: [409, `the follow-up window has closed (${FOLLOW_UP_WINDOW_SECONDS / 3600} hours after the score)`],
} as const;

/** Registers the link-survey pages. */
export function linkRoutes(app: Hono, ctx: AppContext): void {
  // A link opens only a live survey, as its newest published version; a follow-up
  // completes an answer already given, so it is taken while the survey is known at all.
  const find = (siteId: string, surveyId: string, liveOnly = true) => {
    const site = ctx.sites.get(siteId);
    const list = !site ? [] : liveOnly ? ctx.sites.served(siteId, ctx.now()).surveys : site.surveys;
    const survey = list.find((s) => s.id === surveyId);
    return site && survey ? { site, survey } : undefined;
  };

  app.get('/s/:site/:survey', (c) => {
    const found = find(c.req.param('site'), c.req.param('survey'));
    if (!found) return c.html('<!doctype html><title>Not found</title><p>This survey does not exist.</p>', 404);
    const { site, survey } = found;
    const scale = survey.scale ?? defaultScale(survey.kind);
    // Links are typed, forwarded and rewritten by mail clients: a bad one gets a page saying which part is wrong.
    // Campaign tags (utm_*) that mailers add are ignored.
    const query = queryValues(c.req.url, ['score', 'lang'], { prefixes: ['a.'], ignored: ['utm_'] });
    const bad = (param: string, reason: string) =>
      c.html(`<!doctype html><title>Bad link</title><p>This survey link is not valid: <code>${escapeHtml(param)}</code> ${escapeHtml(reason)}.</p>`, 400);
    if (!(query instanceof Map)) return bad(query.param, query.reason);
    const raw = query.get('score');
    if (raw !== undefined && !(/^\d{1,2}$/.test(raw) && Number(raw) >= scale.min && Number(raw) <= scale.max)) return bad('score', `must be an integer from ${scale.min} to ${scale.max}`);
    const score = raw === undefined ? null : Number(raw);
    const attributes: Record<string, string> = {};
    for (const [k, v] of query) {
      if (!k.startsWith('a.')) continue;
      if (Object.keys(attributes).length === MAX_LINK_ATTRIBUTES) return bad(k, `is one attribute too many (at most ${MAX_LINK_ATTRIBUTES})`);
      if (k.length - 2 > MAX_ATTRIBUTE_NAME) return bad(k.slice(0, 66), `has a name longer than ${MAX_ATTRIBUTE_NAME} characters`);
      if (v.length > MAX_ATTRIBUTE_VALUE) return bad(k, `is longer than ${MAX_ATTRIBUTE_VALUE} characters`);
      attributes[k.slice(2)] = v;
    }
    const lang = query.get('lang');
    if (lang !== undefined && !LOCALE_RE.test(lang)) return bad('lang', 'must be a language tag such as "de" or "pt-BR"');
    const wanted = lang ?? c.req.header('accept-language')?.split(',')[0]?.split(';')[0]?.trim();
    const locale = survey.locale ?? (wanted && LOCALE_RE.test(wanted) ? wanted : 'en');
    const n = nonce();
    const config = {
      site: site.id,
      survey: { ...survey, presentation: { ...survey.presentation, mode: 'inline', target: '#sayso-survey' } },
      score,
      locale,
      attributes,
      nonce: n,
      assetBase: '/sdk/',
      followUpUrl: `/s/${encodeURIComponent(site.id)}/${encodeURIComponent(survey.id)}/follow-up`,
    };
    return c.body(
      `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(survey.question)}</title>
<style nonce="${n}">
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; font: 16px/1.5 system-ui, sans-serif; background: #f3f4f6; color: #111827; }
  main { width: min(36rem, 100% - 2rem); }
  #sayso-status { min-height: 1.5em; text-align: center; }
</style>
</head>
<body>
<main>
  <p id="sayso-status" role="status"></p>
  <div id="sayso-survey"></div>
  <noscript>${escapeHtml(score === null ? 'Please enable JavaScript to answer this survey.' : 'Please enable JavaScript to record your answer.')}</noscript>
</main>
<script type="application/json" id="sayso-link">${jsonForScript(config)}</script>
<script src="/_sayso/link.js" nonce="${n}"></script>
</body>
</html>`,
      200,
      pageHeaders(n),
    );
  });

  app.post('/s/:site/:survey/follow-up', async (c) => {
    const found = find(c.req.param('site'), c.req.param('survey'), false);
    if (!found) return c.json({ error: 'unknown survey' }, 404);
    // Same-origin only: this is the link page talking to its own server
    // (its origin from the configuration and listen address, not from Host).
    const origin = c.req.header('origin');
    if (origin !== undefined && !ctx.self.origins.has(origin)) return c.json({ error: 'origin not allowed' }, 403);
    // Read under the body limit by bodyLimit (server/app.ts).
    let body: { id?: unknown; score?: unknown; comment?: unknown; answers?: unknown } | null = null;
    try {
      const parsed: unknown = JSON.parse(bodyText(c));
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) body = parsed;
    } catch {
      // not JSON: refused below like any other body without an id
    }
    const scale = found.survey.scale ?? defaultScale(found.survey.kind);
    const max = ctx.config.limits.maxTextLength;
    const refuse = (field: string, reason: string) => c.json({ error: { field, reason } }, 400);
    if (!body || !isUuid(body.id)) return refuse('id', 'must be the UUID of the recorded response');
    if (!Number.isInteger(body.score) || (body.score as number) < scale.min || (body.score as number) > scale.max) return refuse('score', `must be an integer from ${scale.min} to ${scale.max}`);
    // PostgreSQL cannot store NUL in text, so it is refused here rather than failing the write.
    const text = (v: unknown) => typeof v === 'string' && v.length <= max && !v.includes('\u0000');
    if (body.comment !== undefined && !text(body.comment)) return refuse('comment', `must be text of at most ${max} characters, without NUL`);
    const answers = body.answers;
    if (answers !== undefined) {
      if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) return refuse('answers', 'must be an object of texts');
      const entries = Object.entries(answers);
      if (entries.length > MAX_ANSWERS) return refuse('answers', `must have at most ${MAX_ANSWERS} answers`);
      for (const [k, v] of entries) {
        if (k === '' || k.length > MAX_ANSWER_KEY || k.includes('\u0000')) return refuse(`answers.${k.slice(0, MAX_ANSWER_KEY)}`, `must be named by 1 to ${MAX_ANSWER_KEY} characters`);
        if (!text(v)) return refuse(`answers.${k}`, `must be text of at most ${max} characters, without NUL`);
      }
    }
    const outcome = await ctx.storage.amendLinkResponse(
      { site: found.site.id, surveyId: found.survey.id, id: body.id, windowSeconds: FOLLOW_UP_WINDOW_SECONDS },
      { score: body.score as number, ...(typeof body.comment === 'string' ? { comment: body.comment } : {}), ...(answers ? { answers: answers as Record<string, string> } : {}) },
      found.site.segments,
    );
    if (outcome === 'amended') return c.json({ ok: true });
    const [status, reason] = REFUSED[outcome];
    return c.json({ error: { field: 'id', reason } }, status);
  });
}
