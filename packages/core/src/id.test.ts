import { describe, expect, it } from 'vitest';
import { isUuid, uuidv7 } from './id.js';

describe('uuidv7', () => {
  it('has version 7, the RFC variant and the time in its first 48 bits', () => {
    const t = Date.UTC(2026, 10, 24, 6, 34);
    const id = uuidv7(t);
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(t);
  });

  it('sorts by creation, even within one millisecond and when the clock steps back', () => {
    const t = Date.now() + 10_000;
    const ids = [uuidv7(t), uuidv7(t), uuidv7(t), uuidv7(t - 5000), uuidv7(t + 1)];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses things that are not UUIDs', () => {
    expect(isUuid('not-a-uuid')).toBe(false);
    expect(isUuid(42)).toBe(false);
    expect(isUuid('0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b')).toBe(true);
  });
});
