// The four starting points the issue names. Each is a complete survey that
// parseSurvey accepts as it is (templates.test.ts checks), so a new user
// starts from something that would already work and changes what differs.
import type { Survey } from '@sayso/core';

export interface Template {
  key: string;
  title: string;
  description: string;
  survey: Survey;
}

export const TEMPLATES: readonly Template[] = [
  {
    key: 'nps-relationship',
    title: 'Relationship NPS',
    description: 'How likely people are to recommend you, asked of returning visitors every 90 days.',
    survey: {
      id: 'nps-relationship',
      kind: 'nps',
      question: 'How likely are you to recommend us to a friend or colleague?',
      followUp: [
        { id: 'why-low', question: 'What is the one thing we should improve?', bands: ['detractor', 'passive'] },
        { id: 'why-high', question: 'What do you like most?', bands: ['promoter'] },
      ],
      triggers: [{ type: 'time-on-page', seconds: 30 }],
      targeting: { visitor: 'returning', sample: 20 },
      throttle: { show: 'recurring', recontactDays: 90 },
      presentation: { mode: 'popover', position: 'bottom-right' },
    },
  },
  {
    key: 'csat-checkout',
    title: 'CSAT after checkout',
    description: 'How satisfied buyers are, right after the checkout event.',
    survey: {
      id: 'csat-checkout',
      kind: 'csat',
      question: 'How satisfied are you with your checkout?',
      scale: { min: 1, max: 5, style: 'stars' },
      followUp: [{ id: 'why', question: 'What could we have done better?', bands: ['unhappy', 'neutral'] }],
      triggers: [{ type: 'event', name: 'checkout', delayMs: 2000 }],
      throttle: { show: 'until-answered' },
      presentation: { mode: 'popover', position: 'bottom-right' },
    },
  },
  {
    key: 'ces-support',
    title: 'CES after a support contact',
    description: 'How easy it was to get help, after the support_contact event.',
    survey: {
      id: 'ces-support',
      kind: 'ces',
      question: 'The company made it easy for me to handle my issue.',
      scale: { min: 1, max: 7 },
      followUp: [{ id: 'hardest', question: 'What was the hardest part?', bands: ['unhappy'] }],
      triggers: [{ type: 'event', name: 'support_contact' }],
      throttle: { show: 'recurring', recontactDays: 30 },
      presentation: { mode: 'modal' },
    },
  },
  {
    key: 'page-helpfulness',
    title: 'Page helpfulness',
    description: 'A quiet bar at the bottom of documentation pages, after some reading.',
    survey: {
      id: 'page-helpful',
      kind: 'csat',
      question: 'Was this page helpful?',
      scale: { min: 1, max: 3, style: 'emoji' },
      followUp: [{ id: 'missing', question: 'What was missing?', bands: ['unhappy'] }],
      triggers: [{ type: 'scroll', percent: 60, url: { include: [{ match: 'glob', value: '/docs/*' }] } }],
      throttle: { show: 'once' },
      presentation: { mode: 'bar', position: 'bottom' },
    },
  },
];

/** A fresh copy of template `key` with an id no survey in `taken` has (`csat-checkout-2`). */
export function fromTemplate(key: string, taken: Iterable<string>): Survey | null {
  const t = TEMPLATES.find((x) => x.key === key);
  if (!t) return null;
  const used = new Set(taken);
  let id = t.survey.id;
  for (let n = 2; used.has(id); n++) id = `${t.survey.id}-${n}`;
  return { ...structuredClone(t.survey), id };
}

/** A blank survey of `kind`, for "start from scratch". */
export function blank(kind: Survey['kind'], taken: Iterable<string>): Survey {
  const used = new Set(taken);
  let id = `${kind}-survey`;
  for (let n = 2; used.has(id); n++) id = `${kind}-survey-${n}`;
  const question = { nps: 'How likely are you to recommend us?', csat: 'How satisfied are you?', ces: 'It was easy to get what I needed.' }[kind];
  return { id, kind, question, triggers: [{ type: 'pageview' }] };
}
