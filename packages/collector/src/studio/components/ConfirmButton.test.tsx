// @vitest-environment jsdom
// The in-place confirmation: nothing happens on the first press, the
// question takes focus, cancel and Escape give focus back without acting,
// confirming acts once.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfirmButton } from './ConfirmButton.js';

afterEach(cleanup);

function setup() {
  const calls: number[] = [];
  render(
    <ConfirmButton question="Delete it for good?" confirm="Delete for good" onConfirm={() => calls.push(1)}>
      Delete
    </ConfirmButton>,
  );
  return calls;
}

describe('ConfirmButton', () => {
  it('asks first, focuses the confirm button, acts once when confirmed', () => {
    const calls = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(calls).toEqual([]);
    expect(screen.getByRole('group', { name: 'Delete it for good?' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete for good' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete for good' }));
    expect(calls).toEqual([1]);
    expect(screen.queryByRole('group')).toBeNull();
  });

  it('cancel and Escape do nothing and give focus back to the button', () => {
    const calls = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    fireEvent.keyDown(screen.getByRole('button', { name: 'Delete for good' }), { key: 'Escape' });
    expect(screen.queryByRole('group')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete' }));
    expect(calls).toEqual([]);
  });
});
