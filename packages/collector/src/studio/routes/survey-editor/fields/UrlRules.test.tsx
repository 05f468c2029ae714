// @vitest-environment jsdom
// The URL-rule tester: the widget's own matcher, rule by rule.
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { testUrl, UrlTester } from './UrlRules.js';

afterEach(cleanup);

describe('testUrl', () => {
  const checkout = { include: [{ match: 'glob' as const, value: '/checkout/*' }] };

  it('a path glob matches the path with or without the query, and nothing outside it', () => {
    expect(testUrl(checkout, 'https://shop.example/checkout/pay')!.shown).toBe(true);
    expect(testUrl(checkout, 'https://shop.example/checkout/pay?step=2')!.shown).toBe(true);
    // Near misses: the folder itself without the slash, a prefix, a longer path that only contains it.
    expect(testUrl(checkout, 'https://shop.example/checkout')!.shown).toBe(false);
    expect(testUrl(checkout, 'https://shop.example/checkouts/pay')!.shown).toBe(false);
    expect(testUrl(checkout, 'https://shop.example/en/checkout/pay')!.shown).toBe(false);
    // A path alone is read on a stand-in origin.
    expect(testUrl(checkout, '/checkout/done')!.shown).toBe(true);
  });

  it('excludes win over includes and say which rule', () => {
    const rules = { include: [{ match: 'contains' as const, value: 'shop' }], exclude: [{ match: 'exact' as const, value: '/shop/admin' }] };
    expect(testUrl(rules, 'https://x.example/shop/admin')).toMatchObject({ shown: false, reason: 'excluded by exclude rule 1' });
    expect(testUrl(rules, 'https://x.example/shop/admin/more')).toMatchObject({ shown: true, reason: 'matched by include rule 1' });
    expect(testUrl(rules, 'https://x.example/other')).toMatchObject({ shown: false, reason: 'no include rule matches' });
    expect(testUrl(undefined, 'https://x.example/')).toMatchObject({ shown: true, reason: 'no include rules: every URL is in' });
  });

  it('exact is exact; regex is the value; a broken regex never throws', () => {
    expect(testUrl({ include: [{ match: 'exact', value: '/pricing' }] }, '/pricing')!.shown).toBe(true);
    expect(testUrl({ include: [{ match: 'exact', value: '/pricing' }] }, '/pricing/x')!.shown).toBe(false);
    expect(testUrl({ include: [{ match: 'regex', value: 'order-\\d+$' }] }, '/thanks/order-42')!.shown).toBe(true);
    expect(testUrl({ include: [{ match: 'regex', value: '(' }] }, '/x')!.shown).toBe(false);
    expect(testUrl(undefined, 'http://[bad')).toBeNull();
  });
});

describe('<UrlTester>', () => {
  it('says whether the typed URL shows the survey, as the user types', () => {
    const view = render(<UrlTester id="t" rules={{ include: [{ match: 'glob', value: '/checkout/*' }] }} />);
    const box = view.getByLabelText('Test a URL against these rules');
    const out = view.container.querySelector('output')!;
    expect(out.textContent).toBe('');
    fireEvent.input(box, { target: { value: 'https://shop.example/checkout/pay' } });
    expect(out.textContent).toBe('Shows: matched by include rule 1.');
    fireEvent.input(box, { target: { value: 'https://shop.example/cart' } });
    expect(out.textContent).toBe('Does not show: no include rule matches.');
    fireEvent.input(box, { target: { value: 'http://[' } });
    expect(out.textContent).toBe('That is not a URL.');
  });
});
