// The widget's own words in English: built into the UI chunk. Other
// languages live in ./locales/<lang>.ts and load on demand, so a site that
// only speaks English never pays for them. Keys are public: a survey
// overrides any of them with `survey.strings` or `translations[lang].strings`.

/** Every string the widget itself shows, in English. `{name}` marks a value filled in as text. */
export const en = {
  close: 'Close',
  next: 'Next',
  submit: 'Submit',
  sending: 'Sending…',
  retry: 'Try again',
  error: 'Sorry, your answer could not be saved.',
  thanks: 'Thank you for your feedback!',
  offline: 'Saved — it will be sent when you are back online.',
  /** Said instead of `offline` when nothing on the device could keep the answer (a sandboxed frame, storage blocked). */
  unsaved: 'Not saved on this device — it will be sent while this page stays open.',
  step: 'Step {current} of {total}',
  charsLeft: '{count} characters left',
  placeholder: 'Tell us more (optional)',
  npsMin: 'Not at all likely',
  npsMax: 'Extremely likely',
  csatMin: 'Very dissatisfied',
  csatMax: 'Very satisfied',
  /** The seven CES agreement points, lowest first, separated by `|`. */
  ces: 'Strongly disagree|Disagree|Somewhat disagree|Neither agree nor disagree|Somewhat agree|Agree|Strongly agree',
  feedback: 'Feedback',
  /** The badge on a preview link's draft (a marketer checking it on the live site). */
  preview: 'Preview',
};

/** The keys of the widget's strings. */
export type StringKey = keyof typeof en;
/** A full set of the widget's strings. */
export type Strings = Record<StringKey, string>;
/** A locale chunk: any subset (missing keys fall back to English). */
export type LocaleStrings = Partial<Strings>;

/** Fills `{name}` placeholders from `vars`; unknown names stay visible so a typo shows up in preview. The result is plain text. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (all, name: string) => ({}.hasOwnProperty.call(vars, name) ? String(vars[name]) : all));
}
