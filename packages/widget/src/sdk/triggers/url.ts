// URL rules of a trigger: include/exclude lists of exact, contains, glob and
// regex matches. A rule whose value starts with `/` is tested against the path
// (plus query), any other against the full URL, so `/pricing*` and
// `https://shop.example/*` both read naturally.
import type { UrlRule, UrlRules } from '@sayso/core';

/** True when `href` matches one rule. An invalid regex matches nothing. */
export function matchRule(href: string, rule: UrlRule): boolean {
  const { match, value } = rule;
  // contains and regex look at the whole URL.
  if (match == 'contains') return href.includes(value);
  if (match == 'regex')
    try {
      return new RegExp(value).test(href);
    } catch {
      return false;
    }
  // exact compares strings; glob: `*` is any run and `?` one character,
  // everything else literal (escaped, so the pattern is always a valid regex).
  const glob = new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c == '*' ? '.*' : c == '?' ? '.' : `\\${c}`))}$`);
  const is = (s: string): boolean => (match == 'exact' ? s === value : glob.test(s));
  const u = new URL(href);
  // A path rule matches with or without the query.
  return value[0] == '/' ? is(u.pathname + u.search) || is(u.pathname) : is(href);
}

/** Excludes win; with no includes every URL is in. */
export function matchUrl(href: string, rules: UrlRules | undefined): boolean {
  const hit = (r: UrlRule): boolean => matchRule(href, r);
  return !rules || (!rules.exclude?.some(hit) && (!rules.include?.length || rules.include.some(hit)));
}
