// One sending tab per site. Web Locks first: the lock is held by a promise
// that never settles while this tab leads, and the browser releases it when
// the tab dies, so the next waiting tab takes over. Where Web Locks is
// missing, a lease in localStorage renewed by a heartbeat; a lease further
// ahead than a lease can be means the clock went back, so it counts as
// expired rather than stalling every tab.

/** How long a localStorage lease lasts without a heartbeat (ms). */
export const LEASE = 5000;

/** Joins the election for `ns`; `lead` hears every change of leadership. Returns a stop function. */
export function elect(ns: string, me: string, now: () => number, lead: (on: boolean) => void): () => void {
  const g = globalThis as unknown as Window;
  const key = `sayso:${ns}:leader`;
  const locks = g.navigator?.locks;
  let on = false;
  if (locks) {
    let release: (v?: unknown) => void = () => {};
    const ac = new AbortController();
    locks.request(key, { signal: ac.signal }, () => (lead(true), new Promise((r) => (release = r)))).catch(() => {}); // aborted by stop()
    return () => (ac.abort(), release(), lead(false));
  }
  let ls: Storage | undefined;
  try {
    ls = g.localStorage;
  } catch {
    // blocked storage throws on access
  }
  // No localStorage (Node, blocked storage): no other tab can be seen, so lead, without a heartbeat timer.
  if (!ls) {
    lead(true);
    return () => lead(false);
  }
  const s = ls;
  const beat = () => {
    let mine = true;
    try {
      const cur = JSON.parse(s.getItem(key)!);
      const t = now();
      mine = !cur || cur.id == me || !(cur.u > t && cur.u - t <= 2 * LEASE);
      if (mine) s.setItem(key, JSON.stringify({ id: me, u: t + LEASE }));
    } catch {
      // Unreadable or unwritable lease: send from here rather than never.
    }
    if (mine != on) lead((on = mine));
  };
  const iv = setInterval(beat, LEASE / 3);
  const quit = () => {
    clearInterval(iv);
    try {
      if (on) s.removeItem(key); // let another tab take over at once
    } catch {
      // nothing to release
    }
    if (on) lead((on = false));
  };
  g.addEventListener?.('pagehide', quit);
  beat();
  return quit;
}
