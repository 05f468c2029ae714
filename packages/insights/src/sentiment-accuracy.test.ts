// Sentiment, English: accuracy, macro-F1 and coverage on the UCI "Sentiment
// Labelled Sentences" data (Kotzias, Denil, de Freitas & Smyth 2015, "From
// Group to Individual Labels using Deep Features", KDD; 1 000 Amazon, IMDB
// and Yelp sentences each, shipped as test fixtures in the `sentiment`
// package), against that package's own AFINN scorer on the same sentences in
// the same run. Rules were tuned on the even-numbered sentences only; the
// target is asserted on the odd-numbered ones (held out). The figures are
// printed; README.md quotes them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sentiment } from './sentiment.js';

const require = createRequire(import.meta.url);
const Sentiment = require('sentiment') as new () => { analyze(text: string): { comparative: number; calculation: unknown[] } };
const fixtures = join(dirname(require.resolve('sentiment/package.json')), 'test', 'fixtures');
const sentences = ['amazon', 'imdb', 'yelp'].flatMap((set) =>
  (JSON.parse(readFileSync(join(fixtures, `${set}.json`), 'utf8')) as { text: string; class: number | null }[])
    .map((s, i) => ({ ...s, held: i % 2 === 1 }))
    .filter((s) => s.class === 0 || s.class === 1),
);

interface Scores { accuracy: number; macroF1: number; coverage: number; n: number }

function measure(rows: typeof sentences, predict: (text: string) => { positive: boolean; covered: boolean }): Scores {
  const m = [[0, 0], [0, 0]]; // m[truth][predicted]
  let covered = 0;
  for (const r of rows) {
    const p = predict(r.text);
    m[r.class!]![p.positive ? 1 : 0]!++;
    if (p.covered) covered++;
  }
  const f1 = (k: number): number => (2 * m[k]![k]!) / (2 * m[k]![k]! + m[1 - k]![k]! + m[k]![1 - k]!);
  return { accuracy: (m[0]![0]! + m[1]![1]!) / rows.length, macroF1: (f1(0) + f1(1)) / 2, coverage: covered / rows.length, n: rows.length };
}

const afinn = new Sentiment();
// The `sentiment` package's own rule (its test/benchmark/validate.js): comparative >= 0 is positive.
const baseline = (text: string) => {
  const r = afinn.analyze(text);
  return { positive: r.comparative >= 0, covered: r.calculation.length > 0 };
};
// The same rule with a zero score called negative, so neither side gains from the tie rule alone.
const baselineTieNegative = (text: string) => {
  const r = afinn.analyze(text);
  return { positive: r.comparative > 0, covered: r.calculation.length > 0 };
};
const ours = (text: string) => {
  const r = sentiment(text, 'en');
  return { positive: r.score >= 0, covered: r.spans.length > 0 };
};

const oursTieNegative = (text: string) => {
  const r = sentiment(text, 'en');
  return { positive: r.score > 0, covered: r.spans.length > 0 };
};

const show = (name: string, s: Scores): string =>
  `${name.padEnd(34)} accuracy ${s.accuracy.toFixed(4)}  macro-F1 ${s.macroF1.toFixed(4)}  coverage ${s.coverage.toFixed(3)}  (n ${s.n})`;

describe('sentiment accuracy, English (UCI Sentiment Labelled Sentences)', () => {
  it('beats the AFINN baseline by at least 3 points of accuracy on the held-out half', () => {
    expect(sentences.length).toBe(3000);
    const held = sentences.filter((s) => s.held);
    const tuned = sentences.filter((s) => !s.held);
    const rows: [string, Scores][] = [
      ['AFINN (sentiment), held out', measure(held, baseline)],
      ['AFINN, zero = negative, held out', measure(held, baselineTieNegative)],
      ['@sayso/insights, held out', measure(held, ours)],
      ['@sayso/insights, zero = neg, held', measure(held, oursTieNegative)],
      ['AFINN (sentiment), tuning half', measure(tuned, baseline)],
      ['@sayso/insights, tuning half', measure(tuned, ours)],
      ['AFINN (sentiment), all 3000', measure(sentences, baseline)],
      ['@sayso/insights, all 3000', measure(sentences, ours)],
    ];
    console.log(rows.map(([n, s]) => show(n, s)).join('\n'));
    const [, base] = rows[0]!;
    const [, baseTie] = rows[1]!;
    const [, mine] = rows[2]!;
    const [, mineTie] = rows[3]!;
    // The target, against the package's scorer with its own rule: measured +5.9 points.
    expect(mine.accuracy).toBeGreaterThanOrEqual(base.accuracy + 0.03);
    expect(mine.macroF1).toBeGreaterThanOrEqual(base.macroF1 + 0.03);
    expect(mine.coverage).toBeGreaterThan(base.coverage);
    // With the same tie rule on both sides the margin is smaller (measured +0.8
    // points, short of 3; see the README): assert only that it is not lost.
    expect(mineTie.accuracy).toBeGreaterThan(baseTie.accuracy);
    expect(mineTie.macroF1).toBeGreaterThan(baseTie.macroF1);
  });
});
