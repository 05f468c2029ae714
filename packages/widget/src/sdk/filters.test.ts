import type { Trigger } from '@sayso/core';
import { describe, expect, it } from 'vitest';
import { passes, passesAll } from './filters.js';
import { eventMatches } from './triggers/event.js';

const p = { plan: 'pro', total: 120, name: 'Ada Lovelace', count: '7', flag: false };

describe('property filters', () => {
  it.each([
    ['eq', 'plan', 'pro', true],
    ['eq', 'plan', 'team', false],
    ['eq', 'count', 7, true],
    ['eq', 'flag', false, true],
    ['neq', 'plan', 'team', true],
    ['neq', 'missing', 'x', true],
    ['contains', 'name', 'Love', true],
    ['contains', 'name', 'love', false],
    ['not-contains', 'name', 'Turing', true],
    ['gt', 'total', 100, true],
    ['gt', 'total', 120, false],
    ['gte', 'total', 120, true],
    ['lt', 'count', 10, true],
    ['lte', 'count', 6, false],
    ['gt', 'name', 1, false],
    ['gt', 'missing', 1, false],
    ['in', 'plan', ['pro', 'team'], true],
    ['in', 'plan', ['free'], false],
    ['in', 'count', [7], true],
  ] as const)('%s %s %j → %s', (op, property, value, expected) => {
    expect(passes(p, { op, property, value: value as never })).toBe(expected);
  });
  it('exists and not-exists treat null as absent', () => {
    expect(passes({ a: 0 }, { op: 'exists', property: 'a' })).toBe(true);
    expect(passes({ a: null }, { op: 'exists', property: 'a' })).toBe(false);
    expect(passes({}, { op: 'not-exists', property: 'a' })).toBe(true);
  });
  it('all filters must pass; none is a pass', () => {
    expect(passesAll(p, undefined)).toBe(true);
    expect(passesAll(p, [{ op: 'eq', property: 'plan', value: 'pro' }, { op: 'gt', property: 'total', value: 200 }])).toBe(false);
  });
});

describe('event triggers', () => {
  it('match by name and every property filter', () => {
    const t: Trigger = { type: 'event', name: 'checkout', where: [{ property: 'total', op: 'gte', value: 100 }] };
    expect(eventMatches(t, 'checkout', { total: 150 })).toBe(true);
    expect(eventMatches(t, 'checkout', { total: 50 })).toBe(false);
    expect(eventMatches(t, 'signup', { total: 150 })).toBe(false);
    expect(eventMatches({ type: 'pageview' }, 'checkout', {})).toBe(false);
  });
});
