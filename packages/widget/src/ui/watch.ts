// The page-behaviour triggers (time on page, scroll depth, exit intent) are
// armed from the UI chunk, not the always-loaded sayso.js: they only matter
// where a survey could show, which is where the UI loads anyway (sayso.js
// requests it at the page view that arms them, and on idle when a survey
// could show). What this costs: they arm once the chunk has arrived, so an
// exit before that is missed, and time on page is counted from the page view
// on the assumption that the page stayed visible while the chunk loaded.
import type { Trigger } from '@sayso/core';
import { watchExitIntent } from '../sdk/triggers/exit-intent.js';
import { watchScroll } from '../sdk/triggers/scroll.js';
import { afterTimeOnPage } from '../sdk/triggers/time-on-page.js';

/** Arms one page-behaviour trigger, which calls `fire` once; `since` is the page view's time. Returns a stop function. */
export function watch(win: Window, trigger: Trigger, touch: boolean, since: number, fire: () => void): () => void {
  if (trigger.type == 'time-on-page') return afterTimeOnPage(win.document, trigger.seconds - (Date.now() - since) / 1000, fire);
  if (trigger.type == 'scroll') return watchScroll(win, trigger.percent, fire);
  if (trigger.type == 'exit-intent') return watchExitIntent(win, touch, trigger.touchInactivityMs, fire);
  return () => {};
}
