import { SaysoError, uuidv7, type SaysoErrorCode } from '@sayso/core';
import { chain } from '../storage/chain.js';
import { indexedDbStorage } from '../storage/indexeddb.js';
import { onLocalStorage } from '../storage/local.js';
import { localStorageStorage } from '../storage/localstorage.js';
import { memoryStorage } from '../storage/memory.js';
import type { QueueStorage } from '../storage/types.js';
import { listen } from '../listen.js';
import { elect, type Leadership } from './leader.js';
import { batch, outcome, size, tries, valid, V, type Rec } from './record.js';
import type { Adapter, DeadLetter, Delivery, DeliveryEvent, Outgoing, SendOutcome } from './types.js';

/** Options of {@link createDelivery}. */
export interface DeliveryOptions {
  /** Public site key, sent with every batch. */
  site: string;
  /** Where batches go, e.g. `httpAdapter({ url })`. */
  adapter: Adapter;
  /** Sends on page hide/unload, called with `unloading: true`. @default adapter (httpAdapter then uses fetch keepalive) */
  unloadAdapter?: Adapter;
  /** Where records wait; a memory store is always added last, so a submit is never refused for lack of storage. @default [indexedDbStorage(), localStorageStorage()] */
  storage?: QueueStorage | QueueStorage[];
  /** Most records and bytes waiting; a submit past either is refused with `E_QUEUE_FULL`. @default { records: 500, bytes: 2 MiB } */
  capacity?: { records?: number; bytes?: number };
  /** A record waiting longer is dead-lettered with `E_RECORD_EXPIRED`. @default 30 */
  maxAgeDays?: number;
  /** Most records per batch. @default 50 */
  batchSize?: number;
  /** An attempt that has not answered after this many ms is retried. @default 30000 */
  timeout?: number;
  /** Namespace of the queue, the sender election and the wake-up channel. @default site */
  name?: string;
  /** Wall clock for record ages and leases (tests). @default Date.now */
  now?: () => number;
  /** Randomness for backoff jitter (tests). @default Math.random */
  random?: () => number;
}

/** Longest wait between attempts: 5 minutes. */
const CAP = 3e5;
/**
 * A record alone in its batch is dead-lettered on a failure that is its third strike. A strike is a failed attempt
 * after the server stored other records since this record's previous attempt: evidence that the record, not the
 * server, is the problem. An outage gives no strikes, so it dead-letters nothing; with nothing else queued to give
 * evidence, a record is retried (every 5 minutes at most) until it expires.
 */
const STRIKES = 3;
/** The keepalive quota Chromium gives a page during unload (fetch keepalive and sendBeacon share it), less room for the body's envelope. */
const BUDGET = 6e4;

/**
 * The durable delivery queue: stores each record before resolving, sends from
 * one tab per site, retries with backoff and deletes a record only after the
 * adapter reports it stored.
 * @example
 * const delivery = createDelivery({ site: 'pk_1', adapter: httpAdapter({ url: 'https://c.example.com/v1/responses' }) });
 * const { durability } = await delivery.enqueue({ kind: 'response', value: response });
 */
export function createDelivery(o: DeliveryOptions): Required<Delivery> {
  const ns = o.name ?? o.site;
  const now = o.now ?? Date.now;
  const timeout = o.timeout ?? 3e4;
  const lease = timeout + 5e3;
  const g = globalThis as unknown as Window & typeof globalThis;
  const me = uuidv7();
  const fns = new Set<(e: DeliveryEvent) => void>();
  const emit = (e: DeliveryEvent) =>
    fns.forEach((f) => {
      try {
        f(e);
      } catch {
        // A host listener's bug must not stop delivery.
      }
    });
  // `ids` may be present and undefined (an error about no particular record).
  const err = (code: SaysoErrorCode, message: string, ids?: string[]) => emit({ type: 'error', code, message, ids } as DeliveryEvent);
  const list = o.storage ? [o.storage].flat() : [indexedDbStorage({ name: ns }), localStorageStorage({ name: ns })];
  const store = chain(list.at(-1)?.name == 'memory' ? list : [...list, memoryStorage()], err);
  // Only in a page: a channel in Node would keep the process alive.
  const ch = g.document && g.BroadcastChannel && new BroadcastChannel(`sayso:${ns}`);

  let leader: Leadership = 0; // 2: by Web Lock, which is exclusive, so no other live sender exists
  let gone: unknown;
  let hold: unknown; // waiting out a Retry-After or an auth refusal: no trigger sends before then
  let told: unknown;
  let hidden: unknown;
  let fails = 0;
  let limit = 0;
  let oks = 0; // deliveries so far: the evidence a strike needs
  /** `oks` when each record was queued here or last failed here; records an earlier page left count from 0. */
  const stamp = new Map<string, number>();
  let epoch = 0; // bumped by clear(), so nothing read or sent before it is written back
  let timer: ReturnType<typeof setTimeout>;
  let inflight: AbortController | undefined; // of the attempt in flight, aborted by destroy()
  let busy: Promise<void> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  // Records known to be queued, for the synchronous send at page hide. Only grows by reads and enqueues
  // and shrinks by settling, so a read racing an enqueue cannot hide the new record.
  const cache = new Map<string, Rec>();
  /** Ids this tab queued and has not seen delivered, for the sender's report from another tab. */
  const mine = new Set<string>();

  const later = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => ((hold = 0), flush()), ms);
  };
  /**
   * A pause outlives its page: its end is kept in localStorage, so a page opened
   * (or a tab elected) during a server's Retry-After or after a 401/403 waits it
   * out too, rather than sending at once. A kept end more than 5 minutes ahead
   * is a clock that jumped, and is ignored.
   */
  const HOLD = `sayso:${ns}:hold`;
  const held = () => {
    const w = Number(onLocalStorage((ls) => ls.getItem(HOLD))) - now();
    if (!hold && w > 0 && w <= CAP) {
      hold = 1;
      later(w);
    }
    return hold;
  };
  /** The dead letters, oldest first (ids are UUIDv7 and storage lists by key, so in the order they were submitted). */
  const letters = async () =>
    (await store.entries())
      .map(([, v]) => v as Rec)
      .filter((r) => r?.dead)
      .map((r): DeadLetter => ({ id: r.id, record: r.value && ({ kind: r.kind, value: r.value } as Outgoing), raw: r.raw, code: r.dead!, reason: r.why ?? r.dead!, at: r.at }));

  /**
   * Bounds the dead letters to the newest 100 and 256 KB: the oldest go, and the
   * host is told which. The newest always stays, so the letter just announced
   * can still be read, however large.
   */
  const prune = async () => {
    const dl = await letters();
    let n = dl.length;
    let total = size(dl); // the letters as one JSON array: their sizes and commas
    // n counts the letters newer than x; `total -= …` then stays above 0, so it also means "drop".
    const ids = dl.filter((x) => --n && (n >= 100 || total > 262144) && (total -= size(x))).map((x) => x.id);
    if (ids[0]) {
      await store.del(ids);
      err('E_QUEUE_FULL', 'dead-letter queue full', ids);
    }
  };

  /** Takes records out of the queue: deleted when delivered; otherwise dead-lettered (kept, marked with code, reason and time). */
  const settle = async (rs: Rec[], code?: SaysoErrorCode, why?: string) => {
    const ids = rs.map((r) => r.id);
    if (!ids[0]) return;
    // A dead letter's `at` becomes when it died (its age no longer matters); its stale lease is never read.
    await (code ? store.put(rs.map((r) => [r.id, { ...r, dead: code, why, at: now() }])) : store.del(ids));
    ids.forEach((id) => (cache.delete(id), mine.delete(id), stamp.delete(id)));
    if (code) {
      err(code, why!, ids);
      await prune();
    } else {
      oks++;
      emit({ type: 'delivered', ids });
      // Tell the tabs that queued them: their thank-you can then say "sent" honestly.
      ch?.postMessage(ids);
    }
  };

  /** Reads the live queue, dead-lettering corrupt and expired records on the way. */
  const load = async () => {
    const t = now();
    const live: Rec[] = [];
    const old: Rec[] = [];
    const bad: Rec[] = [];
    const e = epoch;
    for (const [k, v] of await store.entries())
      if (!(v as Rec)?.dead)
        if (!valid(v, k)) bad.push({ id: k, raw: v } as Rec);
        else (t - v.at > (o.maxAgeDays ?? 30) * 864e5 ? old : live).push(v);
    await settle(bad, 'E_RECORD_CORRUPT', 'corrupt');
    await settle(old, 'E_RECORD_EXPIRED', 'expired');
    if (e != epoch) return [];
    live.forEach((r) => cache.set(r.id, r));
    return live;
  };

  /** A failed attempt of `r` is a strike when the server stored other records since its previous attempt (or since it was queued). */
  const struck = (r: Rec) => oks > (stamp.get(r.id) ?? 0);
  const strikes = (r: Rec) => (r.strikes ?? 0) + +struck(r);

  /** One attempt: never throws, never hangs past `timeout`; anything odd is a retry. */
  const attempt = async (rs: Rec[], unloading?: 1): Promise<SendOutcome> => {
    const attempt = Math.max(...rs.map(tries)) + 1;
    const e = epoch;
    const ac = new AbortController();
    if (!unloading) inflight = ac;
    const mark = (l?: object, f?: (r: Rec) => object | false) =>
      !unloading &&
      e == epoch &&
      !gone &&
      // Lifting a lease rewrites only records still queued: one a page-hide send got stored meanwhile stays deleted.
      store.put(rs.filter((r) => l || cache.has(r.id)).map((r) => [r.id, { ...r, attempts: attempt, ...l, ...f?.(r) }]));
    let out: unknown;
    let t: ReturnType<typeof setTimeout> | undefined;
    try {
      // Leased before sending, so a tab taking over mid-flight leaves these alone until the lease ends.
      await mark({ leaseUntil: now() + lease, by: me });
      out = await Promise.race([
        ((unloading && o.unloadAdapter) || o.adapter).send(batch(o.site, rs), { signal: ac.signal, idempotencyKey: rs[0]!.id, attempt, unloading: !!unloading }),
        new Promise((r) => (t = setTimeout(() => (ac.abort(), r(0)), timeout))),
      ]);
    } catch {
      // an adapter that throws is retried
    }
    clearTimeout(t);
    if (!outcome(out)) out = { status: 'retry' };
    const s = (out as SendOutcome).status;
    // Not stored: lift the lease, so a reload or another tab need not wait it out. A failure is kept with the record
    // (its strikes, and its half of the batch: bisection), so a reload resumes where the last page was.
    if (s != 'ok') await mark(undefined, (r) => s == 'retry' && { strikes: strikes(r), part: Math.ceil(rs.length / 2) });
    return out as SendOutcome;
  };

  /** Full jitter: a random wait up to 1 s·2ⁿ after n failed runs, capped at 5 minutes. */
  const backoff = () => Math.min((o.random ?? Math.random)() * 1e3 * 2 ** fails++, CAP);

  /**
   * Sends batches until the queue is empty or the server fails us. Records that never failed go first, and a batch
   * holds records with the same number of attempts, at most as many as their `part` (half the batch they last failed
   * in), so a record the server keeps failing never holds back others and is alone after O(log n) extra requests
   * while the others are delivered. After a failure the run goes on with the next batch only when the server stored
   * something in this run (the record, not the server, is the problem); otherwise it waits, as in an outage.
   */
  const run = async () => {
    const seen = oks;
    const failed = new Set<string>(); // tried in this run and kept: not again before the next
    // Stops when destroyed: a dead tab's loop must not race the next sender.
    for (limit = o.batchSize ?? 50; !gone; ) {
      const t = now();
      const rs = await load();
      // Another instance's lease is waited out, unless this tab leads by Web Lock: the lock is exclusive and dies with
      // its tab, so any other owner's lease is a dead sender's, whose request died with it. Reclaimed at once; if that
      // request did land, the server's de-duplication absorbs the resend. A localStorage lease proves no such thing.
      // A lease further ahead than a lease can be means the clock went back, so it is ignored.
      const until = (r: Rec) => (leader < 2 && r.by != me && r.leaseUntil! > t && r.leaseUntil! - t <= lease ? r.leaseUntil! : 0);
      // Stable sort: key (queue) order among records with as many attempts.
      const due = rs.filter((r) => !until(r) && !failed.has(r.id)).sort((x, y) => tries(x) - tries(y));
      // Once the server has stored something in this run, records with no strike (whose failures were the server's,
      // an outage's) go together again in full batches, so an outage leaves no trail of small batches behind it.
      const h = due[0];
      const all = oks != seen && !h?.strikes;
      const b = due.filter((r) => (all ? !r.strikes : tries(r) == tries(h))).slice(0, Math.min(limit, (!all && h?.part) || limit));
      if (!b[0] || gone) return rs[0] && later(failed.size ? backoff() : Math.min(...rs.map(until)) - t + 50);
      const e = epoch;
      const out = await attempt(b);
      const s = out.status;
      // Alone, and failing while the server stores others: given up on.
      const poisoned = !b[1] && struck(b[0]!) && strikes(b[0]!) >= STRIKES;
      if (s == 'retry') b.forEach((r) => stamp.set(r.id, oks));
      if (e != epoch) return;
      if (s == 'ok') {
        fails = 0;
        onLocalStorage((ls) => ls.removeItem(HOLD));
        await settle(b);
      } else if (s == 'too-large') {
        // Split: halve the batch; a single record still too large is dead-lettered.
        if (b[1]) limit = b.length >> 1;
        else await settle(b, 'E_DELIVERY_TOO_LARGE', 'too large');
      } else if (s == 'reject' && !out.auth) {
        // Partial acceptance: only the listed items are bad, the others are stored.
        const by = batch(o.site, b);
        const bad = (out.items ?? []).map((it) => it.id ?? by[it.list]?.[it.index]?.id);
        const rej = b.filter((r) => !bad[0] || bad.includes(r.id));
        await settle(rej, 'E_DELIVERY_REJECTED', out.reason);
        await settle(b.filter((r) => !rej.includes(r)));
      } else if (s == 'retry' && !(out.delayMs! >= 0)) {
        if (poisoned)
          await settle(b, 'E_DELIVERY_REJECTED', `${out.reason ?? 'failed'}: fails while others are delivered`);
        else {
          b.forEach((r) => failed.add(r.id));
          if (oks == seen) return later(backoff());
        }
      } else {
        // Auth refused: keep everything, say so once, look again after the longest wait.
        // Retry-After: the server said when (capped at 5 minutes); no trigger sends before then.
        const d = s == 'retry' ? out.delayMs! : CAP;
        if (s == 'reject' && !told) {
          err('E_DELIVERY_UNAUTHORIZED', out.reason);
          told = 1;
        }
        hold = 1;
        const w = Math.min(d, CAP);
        onLocalStorage((ls) => ls.setItem(HOLD, String(now() + w)));
        return later(w);
      }
    }
  };

  /** Sends what is queued if this tab is the sender, else wakes the sender. */
  const flush = (): Promise<void> =>
    busy
      ? busy.then(flush)
      : gone || held()
        ? Promise.resolve()
        : leader
          ? (clearTimeout(timer),
            (busy = run()
              .catch((e) => {
                err('E_STORAGE_UNAVAILABLE', `${e}`);
                later(3e4);
              })
              .finally(() => (busy = undefined))))
          : Promise.resolve(ch?.postMessage(1));

  /**
   * Page hide: hands what is queued to the unload adapter within the keepalive budget; deletes only on an acknowledged send.
   * Deliberately nothing during a pause (`hold`). A Retry-After (429/503) is the server asking for quiet: a burst of
   * keepalive or beacon bodies at page hide is exactly what it refused, and the records are safe in storage for the
   * next visit or tab. After 401/403 the same request would be refused again. Plain backoff is only our own caution,
   * not the server's word, so page hide still sends then.
   */
  const unload = () => {
    if (hidden || !leader || gone || held()) return;
    hidden = 1;
    let total = 0;
    let chunk: Rec[] = [];
    const go = () => {
      const rs = chunk;
      chunk = [];
      if (rs[0]) void attempt(rs, 1).then((out) => void (out.status == 'ok' && settle(rs)));
    };
    // What does not fit stays queued for a later send. Batched as the sender batches, so records that keep failing
    // do not take fresh ones down with them.
    for (const r of [...cache.values()].sort((x, y) => tries(x) - tries(y)))
      if ((total += size(r.value)) <= BUDGET) {
        if (chunk.length >= limit || tries(chunk[0]) != tries(r)) go();
        chunk.push(r);
      }
    go();
  };

  const offs: Array<() => void> = [];
  const on = (t: EventTarget, type: string, f: () => void) => offs.push(listen(t, type, f));
  // Before the election joins: its own pagehide handler gives up leadership, and the unload send must run first.
  if (g.document) {
    on(g, 'online', flush);
    on(g, 'pagehide', unload);
    on(g.document, 'visibilitychange', () => (g.document.hidden ? unload() : ((hidden = 0), flush())));
  }
  offs.push(
    elect(
      ns,
      me,
      now,
      (level) => {
        leader = level;
        if (level) void flush();
      },
      on,
    ),
  );
  // A number wakes the sender; a list of ids is what the sender delivered, reported here for this tab's own records.
  if (ch)
    ch.onmessage = ({ data }) => {
      const ids = data?.filter?.((id: string) => mine.delete(id));
      if (!ids) void (leader && flush());
      else if (ids[0]) emit({ type: 'delivered', ids });
    };

  return {
    enqueue(x) {
      // One at a time, so a double-click cannot race two writes past the duplicate check.
      const p = queue.then(async () => {
        const id = x?.value?.id;
        // Fail loudly at the boundary: an id-less record would poison the storage chain (IndexedDB rejects the key).
        if (typeof id != 'string' || !id) throw new SaysoError('E_ARGUMENT_INVALID', 'record without id');
        const live = await load();
        const same = live.find((r) => r.id == id);
        const rec: Rec = same ?? { v: V, id, kind: x.kind, value: x.value, at: now() };
        const c = o.capacity;
        if (!same && (live.length >= (c?.records ?? 500) || size(live.map((r) => r.value)) + size(rec.value) > (c?.bytes ?? 2 ** 21)))
          throw new SaysoError('E_QUEUE_FULL', 'queue full');
        // Putting a duplicate again tells where it is stored without storing it twice.
        const durability = await store.put([[id, rec]]);
        mine.add(id);
        if (!same) {
          stamp.set(id, oks);
          cache.set(id, rec);
          emit({ type: 'queued', id, durability });
        }
        void flush();
        return { id, durability };
      });
      queue = p.catch(() => {});
      return p;
    },
    flush,
    pending: async () => (await load()).length,
    on: (f) => (fns.add(f), () => fns.delete(f)),
    deadLetters: letters,
    clearDeadLetters: async () => store.del((await letters()).map((x) => x.id)),
    clear: async () => {
      epoch++;
      cache.clear();
      await store.clear();
    },
    destroy() {
      gone = 1;
      inflight?.abort();
      clearTimeout(timer);
      offs.forEach((f) => f());
      ch?.close();
    },
  };
}
