import { describe, expect, it } from 'vitest';
import { debugFlag } from '../debug/flag.js';
import { asksForDebug } from './debug-flag.js';
import { consentStore } from './store.js';

/** sayso.js's check for a page at `url`, with `kept` as the token sessionStorage holds for the tab (read only with `consented`). */
function asksAt(url: string, kept?: string, consented = true): boolean {
  const storage = new Map<string, string>(kept ? [['sayso.pv', kept]] : []);
  const session = consentStore(() => ({ getItem: (k: string) => storage.get(k) ?? null }) as unknown as Storage, () => consented);
  return !!asksForDebug(new URL(url, 'https://shop.example').href, session);
}
const exact = (url: string, kept?: string) => {
  const u = new URL(url, 'https://shop.example');
  return debugFlag({ location: { hash: u.hash, search: u.search } } as unknown as Window, kept ?? null);
};

// Each page the chunk's exact reading (debug/flag.ts) calls asking, and near misses of each.
const ASKING = [
  '/checkout#sayso_preview=eyJz.c2ln-_',
  '/checkout?a=1#x=2&sayso_preview=tok',
  '/checkout?sayso_preview=tok',
  '/checkout?sayso_debug=1',
  '/checkout?a=2&sayso_debug=1&b=3',
  '/checkout#sayso_debug=1',
  '/checkout?sayso_debug=1#top',
];
const NEAR_MISSES = [
  '/checkout#sayso_preview=',
  '/checkout#xsayso_preview=t',
  '/checkout#a=sayso_preview=t',
  '/checkout?sayso_debug=0',
  '/checkout?sayso_debug=10',
  '/checkout?sayso_debug',
  '/checkout?next=/a?sayso_debug=1',
  '/checkout?next=%2Fa%3Fsayso_debug%3D1',
];

describe('asksForDebug: the check every visitor pays for, before the chunk reads the address exactly', () => {
  it('never misses a page that asks', () => {
    for (const url of ASKING) {
      expect(exact(url), url).not.toBe(false);
      expect(asksAt(url), url).toBe(true);
    }
  });
  it('an address without `sayso_` loads nothing', () => {
    for (const url of ['/checkout', '/checkout?q=1#section', '/checkout?sayso=1', '/checkout#sayso-preview=t', '/checkout?SAYSO_DEBUG=1']) expect(asksAt(url), url).toBe(false);
  });
  it('near misses load the chunk, which reads them exactly and does nothing (the price of a 90-byte check)', () => {
    for (const url of NEAR_MISSES) {
      expect(asksAt(url), url).toBe(true);
      expect(exact(url), url).toBe(false);
    }
  });
  it('the token this tab kept keeps the preview over a reload, only with consent', () => {
    expect(asksAt('/checkout', 'kept')).toBe(true);
    expect(asksAt('/checkout', 'kept', false)).toBe(false);
    expect(asksAt('/checkout', '')).toBe(false);
  });
});
