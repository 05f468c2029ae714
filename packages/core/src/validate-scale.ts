// Which scales each kind allows, shared by surveys (`{ min, max }`) and
// responses (`[min, max]`), so a response can never claim a scale no survey
// could have had.
import type { SurveyKind } from './survey.js';
import { oneOf, words, type Check } from './validate.js';

/** Per kind: the one allowed minimum, then the allowed maxima. */
const SCALES: Record<SurveyKind, [number, ...number[]]> = {
  nps: [0, 10], // NPS is defined on 0..10 only
  csat: [1, 3, 5, 7, 10],
  ces: [1, 7, 5], // CES 2.0's 1..7, and the legacy 1..5
};

/** A survey kind. */
export const kind: Check<SurveyKind> = words('nps csat ces');

/** Fails at `pMin` / `pMax` unless `min`..`max` is a scale of `k`. */
export const scaleFor = (k: SurveyKind, min: unknown, max: unknown, pMin: string, pMax: string): void => {
  const [lo, ...his] = SCALES[k];
  oneOf(lo)(min, pMin, {});
  oneOf(...his)(max, pMax, {});
};
