// The report's reads while the collector sheds load: every card asks for its
// comments and insights at once, and the collector's read gate answers 503
// (with Retry-After: 1) when more wait than it queues. A card asks again a
// second later, a few times, and then says so in its own words: "busy" is a
// state to wait out, not a fault to show as an HTTP status.
import { ApiError } from '../../api/client.js';

/** How many more times a read is tried after a 503, and how long apart. */
export const BUSY_RETRIES = 5;
export const BUSY_WAIT_MS = 1000;

/** True for the read gate's answer (503). */
export const isBusy = (err: unknown): boolean => err instanceof ApiError && err.status === 503;

/** `read()`, tried again BUSY_WAIT_MS later while it fails with a 503, at most `retries` more times. */
export async function unlessBusy<T>(read: () => Promise<T>, retries = BUSY_RETRIES): Promise<T> {
  for (let left = retries; ; left--) {
    try {
      return await read();
    } catch (err) {
      if (!isBusy(err) || left === 0) throw err;
      await new Promise((resolve) => setTimeout(resolve, BUSY_WAIT_MS));
    }
  }
}

/** What a card says when a read failed: the collector's words, or that it is busy. */
export const readFailure = (err: unknown): string => (isBusy(err) ? 'the collector is busy; reload in a moment' : err instanceof Error ? err.message : String(err));
