// Stars and faces drawn as SVG rather than emoji or glyphs: no font on the
// visitor's machine can turn them into boxes, and the filled/hollow and
// frown/smile shapes show the choice without relying on colour.

const stroke = { fill: 'none', stroke: 'currentColor', 'stroke-width': 1.6, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' } as const;

/** A star, filled up to the chosen score. */
export const Star = ({ on }: { on: boolean }) => (
  <svg viewBox="0 0 24 24" aria-hidden="true" {...stroke}>
    <path d="M12 2.8l2.8 5.9 6.4.7-4.8 4.4 1.3 6.4L12 17l-5.7 3.2 1.3-6.4-4.8-4.4 6.4-.7z" fill={on ? 'currentColor' : 'none'} />
  </svg>
);

/** A face whose mouth goes from a frown (`pos` 0) to a smile (`pos` 1). */
export const Face = ({ pos }: { pos: number }) => (
  <svg viewBox="0 0 24 24" aria-hidden="true" {...stroke}>
    <circle cx="12" cy="12" r="9.5" />
    <path d={`M8.5 9.5v1M15.5 9.5v1M8 ${16 - pos}Q12 ${12 + pos * 8} 16 ${16 - pos}`} />
  </svg>
);

/** The close button's cross. */
export const Cross = () => (
  <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" {...stroke} stroke-width="2">
    <path d="M6 6l12 12M18 6L6 18" />
  </svg>
);
