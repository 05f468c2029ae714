// "Why isn't it showing?": every condition the SDK checks before it shows a
// survey, one by one, each decided by the engine's own function (targeted,
// bucket, surveyAllows, capsAllow, passes, matchUrl, eventMatches) so the
// answer can never drift from what the SDK really does. A combined check
// (`targeted`, `surveyAllows`, `capsAllow`) is asked about one condition at a
// time by giving it a survey, history or caps that hold only that condition:
// the other clauses then have nothing to refuse.
import type { PropertyFilter, Survey, Targeting, Throttle, Trigger, UrlRules } from '@sayso/core';
import type { DebugState } from '../sdk/debug-types.js';
import { passes } from '../sdk/filters.js';
import type { History, SurveyRecord } from '../sdk/history.js';
import { bucket } from '../sdk/sampling.js';
import { targeted } from '../sdk/targeting.js';
import { capsAllow, surveyAllows } from '../sdk/throttle.js';
import { eventMatches } from '../sdk/triggers/event.js';
import { matchUrl } from '../sdk/triggers/url.js';
import type { SaysoConfig } from '../sdk/types.js';

/** A condition passed, failed, or waits for something to happen (a trigger). */
export type Status = 'pass' | 'fail' | 'wait';

/** One condition on this page. */
export interface Check {
  /** What is checked: `URL rule (trigger 1)`, `sample bucket`, `cap: cooldown between surveys`. */
  condition: string;
  status: Status;
  /** Why, in words: the values compared. */
  detail: string;
}

/** One survey's conditions and the upshot. */
export interface SurveyReport {
  id: string;
  /** `pass`: shows (or would, if nothing else is on screen) on this page; `wait`: its trigger has not happened; `fail`: something refuses it. */
  status: Status;
  /** The upshot in words: the first failing condition, or what it waits for. */
  summary: string;
  checks: Check[];
}

/** The last event `track()` recorded on this page. */
export interface Tracked {
  name: string;
  properties: Record<string, unknown>;
}

/** What a report is computed from: the instance's state as the debug seam gives it. */
export interface Situation {
  href: string;
  state: DebugState;
  history: History;
  config: SaysoConfig;
  now: number;
  tracked?: Tracked | undefined;
  /** How many elements match a selector (click triggers); absent in tests. */
  count?: (selector: string) => number;
}

const DAY = 864e5;
const show = (v: unknown): string => (v === undefined ? 'not set' : JSON.stringify(v));
const ago = (now: number, at: number): string => {
  const d = (now - at) / DAY;
  return d < 1 / 24 ? `${Math.round(d * 1440)} min ago` : d < 1 ? `${Math.round(d * 24)} h ago` : `${Math.round(d * 10) / 10} days ago`;
};
const filterText = (f: PropertyFilter): string => `${f.property} ${f.op}${f.value === undefined ? '' : ` ${JSON.stringify(f.value)}`}`;
const rulesText = (r: UrlRules): string =>
  (['include', 'exclude'] as const)
    .filter((k) => r[k]?.length)
    .map((k) => `${k} ${r[k]!.map((u) => `${u.match} ${u.value}`).join(', ')}`)
    .join('; ');

/** What a trigger waits for, or that it fired (page views fire on their own). */
function triggerCheck(s: Survey, t: Trigger, n: string, sit: Situation): Check[] {
  const delay = t.delayMs ? `, then ${t.delayMs / 1000} s` : '';
  const condition = `trigger ${n}: ${t.type}`;
  const wait = (detail: string): Check[] => [{ condition, status: 'wait', detail: detail + delay }];
  switch (t.type) {
    case 'pageview':
      return [{ condition, status: 'pass', detail: `fires on each page view${delay}` }];
    case 'event': {
      const e = sit.tracked?.name === t.name ? sit.tracked : undefined;
      const checks: Check[] = [
        e
          ? { condition, status: eventMatches(t, e.name, e.properties) ? 'pass' : 'fail', detail: `track('${t.name}') on this page${delay}` }
          : { condition, status: 'wait', detail: `waiting for track('${t.name}')${delay}` },
      ];
      for (const f of t.where ?? []) {
        checks.push({
          condition: `event property (trigger ${n}): ${filterText(f)}`,
          status: !e ? 'wait' : passes(e.properties, f) ? 'pass' : 'fail',
          detail: e ? `${f.property} is ${show(e.properties[f.property])}` : 'no such event yet on this page',
        });
      }
      return checks;
    }
    case 'click':
      return wait(`waiting for a click on ${t.selector}${sit.count ? ` (${sit.count(t.selector)} on the page)` : ''}`);
    case 'time-on-page':
      return wait(`after ${t.seconds} s on this page`);
    case 'scroll':
      return wait(`when the page is scrolled to ${t.percent} %`);
    case 'exit-intent':
      return wait('when the visitor is about to leave');
    default:
      return wait(`only show('${s.id}') or a data-sayso-survey="${s.id}" element`);
  }
}

/** The targeting conditions the survey sets, each by `targeted` with only that one. */
function targetingChecks(s: Survey, sit: Situation): Check[] {
  const t = s.targeting ?? {};
  const a = sit.state[4];
  const only = (targeting: Targeting): Status => (targeted({ ...s, targeting }, a) ? 'pass' : 'fail');
  const checks: Check[] = (t.attributes ?? []).map((f) => ({
    condition: `targeting attribute: ${filterText(f)}`,
    status: passes(a.attributes, f) ? 'pass' : 'fail',
    detail: `${f.property} is ${show(a.attributes[f.property])}`,
  }));
  if (t.languages?.length) checks.push({ condition: 'language', status: only({ languages: t.languages }), detail: `the page is in ${a.locale}; the survey wants ${t.languages.join(', ')}` });
  if (t.device && t.device != 'any') checks.push({ condition: 'device', status: only({ device: t.device }), detail: `this is a ${a.mobile ? 'mobile' : 'desktop'} device; the survey wants ${t.device}` });
  if (t.visitor && t.visitor != 'any') checks.push({ condition: 'visitor', status: only({ visitor: t.visitor }), detail: `a ${a.returning ? 'returning' : 'new'} visitor; the survey wants ${t.visitor}` });
  if (t.identity && t.identity != 'any') checks.push({ condition: 'identity', status: only({ identity: t.identity }), detail: `${a.identified ? 'identified' : 'anonymous'}; the survey wants ${t.identity}` });
  if (t.sample !== undefined) {
    checks.push({
      condition: 'sample bucket',
      status: only({ sample: t.sample }),
      detail: `bucket ${bucket(a.site, s.id, a.personId)} of 10000; in below ${Math.round(t.sample * 100)} (${t.sample} %)`,
    });
  }
  return checks;
}

/** Every cap, each by the engine's check with only that cap in play. */
function capChecks(s: Survey, sit: Situation): Check[] {
  const [, pageShows, sessionShows, open] = sit.state;
  const { config, history, now } = sit;
  const t = s.throttle ?? {};
  const r: SurveyRecord = history[s.id] ?? { n: 0 };
  // A computed key is an own property even for `__proto__`.
  const alone = (throttle: Throttle, record: SurveyRecord): Status => (surveyAllows({ ...s, throttle }, { [s.id]: record }, now) ? 'pass' : 'fail');
  const perPage = config.perPageView ?? 1;
  const perSession = config.perSession ?? 1;
  const checks: Check[] = [
    { condition: 'cap: per page view', status: pageShows < perPage ? 'pass' : 'fail', detail: `${pageShows} of ${perPage} shown on this page view` },
    { condition: 'cap: per session', status: sessionShows < perSession ? 'pass' : 'fail', detail: `${sessionShows} of ${perSession} shown in this session` },
  ];
  if (t.maxDisplays !== undefined) checks.push({ condition: 'cap: max displays', status: alone({ maxDisplays: t.maxDisplays }, { n: r.n }), detail: `${r.n} of ${t.maxDisplays} displays` });
  if (t.show == 'once') checks.push({ condition: 'cap: show once', status: alone({ show: 'once' }, { n: r.n }), detail: r.n ? `shown ${r.n} times` : 'not shown yet' });
  const recontact = t.recontactDays ?? 90;
  checks.push({
    condition: 'cap: after an answer',
    status: alone({ ...(t.show && { show: t.show }), recontactDays: recontact }, { n: 0, ...(r.a && { a: r.a }) }),
    detail: r.a ? `answered ${ago(now, r.a)}; ${t.show == 'recurring' ? `again after ${recontact} days` : `show: ${t.show ?? 'until-answered'}`}` : 'not answered yet',
  });
  const cooldown = t.dismissCooldownDays ?? 7;
  checks.push({
    condition: 'cap: after a dismissal',
    status: alone({ dismissCooldownDays: cooldown }, { n: 0, ...(r.x && { x: r.x }) }),
    detail: r.x ? `dismissed ${ago(now, r.x)}; waits ${cooldown} days` : 'not dismissed',
  });
  // The global throttle and the kind's, each against every other survey in the history.
  const days = config.cooldownDays ?? 14;
  const kindDays = config.kindCooldownDays?.[s.kind];
  const blockers = (caps: Parameters<typeof capsAllow>[2]): string[] =>
    Object.keys(history).filter((id) => !capsAllow(s, { [id]: history[id]! }, caps, now));
  const global = blockers({ cooldownDays: days });
  checks.push({
    condition: 'cap: cooldown between surveys',
    status: global.length ? 'fail' : 'pass',
    detail: global.length ? `${global.map((id) => `'${id}' shown ${ago(now, history[id]!.d!)}`).join(', ')}; waits ${days} days` : `no other survey shown in the last ${days} days`,
  });
  if (kindDays) {
    const kind = blockers({ cooldownDays: 0, kindCooldownDays: { [s.kind]: kindDays } });
    checks.push({
      condition: `cap: ${s.kind} cooldown`,
      status: kind.length ? 'fail' : 'pass',
      detail: kind.length ? `${kind.map((id) => `'${id}'`).join(', ')} within ${kindDays} days` : `no other ${s.kind} in the last ${kindDays} days`,
    });
  }
  checks.push({ condition: 'cap: one on screen', status: open ? 'fail' : 'pass', detail: open ? 'another survey is on screen' : 'nothing else on screen' });
  return checks;
}

/** Every condition of `s` on this page, and the upshot. */
export function evaluate(s: Survey, sit: Situation): SurveyReport {
  const consent = sit.state[0];
  const gates: Check[] = [
    { condition: 'enabled', status: s.enabled === false ? 'fail' : 'pass', detail: s.enabled === false ? 'turned off (enabled: false)' : 'on' },
    { condition: 'consent', status: consent == 'granted' ? 'pass' : 'fail', detail: consent == 'granted' ? 'granted' : `${consent}: nothing shows until consent('granted')` },
    ...targetingChecks(s, sit),
    ...capChecks(s, sit),
  ];
  // A survey shows when every gate passes and one of its triggers fires on a URL its rules let in.
  const triggers = (s.triggers ?? []).map((t, i) => {
    const n = String(i + 1);
    const url: Check = t.url
      ? { condition: `URL rule (trigger ${n})`, status: matchUrl(sit.href, t.url) ? 'pass' : 'fail', detail: `${rulesText(t.url)}; this page is ${sit.href}` }
      : { condition: `URL rule (trigger ${n})`, status: 'pass', detail: 'any page' };
    const checks = [url, ...triggerCheck(s, t, n, sit)];
    const status: Status = checks.some((c) => c.status == 'fail') ? 'fail' : checks.some((c) => c.status == 'wait') ? 'wait' : 'pass';
    return { checks, status, first: checks.find((c) => c.status == status)! };
  });
  const checks = [...triggers.flatMap((t) => t.checks), ...gates];
  if (!triggers.length) checks.unshift({ condition: 'trigger', status: 'wait', detail: `none: only show('${s.id}') or a data-sayso-survey="${s.id}" element` });
  const failed = gates.find((c) => c.status == 'fail');
  const fired = triggers.find((t) => t.status == 'pass');
  const waiting = triggers.find((t) => t.status == 'wait');
  let status: Status;
  let summary: string;
  if (failed) [status, summary] = ['fail', `${failed.condition}: ${failed.detail}`];
  else if (fired) [status, summary] = ['pass', 'every condition passes on this page'];
  else if (waiting || !triggers.length) [status, summary] = ['wait', waiting ? `${waiting.first.condition}: ${waiting.first.detail}` : checks[0]!.detail];
  else [status, summary] = ['fail', `${triggers[0]!.first.condition}: ${triggers[0]!.first.detail}`];
  return { id: s.id, status, summary, checks };
}
