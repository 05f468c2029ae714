// @sayso/insights: what people write, which themes move the score, and what
// is rising, computed locally. Explicit named exports only: this file is the
// package's whole public surface.

export { LANGUAGES, isLang, langOf } from './lang/index.js';
export type { Lang } from './lang/index.js';

export { tokenize, fold } from './tokenize.js';
export type { Token, TokenRole } from './tokenize.js';
export { terms } from './terms.js';
export type { Terms, TermsOptions } from './terms.js';
export { textVersion } from './version.js';
export type { TextVersion } from './version.js';

export { mergeCounts } from './counts.js';
export type { TermCounts, TermLabels } from './counts.js';
export { distinctiveTerms } from './distinctive.js';
export type { Distinctive, DistinctiveOptions, DistinctiveTerm } from './distinctive.js';
export { logOddsRatio } from './log-odds.js';
export type { LogOdds } from './log-odds.js';
export { themeImpact } from './impact.js';
export type { ImpactInput, ImpactOptions, ScoreKind, ThemeImpact } from './impact.js';
export { risingThemes } from './rising.js';
export type { Rising } from './rising.js';

export { defineThemes, matchThemes, themeTerm } from './themes.js';
export type { ThemeDefinition, Themes } from './themes.js';

export { sentiment, sentimentLanguages } from './sentiment.js';
export type { Sentiment, SentimentSpan } from './sentiment.js';

export { analyzeAnswers, disagrees } from './answers.js';
export type { Answer, AnswerAnalysis, AnalyzeOptions } from './answers.js';
