// @vitest-environment node
// The npm door outside a browser: importing touches no window/document, and
// init returns an inert instance (SSR, Node tests).
import type { SaysoErrorCode } from '@sayso/core';
import { describe, expect, expectTypeOf, it } from 'vitest';

describe('init outside a browser', () => {
  it('imports without a DOM and returns an inert instance', async () => {
    expect(typeof window).toBe('undefined');
    const { init } = await import('../index.js');
    const s = init({ site: 'pk', surveys: [{ id: 'x', kind: 'nps', question: 'q' }] });
    s.identify('u');
    s.track('e', { a: 1 });
    expect(await s.show('x')).toBe(false);
    const off = s.on('show', () => {});
    off();
    await s.flush();
    s.consent('denied');
    s.destroy();
  });
});

describe('public types', () => {
  it('types config, events and the instance', async () => {
    const { init } = await import('../index.js');
    const s = init({ site: 'pk', surveys: [{ id: 'x', kind: 'nps', question: 'q', triggers: [{ type: 'scroll', percent: 50 }] }] });
    expectTypeOf(s.on).toBeFunction();
    s.on('submit', (e) => {
      expectTypeOf(e.response.score).toEqualTypeOf<number>();
      expectTypeOf(e.durability).toEqualTypeOf<'indexeddb' | 'localstorage' | 'memory'>();
    });
    s.on('error', (e) => expectTypeOf(e.code).toEqualTypeOf<SaysoErrorCode>());
    expectTypeOf(s.show).returns.toEqualTypeOf<Promise<boolean>>();
    expectTypeOf(s.on('show', () => {})).toEqualTypeOf<() => void>();
    // @ts-expect-error unknown event names are refused
    s.on('nope', () => {});
    // @ts-expect-error a survey kind must be one of nps/csat/ces
    init({ site: 'pk', surveys: [{ id: 'x', kind: 'rating', question: 'q' }] });
  });
});
