// The score as a WAI-ARIA radio group: named by the visible question, one
// tab stop (roving tabindex), arrows move and select (mirrored in RTL, where
// the scale runs right to left), Home/End jump to the ends, digits pick.
import { Face, Star } from './icons.js';
import type { View } from './view.js';

const STEP: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/** The radio group for `view`'s scale showing `value`; `pick` chooses a score. */
export function ScoreScale({ view, value, pick, labelledBy }: { view: View; value: number | undefined; pick(n: number): void; labelledBy: string }) {
  const { min, max, style } = view;

  const onKeyDown = (e: KeyboardEvent) => {
    let n: number | undefined;
    const d = STEP[e.key];
    if (d !== undefined) {
      // In RTL the scale is drawn right to left, so Left moves to a higher score.
      const dir = view.dir === 'rtl' && (e.key === 'ArrowLeft' || e.key === 'ArrowRight') ? -d : d;
      const from = value ?? (dir > 0 ? min - 1 : max + 1);
      n = from + dir > max ? min : from + dir < min ? max : from + dir;
    } else if (e.key === 'Home') n = min;
    else if (e.key === 'End') n = max;
    else if (/^\d$/.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey) {
      // On a 1..10 scale, 0 stands for 10 (the key after 9).
      n = e.key === '0' && min === 1 && max === 10 ? 10 : +e.key;
      if (n < min || n > max) n = undefined;
    }
    if (n === undefined) return;
    e.preventDefault();
    pick(n);
    ((e.currentTarget as HTMLElement).children[n - min] as HTMLElement | undefined)?.focus();
  };

  const options = [];
  for (let n = min; n <= max; n++) {
    const on = n === value;
    const pos = (n - min) / (max - min || 1);
    options.push(
      <button
        type="button"
        role="radio"
        class="o"
        part={on ? 'option option-selected' : 'option'}
        aria-checked={on}
        aria-label={view.names[n - min]}
        tabIndex={on || (value === undefined && n === min) ? 0 : -1}
        onClick={() => pick(n)}
      >
        {style === 'stars' ? <Star on={value !== undefined && n <= value} /> : style === 'emoji' ? <Face pos={pos} /> : n}
      </button>,
    );
  }
  return (
    <>
      <div class={`s ${style === 'stars' ? 'st' : style === 'emoji' ? 'em' : ''}`} role="radiogroup" aria-labelledby={labelledBy} part="scale" onKeyDown={onKeyDown}>
        {options}
      </div>
      <div class="l" part="labels" aria-hidden="true">
        <bdi>{view.minLabel}</bdi>
        <bdi>{view.maxLabel}</bdi>
      </div>
    </>
  );
}
