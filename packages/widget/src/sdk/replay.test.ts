import { describe, expect, it } from 'vitest';
import { replayOrder } from './replay.js';

describe('snippet replay order', () => {
  it('init first, then identify/consent, then the rest in call order', () => {
    const calls = [
      ['track', 'a'],
      ['on', 'show'],
      ['identify', 'u1'],
      ['track', 'b'],
      ['consent', 'granted'],
      ['init', { site: 's' }],
      ['show', 'nps'],
    ];
    expect(replayOrder(calls).map((c) => `${c[0]}:${typeof c[1] === 'string' ? c[1] : ''}`)).toEqual([
      'init:',
      'identify:u1',
      'consent:granted',
      'track:a',
      'on:show',
      'track:b',
      'show:nps',
    ]);
  });
  it('accepts the arguments objects the snippet records', () => {
    function rec(..._a: unknown[]) {
      // eslint-disable-next-line prefer-rest-params
      return arguments;
    }
    expect(replayOrder([rec('track', 'x'), rec('init', {})])).toEqual([['init', {}], ['track', 'x']]);
  });
});
