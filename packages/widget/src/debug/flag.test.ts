import { describe, expect, it } from 'vitest';
import { debugFlag } from './flag.js';

/** The flag for a page at `url`, with `kept` as the token this tab kept. */
function flagAt(url: string, kept?: string): string | false {
  const u = new URL(url, 'https://shop.example');
  return debugFlag({ location: { hash: u.hash, search: u.search } } as unknown as Window, kept ?? null);
}

describe('debugFlag: the chunk does something only on a page that asks', () => {
  it('an ordinary page: false', () => {
    expect(flagAt('/checkout')).toBe(false);
    expect(flagAt('/checkout?q=1#section')).toBe(false);
  });
  it('a preview token in the fragment, as the collector writes it', () => {
    expect(flagAt('/checkout#sayso_preview=eyJz.c2ln-_')).toBe('eyJz.c2ln-_');
    expect(flagAt('/checkout?a=1#x=2&sayso_preview=tok')).toBe('tok');
  });
  it('near misses of the token are ordinary pages', () => {
    expect(flagAt('/checkout#sayso_preview=')).toBe(false);
    expect(flagAt('/checkout#xsayso_preview=t')).toBe(false);
    expect(flagAt('/checkout#sayso_previewx=t')).toBe(false);
    expect(flagAt('/checkout#Sayso_preview=t')).toBe(false);
    expect(flagAt('/checkout#a=sayso_preview=t')).toBe(false);
  });
  it('the token kept for this tab keeps the preview over a reload', () => {
    expect(flagAt('/checkout', 'kept')).toBe('kept');
    // A new link wins over the kept one.
    expect(flagAt('/checkout#sayso_preview=new', 'kept')).toBe('new');
  });
  it('?sayso_debug=1 alone: the empty string (debug without a preview)', () => {
    expect(flagAt('/checkout?sayso_debug=1')).toBe('');
    expect(flagAt('/checkout?a=2&sayso_debug=1&b=3')).toBe('');
    expect(flagAt('/checkout#sayso_debug=1')).toBe('');
  });
  it('near misses of the debug flag are ordinary pages', () => {
    expect(flagAt('/checkout?sayso_debug=0')).toBe(false);
    expect(flagAt('/checkout?sayso_debug=10')).toBe(false);
    expect(flagAt('/checkout?sayso_debug=')).toBe(false);
    expect(flagAt('/checkout?sayso_debug')).toBe(false);
    expect(flagAt('/checkout?xsayso_debug=1')).toBe(false);
    // Inside another parameter's value, plain or encoded.
    expect(flagAt('/checkout?next=/a?sayso_debug=1')).toBe(false);
    expect(flagAt('/checkout?next=%2Fa%3Fsayso_debug%3D1')).toBe(false);
    expect(flagAt('/checkout?next=sayso_debug=1')).toBe(false);
  });
});
