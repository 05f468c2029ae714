// sayso for this app: surveys live in code here (remote config is off), so
// they are reviewed and versioned with the app.
import { init } from '@sayso/widget';

export const sayso = init({
  site: 'demo',
  endpoint: location.origin,
  remoteConfig: false,
  // A demo: one survey per page view, but several per session and no cooldown.
  perSession: 5,
  cooldownDays: 0,
  variables: { product: 'Acme' },
  surveys: [
    {
      id: 'spa-pricing-nps',
      kind: 'nps',
      question: 'How likely are you to recommend {product} to a friend or colleague?',
      // Three seconds on the pricing route; leaving it earlier cancels the survey.
      triggers: [{ type: 'pageview', delayMs: 3000, url: { include: [{ match: 'contains', value: 'page=pricing' }] } }],
    },
    {
      id: 'spa-export-csat',
      kind: 'csat',
      question: 'How satisfied are you with the report export?',
      scale: { min: 1, max: 5, style: 'emoji' },
      followUp: [{ question: 'What would make exports better?', bands: ['unhappy', 'neutral'] }],
      triggers: [{ type: 'event', name: 'report-exported', where: [{ property: 'rows', op: 'gt', value: 0 }] }],
    },
  ],
});
