import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { UrlRule, UrlRules } from '@sayso/core';
import { checkSurveys } from '../surveys.js';
import { compileRule } from './url-compile.js';
import { matchUrl as match } from './url.js';

// Rules reach the matcher compiled, as the engine leaves them.
const compiled = (r: UrlRules): UrlRules => ({ ...(r.include && { include: r.include.map(compileRule) }), ...(r.exclude && { exclude: r.exclude.map(compileRule) }) });
const matchUrl = (href: string, r: UrlRules | undefined): boolean => match(href, r && compiled(r));
const matchRule = (href: string, rule: UrlRule): boolean => matchUrl(href, { include: [rule] });

const href = 'https://shop.example/pricing/pro?ref=mail#top';

describe('URL rules', () => {
  it('exact matches the full URL, or the path for a value starting with /', () => {
    expect(matchRule(href, { match: 'exact', value: href })).toBe(true);
    expect(matchRule(href, { match: 'exact', value: '/pricing/pro' })).toBe(true);
    expect(matchRule(href, { match: 'exact', value: '/pricing/pro?ref=mail' })).toBe(true);
    expect(matchRule(href, { match: 'exact', value: '/pricing' })).toBe(false);
  });
  it('contains looks anywhere in the URL', () => {
    expect(matchRule(href, { match: 'contains', value: 'pricing' })).toBe(true);
    expect(matchRule(href, { match: 'contains', value: 'checkout' })).toBe(false);
  });
  it('glob: * any run, ? one character, everything else literal', () => {
    expect(matchRule(href, { match: 'glob', value: '/pricing/*' })).toBe(true);
    expect(matchRule(href, { match: 'glob', value: '/pricing/pr?' })).toBe(true);
    expect(matchRule(href, { match: 'glob', value: '/pricing' })).toBe(false);
    expect(matchRule(href, { match: 'glob', value: 'https://shop.example/*' })).toBe(true);
    expect(matchRule('https://a.example/a.b', { match: 'glob', value: '/a.b' })).toBe(true);
    expect(matchRule('https://a.example/axb', { match: 'glob', value: '/a.b' })).toBe(false);
  });
  it('regex tests the full URL; an invalid one matches nothing', () => {
    expect(matchRule(href, { match: 'regex', value: '/pricing/(pro|team)' })).toBe(true);
    expect(matchRule(href, { match: 'regex', value: '^https://other' })).toBe(false);
  });
  it('excludes win over includes; no includes means every URL', () => {
    expect(matchUrl(href, undefined)).toBe(true);
    expect(matchUrl(href, { exclude: [{ match: 'contains', value: 'checkout' }] })).toBe(true);
    expect(matchUrl(href, { include: [{ match: 'contains', value: 'pricing' }], exclude: [{ match: 'contains', value: 'pro' }] })).toBe(false);
    expect(matchUrl(href, { include: [{ match: 'exact', value: '/' }, { match: 'glob', value: '/pricing/*' }] })).toBe(true);
    expect(matchUrl(href, { include: [{ match: 'exact', value: '/' }] })).toBe(false);
  });
  it('an invalid regex never reaches the matcher: validation rejects the survey, naming the field', () => {
    const errors: Array<{ path?: string }> = [];
    const survey = { id: 's', kind: 'nps', question: 'Q?', triggers: [{ type: 'pageview', url: { include: [{ match: 'regex', value: '([' }] } }] };
    expect(checkSurveys([survey], (e) => errors.push(e))).toEqual([]);
    expect(errors[0]?.path).toBe('surveys[0].triggers[0].url.include[0].value');
  });
  it('compiles literal characters literally, and only glob reads * and ?', () => {
    expect(matchRule('https://a.example/a+b(1)?x=$', { match: 'exact', value: '/a+b(1)?x=$' })).toBe(true);
    expect(matchRule('https://a.example/a+b(1)', { match: 'exact', value: '/a+b*' })).toBe(false);
    expect(matchRule('https://a.example/a+b(1)', { match: 'contains', value: 'b(1' })).toBe(true);
    expect(matchRule('https://a.example/x?q=a.b', { match: 'contains', value: 'a*b' })).toBe(false);
    expect(compileRule({ match: 'glob', value: 'https://a.example/*' })).toEqual({ match: 'glob', value: 'https://a.example/*', re: '^https://a\\.example/.*$' });
    expect(compileRule({ match: 'exact', value: '/a' }).p).toBe(1);
    expect(compileRule({ match: 'contains', value: '/a' }).p).toBeUndefined();
  });
  it('agrees with the rules as documented (string equality, includes, glob by hand) on random URLs', () => {
    // A model written for clarity, not size: exact is ===, contains is includes,
    // glob's * and ? are matched by recursion; path rules try path+query, then path.
    const globIs = (p: string, s: string): boolean =>
      !p ? !s : p[0] == '*' ? globIs(p.slice(1), s) || (!!s && globIs(p, s.slice(1))) : !!s && (p[0] == '?' || p[0] == s[0]) && globIs(p.slice(1), s.slice(1));
    const model = (h: string, { match, value }: UrlRule): boolean => {
      if (match == 'contains') return h.includes(value);
      const is = (x: string): boolean => (match == 'exact' ? x === value : globIs(value, x));
      const u = new URL(h);
      return value[0] == '/' ? is(u.pathname + u.search) || is(u.pathname) : is(h);
    };
    const chars = fc.constantFrom(...'/a.b*?+()[]$^|\\x=&');
    const text = fc.string({ unit: chars, maxLength: 8 });
    fc.assert(
      fc.property(text, text, fc.constantFrom('exact', 'contains', 'glob') as fc.Arbitrary<UrlRule['match']>, fc.boolean(), (path, q, m, asPath) => {
        const h = new URL(`https://a.example/${path}?${q}`).href;
        const u = new URL(h);
        // Values drawn from the URL itself, so matches happen, or from the random text.
        const value = asPath ? (path.length % 2 ? u.pathname : `/${path}`) : path.length % 2 ? h : q;
        expect(matchRule(h, { match: m, value })).toBe(model(h, { match: m, value }));
      }),
      { numRuns: 5000 },
    );
  });
});
