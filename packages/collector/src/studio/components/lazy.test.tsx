// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { lazyScreen } from './lazy.js';

afterEach(cleanup);

const Hello = ({ who }: { who: string }) => <h1>Hello {who}</h1>;

describe('lazyScreen', () => {
  it('says it is loading, then renders the screen with its props; loads the module once', async () => {
    let loads = 0;
    const Lazy = lazyScreen(async () => (loads++, Hello));
    const { unmount } = render(<Lazy who="Ana" />);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    expect((await screen.findByRole('heading')).textContent).toBe('Hello Ana');
    unmount();
    // Back on the screen: drawn at once, from the module already loaded.
    render(<Lazy who="Ben" />);
    expect(screen.getByRole('heading').textContent).toBe('Hello Ben');
    expect(loads).toBe(1);
  });

  it('a failed load says so with a retry that loads again', async () => {
    let loads = 0;
    const Lazy = lazyScreen(async () => {
      if (++loads === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return Hello;
    }, 'the inbox');
    render(<Lazy who="Ana" />);
    expect((await screen.findByRole('alert')).textContent).toContain('Could not load the inbox');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect((await screen.findByRole('heading')).textContent).toBe('Hello Ana');
    expect(loads).toBe(2);
  });

  it('two screens mounted while loading share one load', async () => {
    let loads = 0;
    const Lazy = lazyScreen(async () => (loads++, Hello));
    render(
      <>
        <Lazy who="A" />
        <Lazy who="B" />
      </>,
    );
    expect((await screen.findAllByRole('heading')).map((h) => h.textContent)).toEqual(['Hello A', 'Hello B']);
    expect(loads).toBe(1);
  });
});
