// Scroll depth: fires once the bottom of the visible part of the page's main
// scroller has reached `percent` of its content. The main scroller is the
// document, or, in an app shell whose `html` never scrolls, the element that
// holds the content (`main { overflow: auto }`): scroll events do not bubble,
// but every one passes the window in the capture phase, so one listener sees
// them all. A scroller counts only if it covers at least half the viewport,
// so a code block or a dropdown list scrolled to its end does not fire.
// Only real scrolling counts, so a short page that fits the screen does not
// fire at once.
import { listen } from '../../listen.js';

/** Calls `fire` once the scroll depth reaches `percent`; returns a stop function. */
export function watchScroll(win: Window, percent: number, fire: () => void): () => void {
  // `scroll` cannot be cancelled, so the listener needs no `passive`.
  const stop = listen(
    win,
    'scroll',
    (e) => {
      // The document's own scroll comes from the document, not an element.
      const el = (e.target as Document).scrollingElement ?? (e.target as Element);
      // Depth: the bottom of its visible part, in percent of its content height.
      if (el.clientHeight * el.clientWidth * 2 >= win.innerHeight * win.innerWidth && el.scrollTop + el.clientHeight >= (el.scrollHeight * percent) / 100) {
        stop();
        fire();
      }
    },
    true,
  );
  return stop;
}
