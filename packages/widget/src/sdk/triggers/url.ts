// URL rules of a trigger: include/exclude lists of exact, contains, glob and
// regex matches. The engine compiled each rule to a regex source when it
// validated the survey (url-compile.ts); here they are only tested.
import type { UrlRules } from '@sayso/core';
import type { CompiledUrlRule } from './url-compile.js';

/** Excludes win; with no includes every URL is in. `rules` come compiled. */
export function matchUrl(href: string, rules: UrlRules | undefined): boolean {
  const u = new URL(href);
  const hit = ({ re, p }: CompiledUrlRule): boolean => {
    const is = (s: string): boolean => new RegExp(re).test(s);
    // A path rule matches with or without the query.
    return p ? is(u.pathname + u.search) || is(u.pathname) : is(href);
  };
  const { include, exclude } = (rules ?? {}) as { include?: CompiledUrlRule[]; exclude?: CompiledUrlRule[] };
  return !exclude?.some(hit) && (!include?.length || include.some(hit));
}
