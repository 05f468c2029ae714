import { describe, expect, it } from 'vitest';
import { distinctiveTerms } from './distinctive.js';
import { logOddsRatio } from './log-odds.js';
import { risingThemes } from './rising.js';

// Reproducible xorshift32.
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** Synthetic comments: each mentions each background term at its rate; planted terms at a higher rate in group a. */
function corpus(rand: () => number, n: number, rates: Map<string, number>): Set<string>[] {
  return Array.from({ length: n }, () => new Set([...rates].filter(([, p]) => rand() < p).map(([t]) => t)));
}
function count(comments: Set<string>[]): { comments: number; terms: Map<string, number> } {
  const terms = new Map<string, number>();
  for (const c of comments) for (const t of c) terms.set(t, (terms.get(t) ?? 0) + 1);
  return { comments: comments.length, terms };
}

describe('logOddsRatio', () => {
  it('is the difference of smoothed log-odds with the Beta-prior variance', () => {
    // By hand: p = 30/300 = 0.1, α = 1, β = 9 (prior 10);
    // a: (20+1)/(100−20+9) = 21/89; b: (10+1)/(200−10+9) = 11/199.
    const r = logOddsRatio(20, 100, 10, 200, 10);
    expect(r.logOdds).toBeCloseTo(Math.log(21 / 89) - Math.log(11 / 199), 12);
    expect(r.standardError).toBeCloseTo(Math.sqrt(1 / 21 + 1 / 89 + 1 / 11 + 1 / 199), 12);
    expect(r.z).toBeCloseTo(r.logOdds / r.standardError, 12);
    expect(logOddsRatio(10, 100, 10, 100, 10).z).toBe(0);
  });
});

describe('distinctiveTerms', () => {
  it('finds planted terms at known rates (recall of the planted terms in the top 10 >= 0.9)', () => {
    const rand = rng(42);
    let found = 0;
    let planted = 0;
    for (let trial = 0; trial < 10; trial++) {
      const background = new Map<string, number>();
      for (let i = 0; i < 300; i++) background.set(`w${i}`, 0.005 + 0.1 * rand() ** 2);
      const plants = Array.from({ length: 10 }, (_, i) => `planted${i}`);
      const a = new Map(background);
      const b = new Map(background);
      // Detractors mention the planted terms 2-3 times as often as promoters.
      for (const p of plants) {
        const base = 0.02 + 0.03 * rand();
        b.set(p, base);
        a.set(p, base * (2 + rand()));
      }
      const d = distinctiveTerms(count(corpus(rand, 1500, a)), count(corpus(rand, 1500, b)), { limit: 10 });
      planted += plants.length;
      found += d.a.filter((t) => t.term.startsWith('planted')).length;
    }
    expect(found / planted).toBeGreaterThanOrEqual(0.9);
  });

  it('calls about the nominal share of terms distinctive when the labels are shuffled', () => {
    const rand = rng(7);
    const rates = new Map<string, number>();
    for (let i = 0; i < 400; i++) rates.set(`w${i}`, 0.02 + 0.2 * rand());
    let called = 0;
    let tested = 0;
    for (let trial = 0; trial < 10; trial++) {
      // One population, split at random: no term truly differs.
      const all = corpus(rand, 2000, rates);
      const a = all.filter(() => rand() < 0.4);
      const b = all.filter((c) => !a.includes(c));
      const d = distinctiveTerms(count(a), count(b), { level: 0.9, limit: 1000 });
      called += d.foundA + d.foundB;
      tested += d.tested;
    }
    const share = called / tested;
    console.log(`shuffled labels: ${called} of ${tested} terms called distinctive at level 0.9 (${(100 * share).toFixed(1)}%, nominal 10%)`);
    expect(share).toBeGreaterThan(0.07);
    expect(share).toBeLessThan(0.13);
  });

  it('tests only terms with at least minComments comments, ranks by z and breaks ties by the term', () => {
    const a = { comments: 100, terms: { zeta: 40, alpha: 40, rare: 5, gone: 4 } };
    const b = { comments: 100, terms: { zeta: 5, alpha: 5, rare: 4, fine: 30 } };
    const d = distinctiveTerms(a, b, { minComments: 9 });
    expect(d.tested).toBe(4); // zeta, alpha, rare (9 = minComments), fine; not gone (4)
    expect(d.a.map((t) => t.term)).toEqual(['alpha', 'zeta']);
    expect(d.a[0]).toMatchObject({ countA: 40, countB: 5, rateA: 0.4, rateB: 0.05, label: 'alpha' });
    expect(d.b.map((t) => t.term)).toEqual(['fine']);
    expect(distinctiveTerms(a, b, { minComments: 10 }).tested).toBe(3);
    expect(distinctiveTerms(a, b, { limit: 1 }).a.map((t) => t.term)).toEqual(['alpha']);
    expect(distinctiveTerms(a, b, { labels: { alpha: 'Alpha!' } }).a[0]!.label).toBe('Alpha!');
  });

  it('calls a term distinctive only past the critical z', () => {
    // |z| just under and just over 1.96 at level 0.95.
    const under = distinctiveTerms({ comments: 200, terms: { t: 30 } }, { comments: 200, terms: { t: 18 } });
    const z = logOddsRatio(30, 200, 18, 200, 10).z;
    expect(z).toBeLessThan(under.threshold);
    expect(under.a).toHaveLength(0);
    const over = distinctiveTerms({ comments: 200, terms: { t: 32 } }, { comments: 200, terms: { t: 16 } });
    expect(logOddsRatio(32, 200, 16, 200, 10).z).toBeGreaterThan(over.threshold);
    expect(over.a).toHaveLength(1);
  });

  it('refuses bad counts with the path of the bad field', () => {
    expect(() => distinctiveTerms({ comments: 10, terms: { x: 11 } }, { comments: 5, terms: {} })).toThrow(
      expect.objectContaining({ code: 'E_ARGUMENT_INVALID', path: 'a.terms["x"]' }),
    );
    expect(() => distinctiveTerms({ comments: 10, terms: {} }, { comments: -1, terms: {} })).toThrow(expect.objectContaining({ path: 'b.comments' }));
    expect(() => distinctiveTerms({ comments: 10, terms: {} }, { comments: 1, terms: {} }, { level: 1 })).toThrow(expect.objectContaining({ path: 'options.level' }));
    expect(distinctiveTerms({ comments: 0, terms: {} }, { comments: 0, terms: {} }).tested).toBe(0);
  });
});

describe('risingThemes', () => {
  it('finds a term that rose against the trailing periods taken together, and one that fell', () => {
    const week = (login: number, price: number, app: number) => ({ comments: 500, terms: new Map([['login', login], ['price', price], ['app', app]]) });
    const r = risingThemes(week(60, 5, 50), [week(10, 30, 50), week(12, 25, 48), week(8, 28, 52)]);
    expect(r.rising.map((t) => t.term)).toEqual(['login']);
    expect(r.rising[0]).toMatchObject({ countA: 60, countB: 30, rateA: 0.12, rateB: 0.02 });
    expect(r.falling.map((t) => t.term)).toEqual(['price']);
    expect(r.tested).toBe(3);
  });
});
