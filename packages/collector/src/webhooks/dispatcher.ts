// The dispatcher: in every collector, it claims due deliveries from the
// outbox (FOR UPDATE SKIP LOCKED and a lease, so two instances never send
// one delivery at the same time), signs and sends each, records the
// attempt and schedules the next by the retry schedule. Sends run outside
// any transaction: a receiver that hangs for 15 s holds no database
// connection and no lock, so ingest never waits for it.
import type { Logger } from '../server/log.js';
import type { Storage } from '../storage/types.js';
import { checkDestination, DestinationRefused, systemResolver, type AddressPolicy, type Resolver } from './address-guard.js';
import type { ResolvedWebhooksConfig } from './config.js';
import type { AttemptResult, ClaimedDelivery } from './outbox.js';
import { webhookId } from './outbox.js';
import { deliveryBody } from './payloads.js';
import { nextDelay, parseRetryAfter } from './retry-schedule.js';
import { post } from './send.js';
import { signedHeaders } from './signing.js';

/** Options of `webhookDispatcher`. */
export interface DispatcherOptions {
  config: ResolvedWebhooksConfig;
  log: Logger;
  /** Name resolution (tests pass their own). @default the system resolver */
  resolve?: Resolver;
}

/** Sends what the outbox holds. */
export interface Dispatcher {
  /** Claims and sends due deliveries until none is due; resolves when the sends it started are recorded. */
  drain(): Promise<number>;
  /** Polls every `config.pollMs`. */
  start(): void;
  /** Stops polling, aborts sends in flight and gives their deliveries back (no attempt is counted). */
  stop(): Promise<void>;
}

/** A dispatcher over `storage`. */
export function webhookDispatcher(storage: Storage, options: DispatcherOptions): Dispatcher {
  const { config, log } = options;
  const resolve = options.resolve ?? systemResolver;
  const policy: AddressPolicy = { allowPrivateAddresses: config.allowPrivateAddresses, allowedNetworks: config.allowedNetworks };
  // A claim outlives the longest attempt with room to record it; a crashed
  // instance's claims come due again when it ends.
  const leaseMs = config.timeoutMs * 2 + 5000;
  const inFlight = new Set<Promise<void>>();
  const aborter = new AbortController();
  let timer: ReturnType<typeof setInterval> | undefined;
  let stopped = false;

  async function attempt(c: ClaimedDelivery): Promise<AttemptResult> {
    const url = new URL(c.url);
    let address;
    try {
      address = await checkDestination(url, policy, resolve);
    } catch (err) {
      const error = err instanceof DestinationRefused ? `refused: ${err.message}` : String(err);
      return { ok: false, status: null, error, latencyMs: 0, responseStart: null, retryInMs: nextDelay(c.attemptInRound, { scale: config.retryScale }) };
    }
    const body = deliveryBody(c.eventType, c.eventAt, c.data);
    // A new timestamp on each attempt (the spec's replay protection), the same webhook-id.
    const headers = signedHeaders(c.secrets, webhookId(c.id), Math.floor(Date.now() / 1000), body);
    const sent = await post(url, address, headers, body, { timeoutMs: config.timeoutMs, signal: aborter.signal });
    const ok = sent.status !== null && sent.status >= 200 && sent.status < 300;
    const retryAfter = sent.status === 429 || sent.status === 503 || (sent.status !== null && sent.status >= 300) ? parseRetryAfter(sent.headers['retry-after'] as string | undefined) : undefined;
    return {
      ok,
      status: sent.status,
      error: sent.error,
      latencyMs: sent.latencyMs,
      responseStart: sent.responseStart,
      retryInMs: ok ? undefined : nextDelay(c.attemptInRound, { scale: config.retryScale, retryAfterMs: retryAfter }),
      ...(sent.status === 410 ? { disable: 'the endpoint answered 410 Gone' } : {}),
    };
  }

  async function deliver(c: ClaimedDelivery): Promise<void> {
    let result: AttemptResult;
    try {
      result = await attempt(c);
    } catch (err) {
      result = { ok: false, status: null, error: String(err), latencyMs: 0, responseStart: null, retryInMs: nextDelay(c.attemptInRound, { scale: config.retryScale }) };
    }
    if (stopped && aborter.signal.aborted && result.status === null) {
      // Cut short by stop(): not the receiver's failure. It is sent again, by whichever instance runs next.
      await storage.webhooks.release(c);
      return;
    }
    const disabled = await storage.webhooks.finish(c, result, config.disableAfterMs);
    const fields = { delivery: c.id, endpoint: c.endpointId, attempt: c.attempt, status: result.status, ms: Math.round(result.latencyMs) };
    if (result.ok) log.debug('webhook delivered', fields);
    else log.info('webhook attempt failed', { ...fields, error: result.error, retryInMs: result.retryInMs ?? null });
    if (disabled) log.warn('webhook endpoint disabled', { endpoint: c.endpointId, site: c.site, reason: disabled });
  }

  // Claims as many due deliveries as there is room for and starts sending
  // them; it does not wait for the sends, so one slow receiver never holds
  // back the next poll.
  let ticking: Promise<number> | undefined;
  // The last claim took all the room there was: more may be due, so a
  // finished send claims again at once instead of waiting for the next poll.
  let backlog = false;
  const claimAndSend = async (): Promise<number> => {
    let total = 0;
    while (!stopped) {
      const room = config.concurrency - inFlight.size;
      if (room <= 0) break;
      const claimed = await storage.webhooks.claim(room, leaseMs);
      total += claimed.length;
      for (const c of claimed) {
        const p: Promise<void> = deliver(c)
          .catch((err: unknown) => log.warn('recording a webhook attempt failed', { delivery: c.id, error: String(err) }))
          .finally(() => {
            inFlight.delete(p);
            if (backlog && !stopped) void tick().catch((err: unknown) => log.warn('webhook dispatch failed', { error: String(err) }));
          });
        inFlight.add(p);
      }
      backlog = claimed.length === room;
      if (!backlog) break;
    }
    return total;
  };
  // One claim loop at a time per instance. `.finally` runs after the
  // assignment even when the loop ends without waiting (no room).
  const tick = (): Promise<number> => (ticking ??= claimAndSend().finally(() => (ticking = undefined)));

  const drain = async (): Promise<number> => {
    let total = 0;
    for (;;) {
      total += await tick();
      if (inFlight.size > 0) {
        await Promise.race(inFlight);
        continue;
      }
      const more = await tick();
      total += more;
      if (more === 0 && inFlight.size === 0) return total;
    }
  };

  return {
    drain,
    start() {
      timer = setInterval(() => void tick().catch((err: unknown) => log.warn('webhook dispatch failed', { error: String(err) })), config.pollMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      aborter.abort();
      await ticking?.catch(() => 0);
      await Promise.all(inFlight);
    },
  };
}
