// What one person has seen and answered, per survey, kept locally and merged
// with the server's copy for signed identified users so caps hold across
// devices. Merging keeps the later time and the larger count, so merging the
// same history twice changes nothing.
import type { SurveyKind, UserHistoryEntry } from '@sayso/core';
import { quietly } from '../storage/local.js';

/** One survey's record: display count and the last display, answer and dismissal times (ms). */
export interface SurveyRecord {
  /** Kind, so per-kind cooldowns work for surveys no longer configured. */
  k?: SurveyKind;
  /** Displays. */
  n: number;
  /** Last display. */
  d?: number;
  /** Last answer. */
  a?: number;
  /** Last dismissal. */
  x?: number;
}

export type History = Record<string, SurveyRecord>;

/**
 * Parses a stored history; anything unreadable starts afresh. Survey ids are
 * its keys, and an id may be `constructor` or `__proto__`: on a null
 * prototype, `h[id]` finds no inherited value and writing it sets no
 * prototype (an assigned `__proto__` would otherwise reach Object.prototype).
 */
export function readHistory(json: string | null): History {
  const h = quietly(() => JSON.parse(json!) as unknown);
  // Only a plain object is a history (JSON.parse(null) is null, '[1]' an array); Object.assign skips the rest.
  return Object.assign(Object.create(null) as History, typeof h == 'object' && !Array.isArray(h) && h);
}

const later = (a: number | undefined, b: number): number => (a && a > b ? a : b);

/** Records one display, answer or dismissal. */
export function note(h: History, surveyId: string, kind: SurveyKind | undefined, type: UserHistoryEntry['type'], at: number): void {
  const r = (h[surveyId] ??= { n: 0 });
  if (kind) r.k = kind;
  if (type == 'display') {
    r.n++;
    r.d = later(r.d, at);
  } else if (type == 'response') r.a = later(r.a, at);
  else r.x = later(r.x, at);
}

/** Merges server entries in: later times win, and display counts take the larger of the two. */
export function merge(h: History, entries: UserHistoryEntry[], kindOf: (id: string) => SurveyKind | undefined): void {
  const remote: History = Object.create(null);
  for (const e of entries) {
    const at = Date.parse(e.at);
    if (!Number.isNaN(at)) note(remote, e.surveyId, kindOf(e.surveyId), e.type, at);
  }
  for (const id in remote) {
    const r = remote[id]!;
    const l = (h[id] ??= { n: 0 });
    l.n = Math.max(l.n, r.n);
    if (r.k) l.k ??= r.k;
    for (const f of ['d', 'a', 'x'] as const) if (r[f]) l[f] = later(l[f], r[f]);
  }
}
