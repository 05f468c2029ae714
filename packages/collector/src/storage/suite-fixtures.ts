// The stored answer the shared storage suites start from (storage-suite.ts
// and the per-area suites it calls): each suite overrides what its tests are
// about, so a new suite does not copy the whole record again.
import { uuidv7 } from '@sayso/core';
import type { StoredResponse } from './types.js';

/** A promoter's NPS answer (9), stored at noon on 2026-10-01, with `o` over it. */
export function storedResponse(o: Partial<StoredResponse> = {}): StoredResponse {
  return {
    id: uuidv7(),
    surveyId: 'nps',
    kind: 'nps',
    score: 9,
    scale: [0, 10],
    createdAt: '2026-10-01T12:00:00.000Z',
    anonymousId: 'a',
    attributes: {},
    page: { url: 'https://x.test/' },
    locale: 'en',
    channel: 'web',
    ...o,
  };
}
