// Everything the components show, resolved once per mount: survey texts in
// the visitor's language with placeholders filled, the widget's strings with
// the survey's overrides, and the scale. Components never see raw config.
import { defaultScale, type ScaleStyle, type ScoreBand, type Survey, type SurveyKind } from '@sayso/core';
import { baseLang, isRtl } from './locale.js';
import { fill, type Strings } from './strings.js';

/** One follow-up question as shown. */
export interface FollowUpView {
  id: string;
  question: string;
  placeholder: string;
  maxLength: number;
  required: boolean;
  bands: ScoreBand[] | undefined;
}

/** A survey ready to draw. */
export interface View {
  lang: string;
  dir: 'ltr' | 'rtl';
  /** The widget's strings, with the survey's overrides applied. */
  t: Strings;
  kind: SurveyKind;
  question: string;
  min: number;
  max: number;
  style: ScaleStyle;
  direction: 'higher-is-easier' | 'lower-is-easier';
  /** Visible words under the two ends. */
  minLabel: string;
  maxLabel: string;
  /** Accessible name of each point, `min` first ("10, Extremely likely"). */
  names: string[];
  followUps: FollowUpView[];
  thanks: string;
  autoCloseMs: number;
}

/** Resolves a survey for locale `tag` on top of the widget strings `base`. */
export function buildView(survey: Survey, base: Strings, tag: string, vars: Record<string, string>): View {
  // Survey translations by exact tag first, then by language (`pt-BR`, then `pt`).
  const tr = survey.translations?.[tag] ?? survey.translations?.[baseLang(tag)] ?? {};
  const t: Strings = { ...base, ...survey.strings, ...tr.strings };
  const v = { ...survey.variables, ...vars };
  const text = (s: string) => fill(s, v);
  const { min, max } = survey.scale ?? defaultScale(survey.kind);
  const kind = survey.kind;
  const ces = t.ces.split('|');
  // A 7-point CES names every point; a legacy 5-point one skips the "somewhat"s.
  const cesNames = max - min === 6 ? ces : max - min === 4 ? [0, 1, 3, 5, 6].map((i) => ces[i] ?? '') : [];
  const labels = { ...survey.scale?.labels, ...tr.labels };
  const minLabel = text(labels.min ?? (kind === 'nps' ? t.npsMin : kind === 'csat' ? t.csatMin : ces[0] ?? ''));
  const maxLabel = text(labels.max ?? (kind === 'nps' ? t.npsMax : kind === 'csat' ? t.csatMax : ces[6] ?? ''));
  const names: string[] = [];
  for (let n = min; n <= max; n++) {
    const word = n === min ? minLabel : n === max ? maxLabel : kind === 'ces' && !survey.scale?.labels ? cesNames[n - min] : '';
    names.push(word ? `${n}, ${word}` : `${n}`);
  }
  return {
    lang: tag,
    dir: isRtl(tag) ? 'rtl' : 'ltr',
    t,
    kind,
    question: text(tr.question ?? survey.question),
    min,
    max,
    style: kind === 'nps' ? 'numbers' : survey.scale?.style ?? 'numbers',
    direction: survey.scale?.direction ?? 'higher-is-easier',
    minLabel,
    maxLabel,
    names,
    followUps: (survey.followUp ?? []).map((f, i) => ({
      id: f.id ?? `followUp${i}`,
      question: text(tr.followUp?.[i] ?? f.question),
      placeholder: text(f.placeholder ?? t.placeholder),
      maxLength: f.maxLength ?? 1000,
      required: !!f.required,
      bands: f.bands,
    })),
    thanks: text(tr.thankYou ?? survey.thankYou?.message ?? t.thanks),
    autoCloseMs: survey.thankYou?.autoCloseMs ?? 4000,
  };
}
