// Exit intent. Desktop: the pointer leaves through the top edge of the
// viewport (towards the tab strip or address bar). Touch devices have no
// pointer to leave with, so there it is a quick upward scroll (reaching for
// the address bar) or, when configured, a spell of inactivity.
import { listen } from '../../listen.js';

/** An upward scroll faster than this (px/ms) over at least FLICK_MIN px counts. */
const FLICK_SPEED = 1;
const FLICK_MIN = 80;

/** Calls `fire` once on exit intent; returns a stop function. */
export function watchExitIntent(win: Window, touch: boolean, touchInactivityMs: number | undefined, fire: () => void): () => void {
  const doc = win.document;
  let done = false;
  let idle: ReturnType<typeof setTimeout> | undefined;
  let lastY = win.scrollY;
  let lastT = Date.now();
  const once = (): void => {
    if (done) return;
    done = true;
    stop();
    fire();
  };
  const onOut = (e: MouseEvent): void => {
    if (!e.relatedTarget && e.clientY <= 0) once();
  };
  const rearm = (): void => {
    clearTimeout(idle);
    if (touchInactivityMs) idle = setTimeout(once, touchInactivityMs);
  };
  const onScroll = (): void => {
    const y = win.scrollY;
    const t = Date.now();
    if (lastY - y >= FLICK_MIN && (lastY - y) / Math.max(1, t - lastT) >= FLICK_SPEED) once();
    // Measure speed over short windows only, so a slow drift never adds up to a flick.
    if (t - lastT > 100 || y > lastY) {
      lastY = y;
      lastT = t;
    }
    rearm();
  };
  const offs = touch
    ? [listen(win, 'scroll', onScroll, { passive: true }), listen(doc, 'touchstart', rearm, { passive: true })]
    : [listen<MouseEvent>(doc, 'mouseout', onOut)];
  const stop = (): void => {
    clearTimeout(idle);
    offs.forEach((off) => off());
  };
  if (touch) rearm();
  return stop;
}
