import { describe, expect, test } from 'vitest';
import { describeRule } from './describe.js';

describe('describeRule', () => {
  test('each type in words, with the near-misses of plurals and "every survey"', () => {
    expect(describeRule({ type: 'detractor', id: 'd', survey: null, withComment: false })).toBe('Each detractor answer of every survey, as it arrives.');
    expect(describeRule({ type: 'detractor', id: 'd', survey: 'nps', withComment: true })).toBe('Each detractor answer of nps with a comment, as it arrives.');
    expect(describeRule({ type: 'digest', id: 'w', survey: 'nps', every: 'week', comments: 1 })).toBe('A weekly digest of nps, with the 1 newest detractor comment.');
    expect(describeRule({ type: 'digest', id: 'w', survey: 'nps', every: 'day', comments: 0 })).toBe('A daily digest of nps, with no comments.');
    expect(describeRule({ type: 'drop', id: 'x', survey: 'nps', recentDays: 1, baselineDays: 28, level: 0.95, minPoints: 5, minAnswers: 30, cooldownDays: 7 })).toBe(
      'nps: the last 1 day against the 28 days before, when the score falls by at least 5 points at 95 % confidence, with at least 30 answers on each side; quiet for 7 days after firing.',
    );
    expect(describeRule({ type: 'drop', id: 'x', survey: 'nps', recentDays: 7, baselineDays: 28, level: 0.995, minPoints: 5, minAnswers: 30, cooldownDays: 1 })).toContain('99.5 % confidence');
  });
});
