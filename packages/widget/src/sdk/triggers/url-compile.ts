// The engine's half of URL rules: when a survey config is validated, each rule
// is compiled once into the regex source (`re`) that the always-loaded matcher
// (url.ts) tests, so no page pays for escaping and glob translation again.
import type { Survey, UrlRule } from '@sayso/core';

/** A URL rule as the matcher reads it. `p`: tested against the path (with and without the query), not the full URL. */
export type CompiledUrlRule = UrlRule & { re: string; p?: 1 };

/**
 * `exact` and `glob` anchor the whole string; `glob`'s `*` is any run and `?`
 * one character, everything else literal (escaped, so the pattern is always a
 * valid regex); `contains` is the escaped value anywhere; `regex` is the value
 * (parseSurvey has already compiled it). A value starting with `/` makes
 * exact and glob rules path rules, so `/pricing*` and `https://shop.example/*`
 * both read naturally.
 */
export function compileRule(rule: UrlRule): CompiledUrlRule {
  const { match, value } = rule;
  const glob = match == 'glob';
  const text = value.replace(/[.*+?^${}()|[\]\\]/g, (c) => (glob && c == '*' ? '.*' : glob && c == '?' ? '.' : `\\${c}`));
  const re = match == 'regex' ? value : match == 'contains' ? text : `^${text}$`;
  return { ...rule, re, ...(value[0] == '/' && (glob || match == 'exact') && { p: 1 as const }) };
}

/** Compiles every URL rule of a validated survey's triggers, in place. */
export function compileSurveyUrls(s: Survey): Survey {
  for (const t of s.triggers ?? []) {
    const url = t.url;
    if (url) for (const k of ['include', 'exclude'] as const) if (url[k]) url[k] = url[k].map(compileRule);
  }
  return s;
}
