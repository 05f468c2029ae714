import { describe, expect, it } from 'vitest';
import { matchRule, matchUrl } from './url.js';

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
    expect(matchRule(href, { match: 'regex', value: '([' })).toBe(false);
  });
  it('excludes win over includes; no includes means every URL', () => {
    expect(matchUrl(href, undefined)).toBe(true);
    expect(matchUrl(href, { exclude: [{ match: 'contains', value: 'checkout' }] })).toBe(true);
    expect(matchUrl(href, { include: [{ match: 'contains', value: 'pricing' }], exclude: [{ match: 'contains', value: 'pro' }] })).toBe(false);
    expect(matchUrl(href, { include: [{ match: 'exact', value: '/' }, { match: 'glob', value: '/pricing/*' }] })).toBe(true);
    expect(matchUrl(href, { include: [{ match: 'exact', value: '/' }] })).toBe(false);
  });
});
