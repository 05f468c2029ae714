// Page views, including SPA navigations: history.pushState/replaceState (which
// fire no event, so we wrap them), popstate, hashchange, and the Navigation
// API's navigatesuccess where the browser has it. Every source funnels into
// one check that fires only when the URL really changed, so a router that
// calls replaceState for scroll state does not count as a new page.
import { listen } from '../../listen.js';

/** Calls `onChange(href)` after each same-document navigation; returns a stop function. */
export function watchNavigation(win: Window, onChange: (href: string) => void): () => void {
  let last = win.location.href;
  const check = (): void => {
    const href = win.location.href;
    if (href != last) onChange((last = href));
  };
  const h = win.history;
  // Each wrapper comes with the function that takes it off again.
  const offs = (['pushState', 'replaceState'] as const).map((m) => {
    const original = h[m];
    const wrapped = (h[m] = function (this: History, ...args: Parameters<History['pushState']>) {
      const r = original.apply(this, args);
      check();
      return r;
    });
    // Restore only if nobody wrapped after us, or we would unhook them.
    return () => {
      if (h[m] === wrapped) h[m] = original;
    };
  });
  offs.push(listen(win, 'popstate', check), listen(win, 'hashchange', check));
  const nav = (win as { navigation?: EventTarget }).navigation;
  if (nav) offs.push(listen(nav, 'navigatesuccess', check));
  return () => offs.forEach((off) => off());
}
