// Detractor alerts: each new detractor answer, once, to the site's
// destinations. The ingest statement's trigger wrote one outbox row per
// answer and rule (migration 13); here a tick claims a rule's due rows under
// a lease (FOR UPDATE SKIP LOCKED: two instances never hold one row), sends
// each to the destinations that have not taken it yet, and records which
// did. A row leaves the outbox when every destination has it, so a crash
// between a send and its record re-sends at most that one message, to the
// destination that took it; a destination that fails is tried again with
// backoff while the others are not sent twice.
//
// A flood is bounded: at most `perTick` messages per rule and tick, the rest
// of what is due in one message ("N more detractor answers", with a link to
// the inbox filtered to them).
import type { DetractorRule } from './config.js';
import type { Logger } from '../server/log.js';
import type { OutboxItem } from '../storage/alerts.js';
import type { ExportRow, Storage } from '../storage/types.js';
import type { AlertMessage, Destination } from './message.js';

/** What one rule's turn sent, for logs and tests. */
export interface DetractorOutcome {
  site: string;
  rule: string;
  /** Answers sent one by one. */
  sent: number;
  /** Answers told in the one grouped message (0 when there was none). */
  grouped: number;
  /** Rows left for a later tick because a destination failed. */
  retrying: number;
  failed: Array<{ destination: string; error: string }>;
}

/** Options of {@link sendDetractors}. */
export interface DetractorOptions {
  storage: Storage;
  log: Logger;
  /** The collector's public origin, for links. */
  origin: string;
  /** Messages sent one by one per rule and tick. @default 20 */
  perTick?: number;
  /** Rows claimed per rule and tick (the grouped message covers those beyond `perTick`). @default 5000 */
  claimMax?: number;
  /** How long a claim holds. @default 600000 (10 min: 20 messages to two destinations with a 15 s timeout each fit) */
  leaseMs?: number;
  /** The wait before a failed destination is tried again, by attempts made so far. @default 1 min doubling, at most 1 h */
  retryMs?: (attempts: number) => number;
}

const band = (kind: string) => (kind === 'nps' ? 'detractor' : 'unhappy');

/** The inbox filtered to what a grouped message tells of (the band only when every answer shares one). */
export function inboxUrl(origin: string, site: string, rule: DetractorRule, rows: readonly ExportRow[]): string {
  const q = new URLSearchParams({ site });
  if (rule.survey) q.set('survey', rule.survey);
  const bands = new Set(rows.map((r) => band(r.kind)));
  if (bands.size === 1) q.set('band', [...bands][0]!);
  if (rule.withComment) q.set('hasComment', 'true');
  return `${origin}/studio/responses?${q}`;
}

/** The studio's page of one answer. */
export const answerUrl = (origin: string, site: string, id: string) => `${origin}/studio/responses/${encodeURIComponent(site)}/${encodeURIComponent(id)}`;

/** Sends what one detractor rule owes, to `destinations`. */
export async function sendDetractors(options: DetractorOptions, site: string, rule: DetractorRule, destinations: readonly Destination[]): Promise<DetractorOutcome> {
  const { storage, log } = options;
  const perTick = options.perTick ?? 20;
  const retryMs = options.retryMs ?? ((n: number) => Math.min(60_000 * 2 ** n, 3_600_000));
  const outcome: DetractorOutcome = { site, rule: rule.id, sent: 0, grouped: 0, retrying: 0, failed: [] };
  // Nowhere to send: the rows wait (a destination set later gets them, grouped when many).
  if (destinations.length === 0) return outcome;
  const { lease, items } = await storage.alerts.claim(site, rule.id, options.claimMax ?? 5000, options.leaseMs ?? 600_000);
  if (items.length === 0) return outcome;

  /** Sends `message` to each destination `wanted` says; resolves with the names that took it. */
  const send = async (message: AlertMessage, wanted: (d: Destination) => boolean): Promise<Set<string>> => {
    const took = new Set<string>();
    await Promise.all(
      destinations.filter(wanted).map(async (d) => {
        try {
          await d.send(message);
          took.add(d.name);
        } catch (err) {
          const error = (err as Error).message;
          outcome.failed.push({ destination: d.name, error });
          log.warn('detractor alert delivery failed; it will be tried again', { site, rule: rule.id, destination: d.name, error });
        }
      }),
    );
    return took;
  };
  const settle = async (item: OutboxItem, took: ReadonlySet<string>) => {
    const done = [...new Set([...item.done, ...took])];
    const complete = destinations.every((d) => done.includes(d.name));
    if (!complete) outcome.retrying++;
    await storage.alerts.settle(lease, item.seq, done, complete, retryMs(item.attempts));
  };

  const one = items.slice(0, perTick);
  const rest = items.slice(perTick);
  for (const item of one) {
    // An answer that is gone (a site's data deleted) is owed to no one.
    if (!item.response) {
      await storage.alerts.settle(lease, item.seq, item.done, true, 0);
      continue;
    }
    const message: AlertMessage = { type: 'detractor', site, response: item.response, answerUrl: answerUrl(options.origin, site, item.responseId) };
    const took = await send(message, (d) => !item.done.includes(d.name));
    if (took.size > 0) outcome.sent++;
    await settle(item, took);
  }
  if (rest.length > 0) {
    // One message per destination, counting the answers that destination has not taken yet.
    const tookBy = new Map<string, boolean>();
    await Promise.all(
      destinations.map(async (d) => {
        const owed = rest.filter((i) => !i.done.includes(d.name));
        if (owed.length === 0) return;
        const rows = owed.flatMap((i) => (i.response ? [i.response] : []));
        const message: AlertMessage = { type: 'detractors', site, count: owed.length, survey: rule.survey, inboxUrl: inboxUrl(options.origin, site, rule, rows) };
        tookBy.set(d.name, (await send(message, (x) => x === d)).has(d.name));
      }),
    );
    // Rows that end alike (the same destinations done, the same attempts) are settled in one statement: a flood may be thousands.
    const took = [...tookBy].filter(([, ok]) => ok).map(([name]) => name);
    const alike = new Map<string, { seqs: number[]; done: string[]; complete: boolean; attempts: number }>();
    for (const item of rest) {
      const done = [...new Set([...item.done, ...took])].sort();
      const complete = destinations.every((d) => done.includes(d.name));
      const key = `${done.join(',')}|${item.attempts}`;
      const group = alike.get(key) ?? { seqs: [], done, complete, attempts: item.attempts };
      group.seqs.push(item.seq);
      alike.set(key, group);
      if (!complete) outcome.retrying++;
    }
    for (const g of alike.values()) await storage.alerts.settle(lease, g.seqs, g.done, g.complete, retryMs(g.attempts));
    outcome.grouped = rest.length;
  }
  return outcome;
}
