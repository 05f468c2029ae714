// "Fightin' Words" (Monroe, Colaresi & Quinn 2008, "Fightin' Words: Lexical
// Feature Selection and Evaluation for Identifying the Content of Political
// Conflict", Political Analysis 16(4)): the log-odds ratio of a term between
// two groups with an informative Dirichlet prior, and its z-score.
//
// Each comment counts a term at most once, so a term is a yes/no feature of a
// comment and the Dirichlet over words becomes, per term, a Beta prior over
// "mentions it": α = prior·p and β = prior·(1 − p) pseudo-comments, where p is
// the pooled share of comments that mention the term. That shrinks rare
// terms towards "no difference" exactly as Monroe et al.'s informative prior
// does, and keeps the z-score close to standard normal when the groups do not
// differ (checked with shuffled labels in log-odds.test.ts).
import { normalQuantile } from '@sayso/core';

/** The log-odds ratio of one term, group a against group b. */
export interface LogOdds {
  /** log-odds(a) − log-odds(b) of a comment mentioning the term. */
  logOdds: number;
  /** √ of its approximate variance. */
  standardError: number;
  /** logOdds / standardError. */
  z: number;
}

/** Log-odds ratio with its z: `ya` of `na` comments in a mention the term, `yb` of `nb` in b. */
export function logOddsRatio(ya: number, na: number, yb: number, nb: number, prior: number): LogOdds {
  const p = (ya + yb) / (na + nb);
  const alpha = prior * p;
  const beta = prior * (1 - p);
  const a1 = ya + alpha;
  const a0 = na - ya + beta;
  const b1 = yb + alpha;
  const b0 = nb - yb + beta;
  const logOdds = Math.log(a1 / a0) - Math.log(b1 / b0);
  const standardError = Math.sqrt(1 / a1 + 1 / a0 + 1 / b1 + 1 / b0);
  return { logOdds, standardError, z: logOdds / standardError };
}

/** The two-sided critical |z| at a confidence level. */
export const criticalZ = (level: number): number => normalQuantile(1 - (1 - level) / 2);
