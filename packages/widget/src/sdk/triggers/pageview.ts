// Page views, including SPA navigations: history.pushState/replaceState (which
// fire no event, so we wrap them), popstate, hashchange, and the Navigation
// API's navigatesuccess where the browser has it. Every source funnels into
// one check that fires only when the URL really changed, so a router that
// calls replaceState for scroll state does not count as a new page.
import { listen } from '../../listen.js';

type HistoryMethod = 'pushState' | 'replaceState';

/** Calls `onChange(href)` after each same-document navigation; returns a stop function. */
export function watchNavigation(win: Window, onChange: (href: string) => void): () => void {
  let last = win.location.href;
  const check = (): void => {
    const href = win.location.href;
    if (href === last) return;
    last = href;
    onChange(href);
  };
  const h = win.history;
  const wrapped: Partial<Record<HistoryMethod, History[HistoryMethod]>> = {};
  const originals: Partial<Record<HistoryMethod, History[HistoryMethod]>> = {};
  for (const m of ['pushState', 'replaceState'] as const) {
    const original = (originals[m] = h[m]);
    h[m] = wrapped[m] = function (this: History, ...args: Parameters<History[HistoryMethod]>) {
      const r = original.apply(this, args);
      check();
      return r;
    };
  }
  const nav = (win as { navigation?: EventTarget }).navigation;
  const offs = [listen(win, 'popstate', check), listen(win, 'hashchange', check), ...(nav ? [listen(nav, 'navigatesuccess', check)] : [])];
  return () => {
    // Restore only if nobody wrapped after us, or we would unhook them.
    for (const m of ['pushState', 'replaceState'] as const) if (h[m] === wrapped[m]) h[m] = originals[m]!;
    offs.forEach((off) => off());
  };
}
