import type { Survey } from '@sayso/core';
import { describe, expect, it } from 'vitest';
import { patched } from '../../../../test/builtin-patches.js';
import { json } from '../plain.js';
import { merge, note, readHistory, type History } from './history.js';
import { capsAllow, surveyAllows } from './throttle.js';

const DAY = 864e5;
const T0 = Date.UTC(2026, 0, 1);
const nps = (throttle: Survey['throttle'] = {}, id = 'nps'): Survey => ({ id, kind: 'nps', question: 'q', throttle });

function hist(...events: Array<[string, 'display' | 'dismiss' | 'response', number, Survey['kind']?]>): History {
  const h: History = {};
  for (const [id, type, at, kind] of events) note(h, id, kind ?? 'nps', type, at);
  return h;
}

describe('per-survey throttle', () => {
  it('a survey never seen may show', () => {
    expect(surveyAllows(nps({ show: 'once' }), {}, T0)).toBe(true);
  });
  it("'once' never shows again after one display, even unanswered", () => {
    expect(surveyAllows(nps({ show: 'once' }), hist(['nps', 'display', T0]), T0 + 400 * DAY)).toBe(false);
  });
  it("'until-answered' (the default) shows again until answered, never after", () => {
    expect(surveyAllows(nps(), hist(['nps', 'display', T0]), T0 + 1)).toBe(true);
    expect(surveyAllows(nps(), hist(['nps', 'display', T0], ['nps', 'response', T0]), T0 + 4000 * DAY)).toBe(false);
  });
  it("'recurring' waits recontactDays (default 90) after an answer", () => {
    const h = hist(['nps', 'display', T0], ['nps', 'response', T0]);
    expect(surveyAllows(nps({ show: 'recurring' }), h, T0 + 89 * DAY)).toBe(false);
    expect(surveyAllows(nps({ show: 'recurring' }), h, T0 + 90 * DAY)).toBe(true);
    expect(surveyAllows(nps({ show: 'recurring', recontactDays: 30 }), h, T0 + 31 * DAY)).toBe(true);
  });
  it('a dismissal has its own cooldown (default 7 days)', () => {
    const h = hist(['nps', 'display', T0], ['nps', 'dismiss', T0]);
    expect(surveyAllows(nps(), h, T0 + 6 * DAY)).toBe(false);
    expect(surveyAllows(nps(), h, T0 + 7 * DAY)).toBe(true);
    expect(surveyAllows(nps({ dismissCooldownDays: 1 }), h, T0 + 2 * DAY)).toBe(true);
    expect(surveyAllows(nps({ show: 'recurring', dismissCooldownDays: 30 }), h, T0 + 20 * DAY)).toBe(false);
  });
  it('maxDisplays caps displays whatever the mode', () => {
    const h = hist(['nps', 'display', T0], ['nps', 'display', T0 + DAY]);
    expect(surveyAllows(nps({ show: 'recurring', maxDisplays: 3 }), h, T0 + 2 * DAY)).toBe(true);
    expect(surveyAllows(nps({ show: 'recurring', maxDisplays: 2 }), h, T0 + 2 * DAY)).toBe(false);
  });
});

describe('global and per-kind caps', () => {
  const ces: Survey = { id: 'ces', kind: 'ces', question: 'q' };
  it('another survey shown within the global cooldown (default 14 days) blocks', () => {
    const h = hist(['nps', 'display', T0]);
    expect(capsAllow(ces, h, {}, T0 + 13 * DAY)).toBe(false);
    expect(capsAllow(ces, h, {}, T0 + 14 * DAY)).toBe(true);
    expect(capsAllow(ces, h, { cooldownDays: 2 }, T0 + 3 * DAY)).toBe(true);
  });
  it('the survey itself does not count against the global cooldown (its own throttle decides)', () => {
    expect(capsAllow(nps(), hist(['nps', 'display', T0]), {}, T0 + 1)).toBe(true);
  });
  it('a kind cooldown blocks only the same kind: an NPS answer does not block a CES', () => {
    const h = hist(['nps-web', 'display', T0, 'nps']);
    const caps = { cooldownDays: 0, kindCooldownDays: { nps: 90 } };
    expect(capsAllow(ces, h, caps, T0 + DAY)).toBe(true);
    expect(capsAllow(nps({}, 'nps-app'), h, caps, T0 + 89 * DAY)).toBe(false);
    expect(capsAllow(nps({}, 'nps-app'), h, caps, T0 + 90 * DAY)).toBe(true);
  });
});

describe('history', () => {
  it('survives a round trip through storage and refuses garbage', () => {
    const h = hist(['nps', 'display', T0], ['nps', 'response', T0 + 5]);
    expect(readHistory(JSON.stringify(h))).toEqual(h);
    expect(readHistory('{oops')).toEqual({});
    expect(readHistory('[1]')).toEqual({});
    expect(readHistory(null)).toEqual({});
  });
  it('merges server entries: later times win, larger counts win, merging twice changes nothing', () => {
    const h = hist(['nps', 'display', T0]);
    const entries = [
      { surveyId: 'nps', type: 'display' as const, at: new Date(T0 + 2 * DAY).toISOString() },
      { surveyId: 'nps', type: 'display' as const, at: new Date(T0 + DAY).toISOString() },
      { surveyId: 'nps', type: 'response' as const, at: new Date(T0 + 2 * DAY).toISOString() },
      { surveyId: 'csat', type: 'dismiss' as const, at: new Date(T0 + 3 * DAY).toISOString() },
      { surveyId: 'x', type: 'display' as const, at: 'not a date' },
    ];
    merge(h, entries, (id) => (id === 'csat' ? 'csat' : undefined));
    const once = JSON.stringify(h);
    merge(h, entries, () => undefined);
    expect(JSON.stringify(h)).toBe(once);
    expect(h.nps).toEqual({ k: 'nps', n: 2, d: T0 + 2 * DAY, a: T0 + 2 * DAY });
    expect(h.csat).toEqual({ k: 'csat', n: 0, x: T0 + 3 * DAY });
    expect(h.x).toBeUndefined();
    // and the merged history now blocks the answered survey across devices
    expect(surveyAllows(nps(), h, T0 + 3 * DAY)).toBe(false);
  });
});

describe('history on pages whose libraries patch built-ins', () => {
  it('keeps surveys with the ids __proto__ and constructor as records, never writing into Object.prototype', () => {
    const h = readHistory(null);
    note(h, '__proto__', 'nps', 'display', T0);
    note(h, 'constructor', 'csat', 'response', T0 + 1);
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as { n?: unknown }).n).toBeUndefined();
    const back = readHistory(json(h));
    expect(Object.entries(back)).toEqual([
      ['__proto__', { k: 'nps', n: 1, d: T0 }],
      ['constructor', { k: 'csat', n: 0, a: T0 + 1 }],
    ]);
    // 'once': shown, so no more; the one answered is within its recontact period.
    expect(surveyAllows(nps({ show: 'once' }, '__proto__'), back, T0 + DAY)).toBe(false);
    expect(surveyAllows(nps({}, 'constructor'), back, T0 + DAY)).toBe(false);
    expect(surveyAllows(nps({}, 'toString'), back, T0 + DAY)).toBe(true);
  });

  it('merges and caps over own entries only, with enumerable Object.prototype members installed', () => {
    const h = readHistory(JSON.stringify(hist(['nps', 'display', T0])));
    const entries = [{ surveyId: 'csat', type: 'dismiss' as const, at: new Date(T0).toISOString() }];
    const allowed = patched(['objectPrototype'], () => {
      merge(h, entries, () => 'csat');
      const ces: Survey = { id: 'ces', kind: 'ces', question: 'q' };
      return [capsAllow(ces, h, { cooldownDays: 1 }, T0 + 2 * DAY), capsAllow(ces, h, { cooldownDays: 3 }, T0 + 2 * DAY)];
    });
    expect(Object.keys(h)).toEqual(['nps', 'csat']);
    expect(allowed).toEqual([true, false]);
  });
});
