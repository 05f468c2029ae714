// Ratings written into a comment ("8/10", "5 stars", "zero stars"): a
// reviewer's own verdict, in any language, so they score wherever they stand.
import type { SentimentSpan } from './sentiment.js';

const NUMBERS: Record<string, number> = { zero: 0, no: 0, one: 1, two: 2, three: 3, four: 4, five: 5, half: 0.5 };
// "8/10", "8 out of 10", "4.5/5"; "5 stars", "one-star", "zero stars". A date ("12/10/2024") or a fraction of something else is no rating.
const RATING = /(?<![\d/.])(\d{1,2}(?:\.\d)?)\s*(?:\/|out of)\s*(10|5)(?![\d/])|(?<![\w.])(\d(?:\.\d)?|zero|no|one|two|three|four|five|half)[- ]stars?\b/gi;
const HINT = /\d|star/i;

/** Ratings in a comment as spans: the top third of the scale +3, the bottom third −3, the middle 0 (not returned). */
export function ratingsIn(text: string): SentimentSpan[] {
  const out: SentimentSpan[] = [];
  if (!HINT.test(text)) return out;
  for (const m of text.matchAll(RATING)) {
    const [value, scale] = m[1] !== undefined ? [Number(m[1]), Number(m[2])] : [NUMBERS[m[3]!.toLowerCase()] ?? Number(m[3]), 5];
    if (!(value <= scale)) continue;
    const share = value / scale;
    const base = share >= 0.7 ? 3 : share <= 0.4 ? -3 : 0;
    if (base) out.push({ text: m[0], start: m.index, end: m.index + m[0].length, weight: base, base, reason: `rating ${m[0]} (${value} of ${scale}) ${base > 0 ? '+' : ''}${base}` });
  }
  return out;
}
