import type { Survey } from '@sayso/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DebugState } from '../sdk/debug-types.js';
import type { History } from '../sdk/history.js';
import { bucket } from '../sdk/sampling.js';
import { targeted, type Audience } from '../sdk/targeting.js';
import { capsAllow, surveyAllows } from '../sdk/throttle.js';
import { compileSurveyUrls } from '../sdk/triggers/url-compile.js';
import { evaluate, type Situation } from './evaluate.js';

const DAY = 864e5;
const NOW = Date.UTC(2026, 11, 4);
const audience: Audience = { site: 'shop', personId: 'anon-1', identified: false, attributes: { plan: 'pro' }, locale: 'en-GB', mobile: false, returning: false };
const state = (over: Partial<{ consent: DebugState[0]; page: number; session: number; open: boolean; a: Audience }> = {}): DebugState => [
  over.consent ?? 'granted',
  over.page ?? 0,
  over.session ?? 0,
  over.open ?? false,
  over.a ?? audience,
  true,
];
const sit = (over: Partial<Situation> = {}): Situation => ({ href: 'https://shop.example/home', state: state(), history: {}, config: { site: 'shop' }, now: NOW, ...over });
const survey = (s: Partial<Survey>): Survey => compileSurveyUrls({ id: 's1', kind: 'nps', question: 'q', triggers: [{ type: 'pageview' }], ...s } as Survey);
const check = (r: ReturnType<typeof evaluate>, condition: string) => r.checks.find((c) => c.condition === condition);

describe('evaluate: each condition, by the engine', () => {
  it('a survey every condition admits passes', () => {
    const r = evaluate(survey({}), sit());
    expect(r.status).toBe('pass');
    expect(r.checks.every((c) => c.status === 'pass')).toBe(true);
  });

  it('a URL rule that does not match fails, naming the rule and the page', () => {
    const s = survey({ triggers: [{ type: 'pageview', url: { include: [{ match: 'glob', value: '/checkout/*' }] } }] });
    const r = evaluate(s, sit());
    expect(check(r, 'URL rule (trigger 1)')).toEqual({ condition: 'URL rule (trigger 1)', status: 'fail', detail: 'include glob /checkout/*; this page is https://shop.example/home' });
    expect(r.status).toBe('fail');
    expect(evaluate(s, sit({ href: 'https://shop.example/checkout/pay' })).status).toBe('pass');
    // Any one trigger that can fire is enough.
    expect(evaluate(survey({ triggers: [...s.triggers!, { type: 'pageview' }] }), sit()).status).toBe('pass');
  });

  it('an event trigger waits until tracked, then its property filters pass or fail one by one', () => {
    const s = survey({ triggers: [{ type: 'event', name: 'checkout', where: [{ property: 'total', op: 'gt', value: 100 }] }] });
    const waiting = evaluate(s, sit());
    expect(waiting.status).toBe('wait');
    expect(waiting.summary).toBe("trigger 1: event: waiting for track('checkout')");
    const low = evaluate(s, sit({ tracked: { name: 'checkout', properties: { total: 100 } } }));
    expect(check(low, 'event property (trigger 1): total gt 100')).toMatchObject({ status: 'fail', detail: 'total is 100' });
    expect(low.status).toBe('fail');
    const high = evaluate(s, sit({ tracked: { name: 'checkout', properties: { total: 101 } } }));
    expect(check(high, 'event property (trigger 1): total gt 100')!.status).toBe('pass');
    expect(high.status).toBe('pass');
    // Another event's name is not this trigger's.
    expect(evaluate(s, sit({ tracked: { name: 'checkout2', properties: { total: 500 } } })).status).toBe('wait');
  });

  it('the sample bucket, with the number the SDK computes', () => {
    const b = bucket('shop', 's1', 'anon-1');
    const at = (sample: number) => check(evaluate(survey({ targeting: { sample } }), sit()), 'sample bucket')!;
    // In exactly when the bucket is below the percentage × 100: the boundary on both sides.
    expect(at((b + 1) / 100).status).toBe('pass');
    expect(at(b / 100).status).toBe('fail');
    expect(at(b / 100).detail).toBe(`bucket ${b} of 10000; in below ${b} (${b / 100} %)`);
  });

  it('language, device, visitor, identity and attributes, each on its own', () => {
    const r = evaluate(
      survey({ targeting: { languages: ['fr'], device: 'mobile', visitor: 'returning', identity: 'identified', attributes: [{ property: 'plan', op: 'eq', value: 'team' }] } }),
      sit(),
    );
    expect(r.checks.filter((c) => c.status === 'fail').map((c) => c.condition)).toEqual(['targeting attribute: plan eq "team"', 'language', 'device', 'visitor', 'identity']);
    expect(check(r, 'language')!.detail).toBe('the page is in en-GB; the survey wants fr');
    expect(check(evaluate(survey({ targeting: { languages: ['en'] } }), sit()), 'language')!.status).toBe('pass');
  });

  it('caps: shown once, answered, dismissed, the cooldown between surveys (naming the other), one on screen, page and session', () => {
    const once = survey({ throttle: { show: 'once' } });
    expect(check(evaluate(once, sit({ history: { s1: { n: 1, d: NOW - DAY } } })), 'cap: show once')).toMatchObject({ status: 'fail', detail: 'shown 1 times' });
    expect(check(evaluate(once, sit()), 'cap: show once')!.status).toBe('pass');
    const answered = evaluate(survey({}), sit({ history: { s1: { n: 1, a: NOW - 2 * DAY } } }));
    expect(check(answered, 'cap: after an answer')).toMatchObject({ status: 'fail', detail: 'answered 2 days ago; show: until-answered' });
    const dismissed = evaluate(survey({}), sit({ history: { s1: { n: 1, x: NOW - 6 * DAY } } }));
    expect(check(dismissed, 'cap: after a dismissal')).toMatchObject({ status: 'fail', detail: 'dismissed 6 days ago; waits 7 days' });
    expect(check(evaluate(survey({}), sit({ history: { s1: { n: 1, x: NOW - 7 * DAY } } })), 'cap: after a dismissal')!.status).toBe('pass');
    const other = evaluate(survey({}), sit({ history: { csat: { n: 1, d: NOW - 3 * DAY, k: 'csat' } } }));
    expect(check(other, 'cap: cooldown between surveys')).toMatchObject({ status: 'fail', detail: "'csat' shown 3 days ago; waits 14 days" });
    expect(check(evaluate(survey({}), sit({ state: state({ open: true }) })), 'cap: one on screen')!.status).toBe('fail');
    expect(check(evaluate(survey({}), sit({ state: state({ page: 1 }) })), 'cap: per page view')!.status).toBe('fail');
    expect(check(evaluate(survey({}), sit({ state: state({ session: 1 }), config: { site: 'shop', perSession: 2 } })), 'cap: per session')!.status).toBe('pass');
  });

  it('consent and enabled', () => {
    expect(evaluate(survey({}), sit({ state: state({ consent: 'pending' }) })).summary).toBe("consent: pending: nothing shows until consent('granted')");
    expect(evaluate(survey({ enabled: false }), sit()).status).toBe('fail');
  });

  it('its verdict is the engine’s: every gate passes exactly when targeting and caps admit the survey (property test)', () => {
    const rec = fc.record(
      { n: fc.integer({ min: 0, max: 4 }), d: fc.integer({ min: 0, max: 40 }).map((x) => NOW - x * DAY / 2), a: fc.integer({ min: 0, max: 200 }).map((x) => NOW - x * DAY), x: fc.integer({ min: 0, max: 20 }).map((x) => NOW - x * DAY), k: fc.constantFrom('nps' as const, 'csat' as const) },
      { requiredKeys: ['n'] },
    );
    fc.assert(
      fc.property(
        fc.record(
          {
            kind: fc.constantFrom('nps' as const, 'csat' as const),
            targeting: fc.record(
              {
                languages: fc.subarray(['en', 'de', 'fr']),
                device: fc.constantFrom('mobile' as const, 'desktop' as const, 'any' as const),
                visitor: fc.constantFrom('new' as const, 'returning' as const, 'any' as const),
                identity: fc.constantFrom('anonymous' as const, 'identified' as const, 'any' as const),
                sample: fc.integer({ min: 0, max: 10000 }).map((x) => x / 100),
                attributes: fc.subarray([{ property: 'plan', op: 'eq' as const, value: 'pro' }, { property: 'seats', op: 'gt' as const, value: 3 }]),
              },
              { requiredKeys: [] },
            ),
            throttle: fc.record(
              {
                show: fc.constantFrom('once' as const, 'until-answered' as const, 'recurring' as const),
                recontactDays: fc.integer({ min: 0, max: 120 }),
                dismissCooldownDays: fc.integer({ min: 0, max: 14 }),
                maxDisplays: fc.integer({ min: 1, max: 4 }),
              },
              { requiredKeys: [] },
            ),
          },
          { requiredKeys: ['kind'] },
        ),
        fc.dictionary(fc.constantFrom('s1', 'other', 'third'), rec),
        fc.record({ mobile: fc.boolean(), returning: fc.boolean(), identified: fc.boolean(), personId: fc.string(), seats: fc.integer({ min: 0, max: 6 }) }),
        fc.record({ cooldownDays: fc.integer({ min: 0, max: 30 }), nps: fc.integer({ min: 0, max: 60 }) }),
        (fields, entries, who, caps) => {
          const s = survey(fields as Partial<Survey>);
          const history: History = Object.assign(Object.create(null), entries);
          const a: Audience = { ...audience, ...who, attributes: { plan: 'pro', seats: who.seats } };
          const config = { site: 'shop', cooldownDays: caps.cooldownDays, kindCooldownDays: { nps: caps.nps } };
          const r = evaluate(s, sit({ history, config, state: state({ a }) }));
          const engine = targeted(s, a) && surveyAllows(s, history, NOW) && capsAllow(s, history, config, NOW);
          return r.status === (engine ? 'pass' : 'fail');
        },
      ),
      { numRuns: 3000 },
    );
  });
});
