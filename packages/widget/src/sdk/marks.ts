// The two marks delivery keeps in localStorage so that most pages never load
// the engine: the always-loaded gate reads them, the engine's sender writes them.
import { onLocalStorage as local } from '../storage/local.js';

/** Set (to the time) once a record is durably queued; removed when the queue is seen empty. */
export const PENDING = 'sayso.p';
/** Says the delivery stores were used in this browser, so a denial knows there is something to purge. */
export const USED = 'sayso.d';

/** True when the mark is set, or storage cannot say. */
export const marked = (key = PENDING): boolean => local((s) => s.getItem(key)) !== null;
