// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { location } from '../router.js';
import { KeyboardList, positionText } from './KeyboardList.js';

afterEach(cleanup);

const ITEMS = ['alpha', 'beta', 'gamma', 'delta'];
const draw = (more = false, focusIndex?: number) =>
  render(<KeyboardList items={ITEMS} label="Letters" keyOf={(x) => x} hrefOf={(x) => `/studio/letters/${x}`} render={(x) => <span>{x}</span>} more={more} {...(focusIndex !== undefined ? { focusIndex } : {})} />);
const links = () => screen.getAllByRole('link');
const focused = () => document.activeElement?.textContent;
const key = (k: string, init: KeyboardEventInit = {}) => fireEvent.keyDown(document.activeElement!, { key: k, ...init });

describe('KeyboardList', () => {
  it('is one Tab stop: only the active item is tabbable', () => {
    draw();
    expect(links().map((a) => a.tabIndex)).toEqual([0, -1, -1, -1]);
    expect(screen.getByRole('list', { name: 'Letters' })).toBeTruthy();
  });

  it('Down/j and Up/k move one at a time and stop at the ends; Home and End jump; the tab stop follows', () => {
    draw();
    links()[0]!.focus();
    key('ArrowDown');
    expect(focused()).toBe('beta');
    key('j');
    expect(focused()).toBe('gamma');
    key('j');
    key('j');
    // Stops at the last, does not wrap.
    expect(focused()).toBe('delta');
    key('k');
    expect(focused()).toBe('gamma');
    key('ArrowUp');
    key('ArrowUp');
    key('ArrowUp');
    expect(focused()).toBe('alpha');
    key('End');
    expect(focused()).toBe('delta');
    expect(links().map((a) => a.tabIndex)).toEqual([-1, -1, -1, 0]);
    key('Home');
    expect(focused()).toBe('alpha');
  });

  it('says the position after each move; with more to load, says so and gives the set size as unknown', () => {
    draw(true);
    links()[0]!.focus();
    key('ArrowDown');
    expect(screen.getByRole('status').textContent).toBe('2 of 4, more to load');
    expect(screen.getAllByRole('listitem').map((li) => [li.getAttribute('aria-posinset'), li.getAttribute('aria-setsize')])).toEqual([
      ['1', '-1'],
      ['2', '-1'],
      ['3', '-1'],
      ['4', '-1'],
    ]);
    cleanup();
    draw(false);
    links()[0]!.focus();
    key('End');
    expect(screen.getByRole('status').textContent).toBe('4 of 4');
    expect(screen.getAllByRole('listitem')[3]!.getAttribute('aria-setsize')).toBe('4');
    expect(positionText(0, 1)).toBe('1 of 1');
  });

  it('keys with a modifier, and other keys, are left alone (not prevented)', () => {
    draw();
    links()[0]!.focus();
    for (const [k, init] of [
      ['ArrowDown', { ctrlKey: true }],
      ['j', { altKey: true }],
      ['ArrowDown', { metaKey: true }],
      ['x', {}],
    ] as const) {
      expect(fireEvent.keyDown(document.activeElement!, { key: k, ...init }), k).toBe(true);
      expect(focused()).toBe('alpha');
    }
    expect(fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' })).toBe(false);
  });

  it('a focused item remembered as active (Tab back in lands on it); Enter opens its link', async () => {
    draw();
    links()[2]!.focus();
    await waitFor(() => expect(links().map((a) => a.tabIndex)).toEqual([-1, -1, 0, -1]));
    fireEvent.click(links()[2]!);
    expect(location.value).toBe('/studio/letters/gamma');
  });

  it('focusIndex focuses that item (the first of a page just loaded)', () => {
    draw(false, 2);
    expect(focused()).toBe('gamma');
    expect(screen.getByRole('status').textContent).toBe('3 of 4');
  });
});
