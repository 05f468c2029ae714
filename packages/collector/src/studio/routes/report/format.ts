// Numbers as the studio writes them.
export const fmt = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined ? '–' : x.toFixed(digits));

/** `12.3 – 45.6`, or `no interval yet`. */
export const interval = (ci: readonly [number, number] | null | undefined, digits = 1): string =>
  ci ? `${fmt(ci[0], digits)} – ${fmt(ci[1], digits)}` : 'no interval yet';

/** `42 %` of a 0..1 share. */
export const pct = (share: number, digits = 0): string => `${(share * 100).toFixed(digits)} %`;
