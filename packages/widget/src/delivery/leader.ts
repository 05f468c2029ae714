// One sending tab per site. Web Locks first: the lock is held by a promise
// that never settles while this tab leads, and the browser releases it when
// the tab dies, so the next waiting tab takes over. Where Web Locks is
// missing or refuses (an opaque-origin sandboxed frame rejects every request
// with SecurityError), a lease in localStorage renewed by a heartbeat, or,
// where localStorage is blocked too, this page alone; a lease further
// ahead than a lease can be means the clock went back, so it counts as
// expired rather than stalling every tab. A page leaving gives the lease up
// at once; one coming back from the back/forward cache joins again.
import { json } from '../plain.js';

/** How long a localStorage lease lasts without a heartbeat (ms). */
export const LEASE = 5000;

/**
 * Who sends: 0 not this instance; 1 this one, by lease or alone; 2 this one,
 * by Web Lock, which is exclusive, so no other live instance can be sending.
 */
export type Leadership = 0 | 1 | 2;

/**
 * Joins the election for `ns`; `lead` hears every change of leadership. `on`
 * adds a window listener that the caller removes when it stops. Returns a
 * stop function.
 */
export function elect(
  ns: string,
  me: string,
  now: () => number,
  lead: (level: Leadership) => void,
  on: (t: EventTarget, type: string, f: () => void) => void,
): () => void {
  const g = globalThis as unknown as Window;
  const key = `sayso:${ns}:leader`;
  const locks = g.navigator?.locks;
  if (locks) {
    // One signal both withdraws a request still waiting and, once granted, ends the promise that holds the lock.
    const ac = new AbortController();
    let stop = () => (ac.abort(), lead(0));
    locks
      .request(key, { signal: ac.signal }, () => (lead(2), new Promise((r) => (ac.signal.onabort = r))))
      // Aborted by stop(), or refused: then elect as if there were no Web Locks (an opaque origin has no other tab).
      .catch(() => ac.signal.aborted || (stop = lease(key, me, now, lead, on)));
    return () => stop();
  }
  return lease(key, me, now, lead, on);
}

/** The election without Web Locks: a localStorage lease, or this page alone where localStorage is blocked. */
function lease(key: string, me: string, now: () => number, lead: (level: Leadership) => void, on: (t: EventTarget, type: string, f: () => void) => void): () => void {
  const g = globalThis as unknown as Window;
  let mine = false;
  let ls: Storage | undefined;
  try {
    ls = g.localStorage;
  } catch {
    // blocked storage throws on access
  }
  // No localStorage (Node, blocked storage): no other tab can be seen, so lead, without a heartbeat timer.
  if (!ls) {
    lead(1);
    return () => lead(0);
  }
  const s = ls;
  const beat = () => {
    let ok = true;
    try {
      const cur = JSON.parse(s.getItem(key)!);
      const t = now();
      ok = !cur || cur.id == me || !(cur.u > t && cur.u - t <= 2 * LEASE);
      if (ok) s.setItem(key, json({ id: me, u: t + LEASE }));
    } catch {
      // Unreadable or unwritable lease: send from here rather than never.
    }
    if (ok != mine) lead(+(mine = ok) as Leadership);
  };
  let iv: ReturnType<typeof setInterval>;
  const join = () => {
    clearInterval(iv);
    iv = setInterval(beat, LEASE / 3);
    beat();
  };
  const quit = () => {
    clearInterval(iv);
    try {
      if (mine) s.removeItem(key); // let another tab take over at once
    } catch {
      // nothing to release
    }
    if (mine) lead(+(mine = false) as 0);
  };
  // A page put in the back/forward cache fires pagehide and may come back with
  // pageshow (persisted), its timers stopped meanwhile: rejoin then, or it would
  // never send again. A pageshow that is not a restore (first load) finds the
  // heartbeat running, and join() is safe to repeat.
  on(g, 'pagehide', quit);
  on(g, 'pageshow', join);
  join();
  return quit;
}
