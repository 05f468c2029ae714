// URL rules of a trigger: include/exclude lists of exact, contains, glob and
// regex matches. A rule whose value starts with `/` is tested against the path
// (plus query), any other against the full URL, so `/pricing*` and
// `https://shop.example/*` both read naturally.
import type { UrlRule, UrlRules } from '@sayso/core';

function globToRegExp(glob: string): RegExp {
  let src = '';
  for (const ch of glob) src += ch == '*' ? '.*' : ch == '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${src}$`);
}

/** True when `href` matches one rule. An invalid regex matches nothing. */
export function matchRule(href: string, rule: UrlRule): boolean {
  const u = new URL(href);
  const subject = rule.value[0] == '/' ? u.pathname + u.search : href;
  const v = rule.value;
  try {
    return rule.match == 'exact'
      ? subject === v || (v[0] == '/' && u.pathname === v)
      : rule.match == 'contains'
        ? href.includes(v)
        : rule.match == 'glob'
          ? globToRegExp(v).test(subject) || (v[0] == '/' && globToRegExp(v).test(u.pathname))
          : new RegExp(v).test(href);
  } catch {
    return false;
  }
}

/** Excludes win; with no includes every URL is in. */
export function matchUrl(href: string, rules: UrlRules | undefined): boolean {
  if (!rules) return true;
  if (rules.exclude?.some((r) => matchRule(href, r))) return false;
  return !rules.include?.length || rules.include.some((r) => matchRule(href, r));
}
