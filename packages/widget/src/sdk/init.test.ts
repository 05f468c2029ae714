// @vitest-environment node
// The npm door outside a browser: importing touches no window/document, and
// init returns an inert instance (SSR, Node tests).
import { describe, expect, it } from 'vitest';

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
