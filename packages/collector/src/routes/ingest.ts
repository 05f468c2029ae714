// POST /v1/responses: the server side of the wire format in
// @sayso/core/wire.ts. Partial acceptance: valid items of a batch are stored
// even when others are refused; the answer is then 400 and lists only the
// refused items (index, field, reason), so a client dead-letters exactly those.
import type { Hono } from 'hono';
import { isSaysoError, type IngestError, type IngestResult } from '@sayso/core';
import { verifyUserId } from '../identity.js';
import { parseEvent, parseResponse, textOverCap } from '../parse.js';
import { clientIp, type AppContext } from '../server/context.js';
import { corsHeaders, originAllowed, preSiteCors } from '../server/cors.js';
import { readText } from '../server/read-body.js';
import type { StoredEvent, StoredResponse } from '../storage/types.js';

/** A client clock may run ahead; beyond this a `createdAt` is refused as bogus. */
const FUTURE_SLACK_MS = 24 * 3600_000;

function refusal(list: IngestError['list'], index: number, item: unknown, err: unknown): IngestError {
  const id = typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string' ? (item as { id: string }).id : undefined;
  const field = isSaysoError(err) ? (err.path ?? '') : '';
  // SaysoError prefixes its message with the path; the path has its own field here.
  const message = err instanceof Error ? err.message : String(err);
  const reason = field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
  return { list, index, ...(id !== undefined ? { id } : {}), field, reason };
}

/** Registers `POST /v1/responses`. */
export function ingestRoutes(app: Hono, ctx: AppContext): void {
  const { config, storage, limiter, log } = ctx;
  const { limits } = config;

  app.post(
    '/v1/responses',
    async (c, next) => {
      // Per-IP limit before reading the body: the cheapest refusal first.
      const ip = clientIp(c, ctx.trustProxy);
      const d = limiter.hit(`ip:${ip}`, limits.ipPerMinute);
      if (!d.ok) return c.json({ error: 'rate limited (client)' }, 429, { 'Retry-After': String(d.retryAfter), ...preSiteCors(c, ctx.sites.values(), ctx.self.origins) });
      await next();
    },
    async (c) => {
      const origin = c.req.header('origin');
      // Until the body names its site, only an origin a site allows may read the answer.
      let cors = preSiteCors(c, ctx.sites.values(), ctx.self.origins);
      const whole = (status: 400 | 403 | 404 | 413, field: string, reason: string) =>
        // A refused origin gets no CORS headers: its page cannot even read the refusal.
        c.json({ accepted: 0, duplicates: 0, error: { field, reason } }, status, status === 403 ? {} : cors);

      const text = await readText(c, limits.maxBodyBytes);
      if (text === null) return c.json({ error: `body larger than ${limits.maxBodyBytes} bytes: split the batch` }, 413, cors);
      // sendBeacon posts text/plain (no preflight), so parse whatever the type.
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return whole(400, '', 'body is not valid JSON');
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return whole(400, '', 'body must be a JSON object');
      const batch = body as Record<string, unknown>;
      const siteKey = batch.site ?? c.req.header('x-sayso-site');
      if (typeof siteKey !== 'string' || siteKey === '') return whole(400, 'site', 'is required (the public site key)');
      const header = c.req.header('x-sayso-site');
      if (header !== undefined && header !== siteKey) return whole(400, 'site', 'differs from the X-Sayso-Site header');
      const site = ctx.sites.get(siteKey);
      // A foreign page gets the same 403 for an unknown site as for one that does not allow it.
      if (!site && (origin === undefined || ctx.self.origins.has(origin))) return whole(404, 'site', `unknown site "${siteKey}"`);
      if (!site || !originAllowed(origin, site.origins, ctx.self.origins)) {
        log.warn('origin refused', { site: siteKey, origin });
        return whole(403, '', 'origin not allowed');
      }
      cors = corsHeaders(origin);
      if (origin !== undefined && !ctx.self.origins.has(origin)) ctx.sites.seen(site.id, origin, Date.now());
      const perSite = limiter.hit(`site:${site.id}`, limits.sitePerMinute);
      if (!perSite.ok) return c.json({ error: 'rate limited (site)' }, 429, { 'Retry-After': String(perSite.retryAfter), ...cors });

      const rawResponses = batch.responses ?? [];
      const rawEvents = batch.events ?? [];
      if (!Array.isArray(rawResponses)) return whole(400, 'responses', 'must be an array');
      if (!Array.isArray(rawEvents)) return whole(400, 'events', 'must be an array');
      if (rawResponses.length + rawEvents.length > limits.maxBatchItems) {
        return whole(413, '', `more than ${limits.maxBatchItems} items in one batch: split it`);
      }

      const errors: IngestError[] = [];
      const seen = new Set<string>();
      // An id already in this batch: a duplicate, unless its first copy is refused by the database below.
      const repeats: Array<{ list: IngestError['list']; index: number; id: string }> = [];
      const surveys = new Map(site.surveys.map((s) => [s.id, s]));
      const latest = Date.now() + FUTURE_SLACK_MS;
      const verified = (userId?: string, signature?: string) => verifyUserId(site.identitySecret, userId, signature);

      // Where each stored item sits in the batch, so a refusal by the database names the right index.
      const responses: StoredResponse[] = [];
      const responseIndex: number[] = [];
      rawResponses.forEach((item: unknown, index) => {
        try {
          const r = parseResponse(item);
          const over = textOverCap(r, limits.maxTextLength);
          if (over) return errors.push({ list: 'responses', index, id: r.id, field: over, reason: `is longer than allowed (${limits.maxTextLength} characters for texts)` });
          const known = surveys.get(r.surveyId);
          if (known && known.kind !== r.kind) return errors.push({ list: 'responses', index, id: r.id, field: 'kind', reason: `survey "${r.surveyId}" is ${known.kind}` });
          if (Date.parse(r.createdAt) > latest) return errors.push({ list: 'responses', index, id: r.id, field: 'createdAt', reason: 'is in the future' });
          const key = r.id.toLowerCase();
          if (seen.has(key)) return repeats.push({ list: 'responses', index, id: r.id });
          seen.add(key);
          // parseResponse returned a fresh copy: mark it in place rather than copy it again.
          const stored: StoredResponse = r;
          stored.userVerified = verified(r.userId, r.userSignature);
          // After the limit: stored all the same (an answer given is never dropped), and marked.
          if (ctx.sites.limitReached(site.id, r.surveyId)) stored.overLimit = true;
          responses.push(stored);
          responseIndex.push(index);
        } catch (err) {
          errors.push(refusal('responses', index, item, err));
        }
        return undefined;
      });
      const events: StoredEvent[] = [];
      const eventIndex: number[] = [];
      rawEvents.forEach((item: unknown, index) => {
        try {
          const e = parseEvent(item);
          if (Date.parse(e.createdAt) > latest) return errors.push({ list: 'events', index, id: e.id, field: 'createdAt', reason: 'is in the future' });
          const key = e.id.toLowerCase();
          if (seen.has(key)) return repeats.push({ list: 'events', index, id: e.id });
          seen.add(key);
          const stored: StoredEvent = e;
          stored.userVerified = verified(e.userId, e.userSignature);
          events.push(stored);
          eventIndex.push(index);
        } catch (err) {
          errors.push(refusal('events', index, item, err));
        }
        return undefined;
      });

      const outcome = await storage.ingest(site.id, { responses, events }, site.segments);
      if (outcome.accepted.length > 0) {
        // This instance's own answers count toward a limit at once; other instances' with the next refresh.
        // A test answer never counts (nor do the tallies the refresh reads): a preview cannot end a survey.
        const accepted = new Set(outcome.accepted);
        const per = new Map<string, number>();
        for (const r of responses) if (accepted.has(r.id) && r.test !== true) per.set(r.surveyId, (per.get(r.surveyId) ?? 0) + 1);
        for (const [surveyId, n] of per) ctx.sites.counted(site.id, surveyId, n);
      }
      const refusedIds = new Set<string>();
      for (const r of outcome.refused ?? []) {
        // A value the parsers let through but the database would not take: the
        // item is refused like an invalid one (the client dead-letters it instead
        // of retrying it forever), and the operator learns what slipped through.
        const [list, index] = r.list === 'responses' ? [responses, responseIndex[r.index]!] : [events, eventIndex[r.index]!];
        const { id } = list[r.index]!;
        const reason = `could not be stored (database error ${r.code})`;
        errors.push({ list: r.list, index, id, field: '', reason });
        refusedIds.add(id.toLowerCase());
        log.warn('item refused by the database', { site: site.id, list: r.list, index, code: r.code, message: r.message });
      }
      const duplicates: string[] = [];
      for (const r of repeats) {
        // A repeat of a refused item was not stored either: "duplicate" would tell the client it was delivered.
        if (refusedIds.has(r.id.toLowerCase())) errors.push({ ...r, field: '', reason: 'could not be stored (its first copy in this batch was refused)' });
        else duplicates.push(r.id);
      }
      errors.sort((a, b) => (a.list === b.list ? a.index - b.index : a.list === 'responses' ? -1 : 1));
      const result: IngestResult = {
        accepted: outcome.accepted.length,
        duplicates: outcome.duplicates.length + duplicates.length,
        ids: [...outcome.accepted, ...outcome.duplicates, ...duplicates],
      };
      if (errors.length > 0) {
        result.errors = errors;
        log.info('batch partly refused', { site: site.id, accepted: result.accepted, refused: errors.length });
        return c.json(result, 400, cors);
      }
      return c.json(result, 200, cors);
    },
  );
}
