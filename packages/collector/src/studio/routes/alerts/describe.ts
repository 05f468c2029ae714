// One sentence per rule, saying what it watches and when it speaks: the
// list's second column, and what a screen reader hears for each row.
import type { AlertRule } from './api.js';

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

/** What `rule` watches, in words. */
export function describeRule(rule: AlertRule): string {
  if (rule.type === 'detractor') {
    const which = rule.survey ? `of ${rule.survey}` : 'of every survey';
    return `Each detractor answer ${which}${rule.withComment ? ' with a comment' : ''}, as it arrives.`;
  }
  if (rule.type === 'digest') {
    const quotes = rule.comments === 0 ? 'no comments' : `the ${rule.comments} newest detractor comment${rule.comments === 1 ? '' : 's'}`;
    return `A ${rule.every === 'day' ? 'daily' : 'weekly'} digest of ${rule.survey}, with ${quotes}.`;
  }
  return (
    `${rule.survey}: the last ${days(rule.recentDays)} against the ${days(rule.baselineDays)} before, ` +
    `when the score falls by at least ${rule.minPoints} points at ${Math.round(rule.level * 1000) / 10} % confidence, ` +
    `with at least ${rule.minAnswers} answers on each side; quiet for ${days(rule.cooldownDays)} after firing.`
  );
}

/** The type's name for people. */
export const TYPE_NAMES: Record<AlertRule['type'], string> = { detractor: 'Detractor answers', drop: 'Score drop', digest: 'Digest' };
