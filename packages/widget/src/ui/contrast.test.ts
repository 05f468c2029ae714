// Text on the accent: black or white, whichever reads better, and always AA.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luminance, onAccent, parseColor } from './contrast.js';

const ratio = (a: [number, number, number], b: [number, number, number]) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
};

describe('onAccent', () => {
  it('parses hex and rgb() forms', () => {
    expect(parseColor('#2563eb')).toEqual([37, 99, 235]);
    expect(parseColor('#fa0')).toEqual([255, 170, 0]);
    expect(parseColor('rgb(1, 2, 3)')).toEqual([1, 2, 3]);
    expect(parseColor('rgba(10 20 30 / 50%)')).toEqual([10, 20, 30]);
    expect(parseColor('tomato')).toBeUndefined();
  });

  it('matches WCAG worked values', () => {
    // WCAG 2 definition: white has luminance 1, black 0; #777 is about 0.184.
    expect(luminance([255, 255, 255])).toBeCloseTo(1, 6);
    expect(luminance([0, 0, 0])).toBe(0);
    expect(luminance([0x77, 0x77, 0x77])).toBeCloseTo(0.1845, 3);
    expect(onAccent('#2563eb')).toBe('#fff');
    expect(onAccent('#ffeb3b')).toBe('#000');
    expect(onAccent('rgb(0, 128, 0)')).toBe('#fff');
    expect(onAccent('not a colour')).toBe('#fff');
  });

  it('reaches at least 4.5:1 for any accent colour', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), (r, g, b) => {
        const text = onAccent(`rgb(${r}, ${g}, ${b})`) === '#000' ? [0, 0, 0] : [255, 255, 255];
        return ratio([r, g, b], text as [number, number, number]) >= 4.5;
      }),
      { numRuns: 2000 },
    );
  });
});
