// The stored shape of a queued record, and the checks that keep a bad record
// or a bad adapter answer from blocking the queue.
import type { SaysoErrorCode, SurveyEvent, SurveyResponse } from '@sayso/core';
import { json } from '../plain.js';
import type { Batch, SendOutcome } from './types.js';

/** Schema version of stored records; anything else is dead-lettered as corrupt. */
export const V = 1;

/** A queued record as stored (its field names are the stored format). */
export interface Rec {
  v: number;
  id: string;
  kind: 'response' | 'event';
  value: SurveyResponse | SurveyEvent;
  /** When it was enqueued (ms since epoch); for a dead letter, when it was dead-lettered. */
  at: number;
  /** Attempts made so far. */
  attempts?: number;
  /** How many failed attempts were strikes (the server stored others meanwhile), and the most records to send it with next (bisection). */
  strikes?: number;
  part?: number;
  /** In flight until then (ms since epoch), by the delivery instance `by`. */
  leaseUntil?: number;
  by?: string;
  /** Set when dead-lettered: the reason's code and the reason in words. */
  dead?: SaysoErrorCode;
  why?: string;
  /** The unreadable value of a corrupt record, kept for inspection. */
  raw?: unknown;
}

/** True for a record of the current schema stored under key `k`. */
export const valid = (r: unknown, k: string): r is Rec => {
  const x = r as Rec;
  return x?.v === V && x.id === k && /^(response|event)$/.test(x.kind) && x.value?.id === k && x.at > 0;
};

/** Attempts made so far (0 for none, or no record). */
export const tries = (r?: Rec) => r?.attempts ?? 0;

/** True for a well-formed adapter outcome; anything else is retried. */
export const outcome = (o: unknown): o is SendOutcome => {
  const x = o as { status: string; items?: unknown };
  return /^(ok|retry|too-large|reject)$/.test(x?.status) && (!x.items || Array.isArray(x.items));
};

/** The batch of these records, in wire-format shape. */
export const batch = (site: string, rs: Rec[]): Batch => {
  const b: Batch = { site, responses: [], events: [] };
  for (const r of rs) (r.kind == 'event' ? b.events : b.responses).push(r.value as SurveyResponse & SurveyEvent);
  return b;
};

/** UTF-8 bytes a value adds to a JSON body (itself and a comma), as the adapters' `json` writes it. */
export const size = (x: unknown) => new Blob([json(x)]).size + 1;
