// Time on page: fires once `seconds` after the page view started (an SPA
// navigation starts a new page view, so the instance re-arms this). Time
// spent in a hidden tab does not count: the visitor was not there.
import { listen } from '../../listen.js';

/** Calls `fire` after `seconds` of visible time; returns a stop function. */
export function afterTimeOnPage(doc: Document, seconds: number, fire: () => void): () => void {
  let left = seconds * 1000;
  let started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (): void => {
    started = Date.now();
    timer = setTimeout(fire, left);
  };
  const onVisibility = (): void => {
    if (doc.visibilityState == 'hidden') {
      clearTimeout(timer);
      left -= Date.now() - started;
    } else arm();
  };
  if (doc.visibilityState != 'hidden') arm();
  const off = listen(doc, 'visibilitychange', onVisibility);
  return () => {
    clearTimeout(timer);
    off();
  };
}
