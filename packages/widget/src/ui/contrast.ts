// Readable text on any accent colour the config or the host page picks:
// black or white, whichever contrasts more (WCAG 2.x relative luminance).
// One of the two always reaches at least 4.58:1, so AA holds for any accent.

/** Parses `#rgb`, `#rrggbb` and `rgb()/rgba()` (what getComputedStyle returns) to [r, g, b] 0..255. */
export function parseColor(c: string): [number, number, number] | undefined {
  const s = c.trim();
  let m = /^#([\da-f]{3}|[\da-f]{6})$/i.exec(s);
  if (m) {
    const h = m[1]!.length === 3 ? [...m[1]!].map((x) => x + x).join('') : m[1]!;
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
  }
  m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(s);
  return m ? [+m[1]!, +m[2]!, +m[3]!] : undefined;
}

/** WCAG relative luminance of an sRGB colour. */
export function luminance([r, g, b]: [number, number, number]): number {
  const lin = (v: number) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** `#000` or `#fff`, whichever is more readable on `accent` (white when it cannot be parsed). */
export function onAccent(accent: string): '#000' | '#fff' {
  const rgb = parseColor(accent);
  if (!rgb) return '#fff';
  const l = luminance(rgb);
  // Contrast with black is (l+.05)/.05, with white 1.05/(l+.05): equal at l ≈ 0.179.
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#000' : '#fff';
}
