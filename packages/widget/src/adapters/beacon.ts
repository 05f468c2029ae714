import type { Adapter } from '../delivery/types.js';
import { body } from './http.js';

/**
 * Hands the batch to `navigator.sendBeacon` for page unload. A beacon confirms
 * nothing, so it always answers `retry`: the records stay queued until a later
 * acknowledged send, and the server's de-duplication absorbs the repeat. The
 * body is the wire-format JSON sent as `text/plain` (a beacon cannot set
 * headers; a non-simple type would need a preflight a beacon cannot make).
 */
export function beaconAdapter(options: { url: string }): Adapter {
  return {
    name: 'beacon',
    send: async (batch) => {
      let sent = false;
      try {
        sent = navigator.sendBeacon(options.url, body(batch));
      } catch {
        // Missing API or a body over the browser's limit: same as refused.
      }
      return { status: 'retry', reason: 'beacon ' + (sent ? 'queued' : 'refused') };
    },
  };
}
