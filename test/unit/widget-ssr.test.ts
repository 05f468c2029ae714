// The built npm entry of @sayso/widget in plain Node (no DOM): importing it
// touches no window/document, and init returns an inert instance, as in SSR.
import { describe, expect, it } from 'vitest';

describe('@sayso/widget dist in Node', () => {
  it('imports without a DOM; init is inert', async () => {
    expect(typeof window).toBe('undefined');
    const widget = await import('../../packages/widget/dist/index.js');
    const s = widget.init({ site: 'pk', endpoint: 'https://collector.invalid' });
    s.track('x');
    s.identify('u1', { plan: 'pro' });
    expect(await s.show('anything')).toBe(false);
    s.destroy();
    expect(typeof widget.httpAdapter).toBe('function');
    expect(typeof widget.createDelivery).toBe('function');
  });
});
