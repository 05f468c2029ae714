// Frequency caps, the answer to survey fatigue. Per survey: show once, until
// answered, or recurring (with a recontact period after an answer), a
// separate cooldown after a dismissal, and a display cap. Across surveys: a
// global cooldown between two different surveys and optional per-kind ones.
// Page-view, session and "one on screen" caps live in the instance, which
// owns those counters.
import type { Survey, SurveyKind } from '@sayso/core';
import type { History } from './history.js';

const DAY = 864e5;

/** Site-wide caps. */
export interface Caps {
  /** @default 14 */
  cooldownDays?: number;
  kindCooldownDays?: Partial<Record<SurveyKind, number>>;
}

/** True when this survey's own rules let it show now. */
export function surveyAllows(s: Survey, h: History, now: number): boolean {
  const r = h[s.id];
  const t = s.throttle ?? {};
  // 'until-answered', the default, is what remains when neither 'once' nor
  // 'recurring' applies. Missing numbers need no checks: `n >= undefined` is
  // false, and so is `now - undefined < x` (NaN), never within a cooldown.
  return (
    !r ||
    !(
      r.n >= t.maxDisplays! ||
      (t.show == 'once' && r.n > 0) ||
      (r.a && (t.show != 'recurring' || now - r.a < (t.recontactDays ?? 90) * DAY)) ||
      now - r.x! < (t.dismissCooldownDays ?? 7) * DAY
    )
  );
}

/** True when no other survey was shown within the global cooldown, nor one of the same kind within its kind's. */
export function capsAllow(s: Survey, h: History, caps: Caps, now: number): boolean {
  const global = (caps.cooldownDays ?? 14) * DAY;
  const kind = (caps.kindCooldownDays?.[s.kind] ?? 0) * DAY;
  // A stored history sits on a null prototype (readHistory): for...in visits its own keys only.
  for (const id in h) {
    // A record without a display time gives NaN here, which blocks nothing.
    const since = now - h[id]!.d!;
    if (id != s.id && (since < global || (h[id]!.k == s.kind && since < kind))) return false;
  }
  return true;
}
