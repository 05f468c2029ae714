// A list that the keyboard walks: one Tab stop (a roving tabindex over the
// items' links), Up/Down or k/j to move, Home/End to jump, Enter to open
// (the focused item is a real link, so a new tab and "copy link" work too).
// Where focus lands is said in a polite status ("3 of 50, more to load"),
// and each item carries its position for screen readers that read it.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Link } from '../router.js';

export interface KeyboardListProps<T> {
  items: readonly T[];
  /** The list's accessible name. */
  label: string;
  keyOf(item: T): string;
  hrefOf(item: T): string;
  /** The item's content: text only (it sits inside the item's link). */
  render(item: T): ComponentChildren;
  /** More items can be loaded after these (the set's size is not known yet). */
  more?: boolean;
  /** Focuses this item when it changes (the first of a page just loaded, say). */
  focusIndex?: number;
}

const NEXT = new Set(['ArrowDown', 'j']);
const PREVIOUS = new Set(['ArrowUp', 'k']);

/** The words of the status after a move: `3 of 50`, `3 of 50, more to load`. */
export const positionText = (index: number, count: number, more = false): string => `${index + 1} of ${count}${more ? ', more to load' : ''}`;

export function KeyboardList<T>({ items, label, keyOf, hrefOf, render, more = false, focusIndex }: KeyboardListProps<T>) {
  const [active, setActive] = useState(0);
  const [said, say] = useState('');
  const list = useRef<HTMLUListElement>(null);
  const at = Math.min(active, Math.max(0, items.length - 1));

  const focus = (i: number) => {
    setActive(i);
    list.current?.querySelectorAll<HTMLAnchorElement>(':scope > li > a')[i]?.focus();
    say(positionText(i, items.length, more));
  };
  useEffect(() => {
    if (focusIndex !== undefined && focusIndex < items.length) focus(focusIndex);
  }, [focusIndex]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey || items.length === 0) return;
    const last = items.length - 1;
    const to = NEXT.has(e.key) ? Math.min(at + 1, last) : PREVIOUS.has(e.key) ? Math.max(at - 1, 0) : e.key === 'Home' ? 0 : e.key === 'End' ? last : -1;
    if (to === -1) return;
    // The arrows and Home/End would scroll the page as well.
    e.preventDefault();
    focus(to);
  };

  return (
    <>
      <ul class="keyboard-list" ref={list} aria-label={label} aria-describedby="keyboard-list-keys" onKeyDown={onKeyDown}>
        {items.map((item, i) => (
          <li key={keyOf(item)} aria-posinset={i + 1} aria-setsize={more ? -1 : items.length}>
            <Link href={hrefOf(item)} tabIndex={i === at ? 0 : -1} onFocus={() => setActive(i)}>
              {render(item)}
            </Link>
          </li>
        ))}
      </ul>
      <p class="hint" id="keyboard-list-keys">
        Up and Down (or k and j) move through the list, Home and End jump to its ends, Enter opens.
      </p>
      <p class="sr-only" role="status">
        {said}
      </p>
    </>
  );
}
