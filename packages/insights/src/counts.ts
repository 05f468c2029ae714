// Aggregated term counts: the only input the statistics need, so the
// collector can feed them from SQL (`count(*) … group by band, term`).
import { SaysoError } from '@sayso/core';

/** How many comments of a group mention each term. */
export interface TermCounts {
  /** Comments in the group (with or without terms). */
  comments: number;
  /** Term → number of comments in the group that contain it (each comment counts a term once). */
  terms: ReadonlyMap<string, number> | Readonly<Record<string, number>>;
}

/** Term → a display label (the most common written form). */
export type TermLabels = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

export const entries = (m: ReadonlyMap<string, number> | Readonly<Record<string, number>>): Iterable<[string, number]> =>
  m instanceof Map ? m.entries() : Object.entries(m);

export const lookup = <T>(m: ReadonlyMap<string, T> | Readonly<Record<string, T>> | undefined, key: string): T | undefined =>
  m === undefined ? undefined : m instanceof Map ? m.get(key) : Object.prototype.hasOwnProperty.call(m, key) ? (m as Record<string, T>)[key] : undefined;

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** Checks counts that may come from a database or the wire; throws E_ARGUMENT_INVALID naming the bad field. */
export function checkCounts(c: TermCounts, path: string): Map<string, number> {
  if (c === null || typeof c !== 'object' || !isCount(c.comments)) {
    throw new SaysoError('E_ARGUMENT_INVALID', 'comments must be an integer >= 0', { path: `${path}.comments` });
  }
  if (c.terms === null || typeof c.terms !== 'object') throw new SaysoError('E_ARGUMENT_INVALID', 'terms must be a Map or an object of counts', { path: `${path}.terms` });
  const out = new Map<string, number>();
  for (const [term, n] of entries(c.terms)) {
    if (!isCount(n) || n > c.comments) {
      throw new SaysoError('E_ARGUMENT_INVALID', `a term's count must be an integer from 0 to comments (${c.comments}), got ${String(n)}`, { path: `${path}.terms[${JSON.stringify(term)}]` });
    }
    out.set(term, n);
  }
  return out;
}

/** Adds term counts (trailing periods into one baseline, several surveys into one). */
export function mergeCounts(...counts: TermCounts[]): { comments: number; terms: Map<string, number> } {
  const terms = new Map<string, number>();
  let comments = 0;
  counts.forEach((c, i) => {
    const checked = checkCounts(c, `counts[${i}]`);
    comments += c.comments;
    for (const [t, n] of checked) terms.set(t, (terms.get(t) ?? 0) + n);
  });
  return { comments, terms };
}

/** Ascending by key, the way every result here breaks ties. */
export const byTerm = (a: { term: string }, b: { term: string }): number => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);
