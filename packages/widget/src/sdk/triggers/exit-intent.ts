// Exit intent. Desktop: the pointer leaves through the top edge of the
// viewport (towards the tab strip or address bar). Touch devices have no
// pointer to leave with, so there it is a quick upward scroll (reaching for
// the address bar) or, when configured, a spell of inactivity.
import { listen } from '../../listen.js';

/** An upward scroll of at least FLICK_MIN px, at one px per ms or faster, counts. */
const FLICK_MIN = 80;

/** Calls `fire` once on exit intent; returns a stop function. */
export function watchExitIntent(win: Window, touch: boolean, touchInactivityMs: number | undefined, fire: () => void): () => void {
  const doc = win.document;
  let idle: ReturnType<typeof setTimeout> | undefined;
  let lastY = win.scrollY;
  let lastT = Date.now();
  // Stopping first removes every listener and the idle timer, so nothing can
  // call this a second time.
  const once = (): void => {
    stop();
    fire();
  };
  const rearm = (): void => {
    clearTimeout(idle);
    if (touchInactivityMs) idle = setTimeout(once, touchInactivityMs);
  };
  const offs = touch
    ? [
        // `scroll` cannot be cancelled, so it needs no `passive` (touchstart does).
        listen(win, 'scroll', () => {
          const y = win.scrollY;
          const t = Date.now();
          // Pixels up at least the milliseconds taken: one px per ms or faster
          // (a clock that did not move counts as fast).
          if (lastY - y >= Math.max(FLICK_MIN, t - lastT)) return once();
          // Measure speed over short windows only, so a slow drift never adds up to a flick.
          if (t - lastT > 100 || y > lastY) {
            lastY = y;
            lastT = t;
          }
          rearm();
        }),
        listen(doc, 'touchstart', rearm, { passive: true }),
      ]
    : [listen<MouseEvent>(doc, 'mouseout', (e) => !e.relatedTarget && e.clientY <= 0 && once())];
  const stop = (): void => {
    clearTimeout(idle);
    offs.forEach((off) => off());
  };
  if (touch) rearm();
  return stop;
}
