// The default cross-device history source: the sayso collector's history
// endpoint (see the wire format in @sayso/core). Other backends implement the
// same `HistorySource` and pass it as `init({ history })`.
import type { UserHistory } from '@sayso/core';
import type { HistorySource } from './types.js';

/** Reads `GET {endpoint}/v1/sites/{site}/users/{userId}/history` with the user's signature. */
export function collectorHistory(endpoint: string, site: string, fetchFn: typeof fetch): HistorySource {
  return {
    async load(userId, signature) {
      const res = await fetchFn(
        `${endpoint}/v1/sites/${encodeURIComponent(site)}/users/${encodeURIComponent(userId)}/history`,
        { headers: { 'X-Sayso-User-Signature': signature }, credentials: 'omit' },
      );
      if (!res.ok) throw new Error(`history HTTP ${res.status}`);
      const body = (await res.json()) as UserHistory;
      return Array.isArray(body.entries) ? body.entries : [];
    },
  };
}
