// Time on page: fires once `seconds` after the page view started (an SPA
// navigation starts a new page view, so the instance re-arms this). Time
// spent in a hidden tab does not count: the visitor was not there.
import { listen } from '../../listen.js';

/** Calls `fire` after `seconds` of visible time; returns a stop function. */
export function afterTimeOnPage(doc: Document, seconds: number, fire: () => void): () => void {
  let left = seconds * 1000;
  let started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hidden = (): boolean => doc.visibilityState == 'hidden';
  const check = (): void => {
    if (hidden()) {
      clearTimeout(timer);
      left -= Date.now() - started;
    } else {
      started = Date.now();
      timer = setTimeout(fire, left);
    }
  };
  // A page that starts hidden waits for its first visibilitychange.
  if (!hidden()) check();
  const off = listen(doc, 'visibilitychange', check);
  return () => {
    clearTimeout(timer);
    off();
  };
}
