import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEmitter } from './emitter.js';

describe('createEmitter', () => {
  afterEach(() => {
    delete (window as { dataLayer?: unknown }).dataLayer;
  });

  it('calls handlers, dispatches sayso:* on window and pushes to an existing dataLayer', () => {
    const dl: unknown[] = [];
    (window as { dataLayer?: unknown }).dataLayer = dl;
    const em = createEmitter(window);
    const seen: unknown[] = [];
    const onWindow = vi.fn();
    em.on('ready', (p) => seen.push(p));
    window.addEventListener('sayso:ready', onWindow);
    em.emit('ready', { surveys: ['a'] });
    window.removeEventListener('sayso:ready', onWindow);
    expect(seen).toEqual([{ surveys: ['a'] }]);
    expect((onWindow.mock.calls[0]![0] as CustomEvent).detail).toEqual({ surveys: ['a'] });
    expect(dl).toEqual([{ event: 'sayso.ready', sayso: { surveys: ['a'] } }]);
  });

  it('hears only the named event, and not after unsubscribing', () => {
    const em = createEmitter(window);
    const fn = vi.fn();
    const off = em.on('show', fn);
    em.emit('dismiss', { surveyId: 's' } as never);
    expect(fn).not.toHaveBeenCalled();
    em.emit('show', { surveyId: 's' } as never);
    off();
    em.emit('show', { surveyId: 's' } as never);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  // That the platform reports the error (window `error`) is checked in Chromium
  // (test/browser/sdk-loading.spec.ts): jsdom's bare EventTarget swallows it.
  it('a throwing handler neither stops the others nor reaches the caller', () => {
    const em = createEmitter(window);
    const after = vi.fn();
    em.on('ready', () => {
      throw new Error('boom');
    });
    em.on('ready', after);
    expect(() => em.emit('ready', { surveys: [] })).not.toThrow();
    expect(after).toHaveBeenCalledTimes(1);
  });

  it('two emitters do not hear each other', () => {
    const a = createEmitter(window);
    const b = createEmitter(window);
    const fn = vi.fn();
    b.on('ready', fn);
    a.emit('ready', { surveys: [] });
    expect(fn).not.toHaveBeenCalled();
  });
});
