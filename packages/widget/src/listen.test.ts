import { describe, expect, it } from 'vitest';
import { listen } from './listen.js';

describe('listen', () => {
  it('adds a listener and returns the function that removes it', () => {
    const target = new EventTarget();
    const seen: string[] = [];
    const off = listen(target, 'ping', (e) => seen.push(e.type));
    target.dispatchEvent(new Event('ping'));
    off();
    target.dispatchEvent(new Event('ping'));
    expect(seen).toEqual(['ping']);
  });

  it('removes a capture listener too (removal needs the same capture flag)', () => {
    const parent = document.createElement('div');
    const child = parent.appendChild(document.createElement('span'));
    let calls = 0;
    const off = listen(parent, 'click', () => calls++, true);
    child.click();
    off();
    child.click();
    expect(calls).toBe(1);
  });
});
