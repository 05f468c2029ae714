// Scroll depth: fires once the bottom of the viewport has reached `percent` of
// the document's height. Only real scrolling counts, so a short page that
// fits the screen does not fire at once.
import { listen } from '../../listen.js';

/** How far down the page the viewport's bottom edge is, in percent. */
export function scrollDepth(win: Window): number {
  const doc = win.document;
  const height = Math.max(doc.documentElement.scrollHeight, doc.body?.scrollHeight ?? 0);
  return height ? Math.min(100, ((win.scrollY + win.innerHeight) / height) * 100) : 100;
}

/** Calls `fire` once the scroll depth reaches `percent`; returns a stop function. */
export function watchScroll(win: Window, percent: number, fire: () => void): () => void {
  // `scroll` cannot be cancelled, so the listener needs no `passive`.
  const stop = listen(win, 'scroll', () => {
    if (scrollDepth(win) >= percent) {
      stop();
      fire();
    }
  });
  return stop;
}
