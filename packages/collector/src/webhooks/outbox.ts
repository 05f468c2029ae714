// The webhook tables (migration 9): endpoints, the outbox of deliveries the
// triggers fill as answers are stored, and each attempt. Everything an
// admin changes is recorded in the activity log in the same transaction;
// everything the dispatcher does is a claim (a lease) and a result.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../auth/roles.js';
import type { ActivityStorage } from '../storage/activity.js';
import type { SqlDriver, SqlRunner } from '../storage/driver.js';
import { TEST_EVENT, type EndpointFilters, type EndpointInput, type EventType, type WebhookEndpoint } from './endpoint.js';
import { newSecret } from './signing.js';

/** One attempt of a delivery, as the log shows it. */
export interface Attempt {
  n: number;
  at: string;
  /** The HTTP status; `null` when no answer came. */
  status: number | null;
  error: string | null;
  latencyMs: number;
  /** The first 1,000 characters of the answer's body. */
  responseStart: string | null;
}

/** A delivery with its attempts, newest first in the log. */
export interface Delivery {
  id: string;
  /** The `webhook-id` header it is sent with. */
  webhookId: string;
  eventType: string;
  eventAt: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: Attempt[];
  nextAt: string | null;
  createdAt: string;
}

/** A delivery a dispatcher has claimed: everything it needs to send it once. */
export interface ClaimedDelivery {
  id: string;
  lease: string;
  endpointId: string;
  site: string;
  url: string;
  eventType: string;
  eventAt: string;
  data: unknown;
  /** Secrets active now, newest first. */
  secrets: string[];
  /** This attempt's number in the delivery's current round (1 for the first). */
  attemptInRound: number;
  /** This attempt's number over the delivery's life. */
  attempt: number;
}

/** What one attempt came to. */
export interface AttemptResult {
  status: number | null;
  error: string | null;
  latencyMs: number;
  responseStart: string | null;
  /** 2xx. */
  ok: boolean;
  /** Milliseconds until the next attempt; `undefined` when this was the last (the delivery failed). Ignored on success. */
  retryInMs?: number | undefined;
  /** Disable the endpoint with this reason (410 Gone). */
  disable?: string;
}

/** The actor of changes the dispatcher makes by itself (disabling a failing endpoint). */
export const DISPATCHER_ACTOR: Actor = { kind: 'system', id: 'webhook-dispatcher', label: 'webhook dispatcher', role: 'admin' };

export interface WebhookOutbox {
  createEndpoint(site: string, input: EndpointInput, actor: Actor): Promise<{ endpoint: WebhookEndpoint; secret: string }>;
  listEndpoints(site: string): Promise<WebhookEndpoint[]>;
  getEndpoint(site: string, id: string): Promise<WebhookEndpoint | undefined>;
  /** Changes an endpoint; enabling it clears the reason it was disabled for and its attention flag. */
  updateEndpoint(site: string, id: string, patch: Partial<EndpointInput>, actor: Actor): Promise<WebhookEndpoint | undefined>;
  deleteEndpoint(site: string, id: string, actor: Actor): Promise<boolean>;
  /** A new secret; the others keep signing for `keepOldSeconds` (0: they stop now). */
  rotateSecret(site: string, id: string, keepOldSeconds: number, actor: Actor): Promise<{ endpoint: WebhookEndpoint; secret: string } | undefined>;
  /** An endpoint's deliveries, newest first, each with every attempt; `before` is the last id of the previous page. */
  deliveries(site: string, endpointId: string, query: { limit: number; before?: string; status?: Delivery['status'] }): Promise<Delivery[]>;
  /** Queues a `webhook.test` delivery to one endpoint. */
  sendTest(site: string, endpointId: string, actor: Actor): Promise<string | undefined>;
  /**
   * Queues an event for every enabled endpoint of `site` subscribed to
   * `type` (and, when `data.surveyId` is given, whose survey filter lets it
   * through), in `tx` when given: the producers of `response.closed` and
   * `alert.triggered` call it in the transaction of their change.
   */
  enqueue(site: string, type: EventType, data: Record<string, unknown>, tx?: SqlRunner): Promise<string[]>;
  /** Sends one delivery again, now, with a new round of retries (same webhook-id). */
  replay(site: string, endpointId: string, deliveryId: string, actor: Actor): Promise<boolean>;
  /** Sends again every delivery of the endpoint that failed and was created at or after `since`; returns how many. */
  replayFailed(site: string, endpointId: string, since: string, actor: Actor): Promise<number>;
  /** How many deliveries of a site are in each state (benchmarks, health). */
  deliveryCounts(site: string): Promise<Record<Delivery['status'], number>>;
  /** Claims up to `limit` due deliveries for `leaseMs` (FOR UPDATE SKIP LOCKED: no other instance gets them meanwhile). */
  claim(limit: number, leaseMs: number): Promise<ClaimedDelivery[]>;
  /** Records an attempt and schedules what follows; disables the endpoint when asked to or when it has failed for `disableAfterMs`. Returns the reason when it disabled it. */
  finish(claimed: ClaimedDelivery, result: AttemptResult, disableAfterMs: number): Promise<string | undefined>;
  /** Gives a claimed delivery back without an attempt (the collector is stopping). */
  release(claimed: ClaimedDelivery): Promise<void>;
}

interface EndpointRow {
  id: string;
  site: string;
  url: string;
  description: string;
  event_types: EventType[];
  survey_ids: string[] | null;
  bands: string[] | null;
  score_min: number | null;
  score_max: number | null;
  has_comment: boolean | null;
  attr_key: string | null;
  attr_value: string | null;
  secrets: StoredSecret[];
  enabled: boolean;
  disabled_reason: string | null;
  disabled_at: Date | string | null;
  needs_attention: boolean;
  failing_since: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

interface StoredSecret {
  secret: string;
  createdAt: string;
  expiresAt: string | null;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());
/** The webhook-id of a delivery: no '.' (it is part of the signed content), stable for its life. */
export const webhookId = (deliveryId: string) => 'msg_' + deliveryId.replace(/-/g, '');

const active = (secrets: StoredSecret[], now = Date.now()) => secrets.filter((s) => s.expiresAt === null || Date.parse(s.expiresAt) > now);

function toEndpoint(r: EndpointRow): WebhookEndpoint {
  const filters: EndpointFilters = {};
  if (r.survey_ids) filters.surveys = r.survey_ids;
  if (r.bands) filters.bands = r.bands as EndpointFilters['bands'] & string[];
  if (r.score_min !== null) filters.scoreAtLeast = r.score_min;
  if (r.score_max !== null) filters.scoreAtMost = r.score_max;
  if (r.has_comment !== null) filters.hasComment = r.has_comment;
  if (r.attr_key !== null) filters.attribute = { key: r.attr_key, value: r.attr_value ?? '' };
  return {
    id: r.id,
    site: r.site,
    url: r.url,
    description: r.description,
    eventTypes: r.event_types,
    filters,
    enabled: r.enabled,
    disabled: r.enabled ? null : { at: iso(r.disabled_at) ?? iso(r.updated_at)!, reason: r.disabled_reason ?? 'disabled' },
    needsAttention: r.needs_attention,
    failingSince: iso(r.failing_since),
    // The start only: enough to tell secrets apart, nothing to sign with.
    secrets: active(r.secrets).map((s) => ({ start: s.secret.slice(0, 12) + '…', createdAt: s.createdAt, expiresAt: s.expiresAt })),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

const filterParams = (f: EndpointFilters = {}) => [
  f.surveys ?? null,
  f.bands ?? null,
  f.scoreAtLeast ?? null,
  f.scoreAtMost ?? null,
  f.hasComment ?? null,
  f.attribute?.key ?? null,
  f.attribute?.value ?? null,
];

/** The outbox over a database; `activity` records every admin change in its transaction. */
export function webhookOutbox(db: SqlDriver, activity: ActivityStorage): WebhookOutbox {
  const one = async (tx: SqlRunner, site: string, id: string, lock = false) => {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const [row] = await tx.query<EndpointRow>(`select * from sayso_webhook_endpoints where site = $1 and id = $2::uuid${lock ? ' for update' : ''}`, [site, id]);
    return row;
  };
  const log = (tx: SqlRunner, site: string, actor: Actor, action: string, id: string, diff: unknown) =>
    activity.record({ site, actor: { kind: actor.kind, id: actor.id, label: actor.label }, action, subject: { type: 'webhook', id }, diff }, tx);

  return {
    async createEndpoint(site, input, actor) {
      const id = randomUUID();
      const secret = newSecret();
      const row = await db.transaction(async (tx) => {
        const [row] = await tx.query<EndpointRow>(
          `insert into sayso_webhook_endpoints (id, site, url, description, event_types, survey_ids, bands, score_min, score_max, has_comment, attr_key, attr_value, secrets, enabled, disabled_reason, disabled_at)
           values ($1::uuid, $2, $3, $4, $5::text[], $6::text[], $7::text[], $8, $9, $10, $11, $12, $13::text::jsonb, $14, case when $14 then null else 'disabled when created' end, case when $14 then null else now() end)
           returning *`,
          [id, site, input.url, input.description ?? '', input.eventTypes, ...filterParams(input.filters), JSON.stringify([{ secret, createdAt: new Date().toISOString(), expiresAt: null }]), input.enabled ?? true],
        );
        const endpoint = toEndpoint(row!);
        await log(tx, site, actor, 'webhook.create', id, { url: endpoint.url, eventTypes: endpoint.eventTypes, filters: endpoint.filters, enabled: endpoint.enabled });
        return row!;
      });
      return { endpoint: toEndpoint(row), secret };
    },

    async listEndpoints(site) {
      const rows = await db.query<EndpointRow>(`select * from sayso_webhook_endpoints where site = $1 order by created_at, id`, [site]);
      return rows.map(toEndpoint);
    },

    async getEndpoint(site, id) {
      const row = await one(db, site, id);
      return row && toEndpoint(row);
    },

    async updateEndpoint(site, id, patch, actor) {
      return db.transaction(async (tx) => {
        const before = await one(tx, site, id, true);
        if (!before) return undefined;
        const f = patch.filters !== undefined ? filterParams(patch.filters) : undefined;
        const [row] = await tx.query<EndpointRow>(
          `update sayso_webhook_endpoints set
             url = coalesce($3, url), description = coalesce($4, description), event_types = coalesce($5::text[], event_types),
             survey_ids = case when $6 then $7::text[] else survey_ids end, bands = case when $6 then $8::text[] else bands end,
             score_min = case when $6 then $9::integer else score_min end, score_max = case when $6 then $10::integer else score_max end,
             has_comment = case when $6 then $11::boolean else has_comment end,
             attr_key = case when $6 then $12::text else attr_key end, attr_value = case when $6 then $13::text else attr_value end,
             enabled = coalesce($14, enabled),
             disabled_reason = case when $14 is null then disabled_reason when $14 then null when enabled then 'disabled by an admin' else disabled_reason end,
             disabled_at = case when $14 is null then disabled_at when $14 then null when enabled then now() else disabled_at end,
             -- An admin who changed the endpoint has seen it.
             needs_attention = false,
             failing_since = case when $14 and not enabled then null else failing_since end,
             updated_at = now()
           where site = $1 and id = $2::uuid returning *`,
          [site, id, patch.url ?? null, patch.description ?? null, patch.eventTypes ?? null, f !== undefined, ...(f ?? filterParams()), patch.enabled ?? null],
        );
        const after = toEndpoint(row!);
        const was = toEndpoint(before);
        const diff: Record<string, { from: unknown; to: unknown }> = {};
        for (const key of ['url', 'description', 'eventTypes', 'filters', 'enabled'] as const) {
          if (JSON.stringify(was[key]) !== JSON.stringify(after[key])) diff[key] = { from: was[key], to: after[key] };
        }
        await log(tx, site, actor, 'webhook.update', id, diff);
        return after;
      });
    },

    async deleteEndpoint(site, id, actor) {
      return db.transaction(async (tx) => {
        const before = await one(tx, site, id, true);
        if (!before) return false;
        // No foreign key (see migration 9): its deliveries go here, their attempts by cascade.
        await tx.query(`delete from sayso_webhook_deliveries where endpoint_id = $1::uuid`, [id]);
        await tx.query(`delete from sayso_webhook_endpoints where id = $1::uuid`, [id]);
        await log(tx, site, actor, 'webhook.delete', id, { url: before.url });
        return true;
      });
    },

    async rotateSecret(site, id, keepOldSeconds, actor) {
      const secret = newSecret();
      return db.transaction(async (tx) => {
        const before = await one(tx, site, id, true);
        if (!before) return undefined;
        const now = Date.now();
        const until = new Date(now + keepOldSeconds * 1000).toISOString();
        // Old secrets keep signing until `until` (or their own earlier expiry); expired ones are dropped.
        const kept = active(before.secrets, now).map((s) => ({ ...s, expiresAt: s.expiresAt !== null && s.expiresAt < until ? s.expiresAt : until }));
        const secrets = [{ secret, createdAt: new Date(now).toISOString(), expiresAt: null }, ...(keepOldSeconds > 0 ? kept : [])];
        const [row] = await tx.query<EndpointRow>(`update sayso_webhook_endpoints set secrets = $2::text::jsonb, updated_at = now() where id = $1::uuid returning *`, [id, JSON.stringify(secrets)]);
        await log(tx, site, actor, 'webhook.rotate-secret', id, { oldSecretsValidUntil: keepOldSeconds > 0 ? until : null });
        return { endpoint: toEndpoint(row!), secret };
      });
    },

    async deliveries(site, endpointId, q) {
      if (!/^[0-9a-f-]{36}$/i.test(endpointId) || (q.before !== undefined && !/^[0-9a-f-]{36}$/i.test(q.before))) return [];
      const rows = await db.query<{ id: string; event_type: string; event_at: Date; status: Delivery['status']; next_at: Date; created_at: Date; attempts: Attempt[] | null }>(
        `select d.id, d.event_type, d.event_at, d.status, d.next_at, d.created_at,
                (select jsonb_agg(jsonb_build_object('n', a.n, 'at', a.at, 'status', a.status, 'error', a.error, 'latencyMs', a.latency_ms, 'responseStart', a.response_start) order by a.seq desc)
                 from sayso_webhook_attempts a where a.delivery_id = d.id) as attempts
         from sayso_webhook_deliveries d
         where d.site = $1 and d.endpoint_id = $2::uuid and ($3::text is null or d.status = $3::text)
           and ($4::uuid is null or (d.created_at, d.id) < (select created_at, id from sayso_webhook_deliveries where id = $4::uuid))
         order by d.created_at desc, d.id desc limit $5`,
        [site, endpointId, q.status ?? null, q.before ?? null, Math.max(1, Math.min(200, q.limit))],
      );
      return rows.map((r) => ({
        id: r.id,
        webhookId: webhookId(r.id),
        eventType: r.event_type,
        eventAt: iso(r.event_at)!,
        status: r.status,
        attempts: (r.attempts ?? []).map((a) => ({ ...a, at: iso(a.at)! })),
        nextAt: r.status === 'pending' ? iso(r.next_at) : null,
        createdAt: iso(r.created_at)!,
      }));
    },

    async sendTest(site, endpointId, actor) {
      return db.transaction(async (tx) => {
        const endpoint = await one(tx, site, endpointId);
        if (!endpoint) return undefined;
        const id = randomUUID();
        const data = { site, endpointId, message: 'A test event sent from sayso: your endpoint receives and verifies webhooks.' };
        await tx.query(`insert into sayso_webhook_deliveries (id, endpoint_id, site, event_type, event_at, data) values ($1::uuid, $2::uuid, $3, $4, now(), $5::text::jsonb)`, [
          id,
          endpointId,
          site,
          TEST_EVENT,
          JSON.stringify(data),
        ]);
        await log(tx, site, actor, 'webhook.test', endpointId, { delivery: id });
        return id;
      });
    },

    async enqueue(site, type, data, tx = db) {
      const surveyId = typeof data.surveyId === 'string' ? data.surveyId : null;
      const rows = await tx.query<{ id: string }>(
        `insert into sayso_webhook_deliveries (id, endpoint_id, site, event_type, event_at, data)
         select gen_random_uuid(), e.id, e.site, $2, now(), $3::text::jsonb from sayso_webhook_endpoints e
         where e.site = $1 and e.enabled and $2 = any(e.event_types) and ($4::text is null or e.survey_ids is null or $4::text = any(e.survey_ids))
         returning id`,
        [site, type, JSON.stringify(data), surveyId],
      );
      return rows.map((r) => r.id);
    },

    async replay(site, endpointId, deliveryId, actor) {
      if (!/^[0-9a-f-]{36}$/i.test(deliveryId) || !/^[0-9a-f-]{36}$/i.test(endpointId)) return false;
      return db.transaction(async (tx) => {
        const rows = await tx.query<{ id: string }>(
          // Not one a dispatcher holds right now: that one is being sent.
          `update sayso_webhook_deliveries set status = 'pending', round_start = attempts, next_at = now(), finished_at = null
           where site = $1 and endpoint_id = $2::uuid and id = $3::uuid and not (status = 'pending' and lease is not null and next_at > now())
           returning id`,
          [site, endpointId, deliveryId],
        );
        if (rows.length === 0) return false;
        await log(tx, site, actor, 'webhook.replay', endpointId, { delivery: deliveryId });
        return true;
      });
    },

    async replayFailed(site, endpointId, since, actor) {
      if (!/^[0-9a-f-]{36}$/i.test(endpointId)) return 0;
      return db.transaction(async (tx) => {
        const rows = await tx.query<{ id: string }>(
          `update sayso_webhook_deliveries set status = 'pending', round_start = attempts, next_at = now(), finished_at = null
           where site = $1 and endpoint_id = $2::uuid and status = 'failed' and created_at >= $3::timestamptz returning id`,
          [site, endpointId, since],
        );
        await log(tx, site, actor, 'webhook.replay-failed', endpointId, { since, deliveries: rows.length });
        return rows.length;
      });
    },

    async deliveryCounts(site) {
      const rows = await db.query<{ status: Delivery['status']; n: number }>(`select status, count(*)::float8 as n from sayso_webhook_deliveries where site = $1 group by status`, [site]);
      const out = { pending: 0, succeeded: 0, failed: 0 };
      for (const r of rows) out[r.status] = Number(r.n);
      return out;
    },

    async claim(limit, leaseMs) {
      const lease = randomUUID();
      const rows = await db.query<{
        id: string;
        endpoint_id: string;
        site: string;
        url: string;
        event_type: string;
        event_at: Date;
        data: unknown;
        secrets: StoredSecret[];
        attempts: number;
        round_start: number;
      }>(
        // One statement: the rows are locked (skipping those another instance
        // holds), leased until the attempt must be over, and returned.
        `with due as (
           select d.id from sayso_webhook_deliveries d join sayso_webhook_endpoints e on e.id = d.endpoint_id
           where d.status = 'pending' and d.next_at <= now() and e.enabled
           order by d.next_at limit $1
           for update of d skip locked
         )
         update sayso_webhook_deliveries d set lease = $2::uuid, next_at = now() + make_interval(secs => $3::float8 / 1000),
           -- A response event's payload: the answer as it is at the first claim, the same bytes on every attempt after.
           data = coalesce(d.data, (select sayso_webhook_response(r) from sayso_responses r where r.site = d.site and r.id = d.response_id),
                           jsonb_build_object('site', d.site, 'response', null))
         from due, sayso_webhook_endpoints e
         where d.id = due.id and e.id = d.endpoint_id
         returning d.id, d.endpoint_id, d.site, e.url, d.event_type, d.event_at, d.data, e.secrets, d.attempts, d.round_start`,
        [limit, lease, leaseMs],
      );
      return rows.map((r) => ({
        id: r.id,
        lease,
        endpointId: r.endpoint_id,
        site: r.site,
        url: r.url,
        eventType: r.event_type,
        eventAt: iso(r.event_at)!,
        data: r.data,
        secrets: active(r.secrets).map((s) => s.secret),
        attempt: Number(r.attempts) + 1,
        attemptInRound: Number(r.attempts) - Number(r.round_start) + 1,
      }));
    },

    async finish(c, result, disableAfterMs) {
      // One statement (one round trip) for the common case: the attempt, the
      // delivery's next step (only while the lease is ours: after a stall past
      // it, another instance owns the delivery), and the endpoint's failing
      // streak, written only when it starts or ends so that a busy endpoint's
      // row is not rewritten by every delivery.
      const [e] = await db.query<{ failing_ms: number | null; enabled: boolean | null }>(
        `with attempt as (
           insert into sayso_webhook_attempts (delivery_id, n, status, error, latency_ms, response_start) values ($1::uuid, $5, $6, $7, $8, $9)
         ),
         delivery as (
           update sayso_webhook_deliveries set attempts = attempts + 1, lease = null,
             status = case when $3 then 'succeeded' when $4::float8 is null then 'failed' else 'pending' end,
             next_at = case when $3 or $4::float8 is null then next_at else now() + make_interval(secs => $4::float8 / 1000) end,
             finished_at = case when $3 or $4::float8 is null then now() else null end
           where id = $1::uuid and lease = $2::uuid
         ),
         streak as (
           update sayso_webhook_endpoints set failing_since = case when $3 then null else now() end
           where id = $10::uuid and (case when $3 then failing_since is not null else failing_since is null end)
         )
         select extract(epoch from now() - failing_since)::float8 * 1000 as failing_ms, enabled from sayso_webhook_endpoints where id = $10::uuid`,
        [c.id, c.lease, result.ok, result.ok ? null : (result.retryInMs ?? null), c.attempt, result.status, result.error, Math.round(result.latencyMs), result.responseStart, c.endpointId],
      );
      if (!e?.enabled) return undefined;
      // The select saw the row before this statement's update: null on the first failure of a streak.
      const failingFor = Number(e.failing_ms ?? 0);
      const reason = result.disable ?? (!result.ok && failingFor >= disableAfterMs ? `every attempt failed for ${Math.round(failingFor / 3600_000)} hours` : undefined);
      if (!reason) return undefined;
      return db.transaction(async (tx) => {
        const [row] = await tx.query<{ id: string }>(
          `update sayso_webhook_endpoints set enabled = false, disabled_reason = $2, disabled_at = now(), needs_attention = true, updated_at = now() where id = $1::uuid and enabled returning id`,
          [c.endpointId, reason],
        );
        // Another instance may have disabled it first: one activity entry.
        if (!row) return undefined;
        await log(tx, c.site, DISPATCHER_ACTOR, 'webhook.disable', c.endpointId, { reason, delivery: c.id });
        return reason;
      });
    },

    async release(c) {
      await db.query(`update sayso_webhook_deliveries set lease = null, next_at = now() where id = $1::uuid and lease = $2::uuid`, [c.id, c.lease]);
    },
  };
}
