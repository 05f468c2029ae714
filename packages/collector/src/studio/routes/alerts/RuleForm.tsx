// The form of one rule: its type (when new), then the fields that type
// takes, with the config file's defaults as placeholders. The API checks the
// rule (alerts/config.ts) and a refusal comes back with the bad field's path,
// shown next to that field, which takes focus.
import { useSignal } from '@preact/signals';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { ApiError } from '../../api/client.js';
import type { SurveyRecord } from '../../api/types.js';
import type { AlertRule, RuleBody, RuleView } from './api.js';
import { TYPE_NAMES } from './describe.js';

export interface RuleFormProps {
  /** The rule being changed; absent for a new one. */
  rule?: RuleView;
  surveys: readonly SurveyRecord[];
  /** Sends the body; rejects with the API's refusal. */
  onSubmit: (body: RuleBody) => Promise<unknown>;
  onCancel?: () => void;
}

type NumberField = { name: string; label: string; hint: string; placeholder: number; step?: string };

const DROP_FIELDS: NumberField[] = [
  { name: 'recentDays', label: 'Recent days', hint: 'The window ending today.', placeholder: 7 },
  { name: 'baselineDays', label: 'Baseline days', hint: 'The days just before it.', placeholder: 28 },
  { name: 'level', label: 'Confidence level', hint: 'Fires only when p < 1 − level (0.95).', placeholder: 0.95, step: '0.001' },
  { name: 'minPoints', label: 'Minimum drop, points', hint: 'A smaller drop stays quiet.', placeholder: 5, step: 'any' },
  { name: 'minAnswers', label: 'Minimum answers', hint: 'On each side.', placeholder: 30 },
  { name: 'cooldownDays', label: 'Cooldown days', hint: 'Quiet for this long after firing.', placeholder: 7 },
];

/** The body of the form: empty numbers are left out (the API's defaults). */
function bodyOf(form: HTMLFormElement, type: AlertRule['type']): RuleBody {
  const f = new FormData(form);
  const text = (name: string) => String(f.get(name) ?? '').trim();
  const body: RuleBody = { type, id: text('id') };
  const survey = text('survey');
  if (type === 'detractor') {
    body.survey = survey === '' ? null : survey;
    body.withComment = f.get('withComment') === 'on';
    return body;
  }
  body.survey = survey;
  const numbers = type === 'drop' ? DROP_FIELDS.map((d) => d.name) : ['comments'];
  for (const name of numbers) if (text(name) !== '') body[name] = Number(text(name));
  if (type === 'digest') body.every = text('every');
  return body;
}

export function RuleForm({ rule, surveys, onSubmit, onCancel }: RuleFormProps) {
  const type = useSignal<AlertRule['type']>(rule?.type ?? 'detractor');
  const error = useSignal<{ path: string; message: string } | null>(null);
  const busy = useSignal(false);
  const form = useRef<HTMLFormElement>(null);
  const prefix = rule ? `rule-${rule.id}` : 'rule-new';
  const fid = (name: string) => `${prefix}-${name}`;
  // The bad field takes focus, so a keyboard or screen reader user lands on it.
  useLayoutEffect(() => {
    const path = error.value?.path;
    if (path === undefined) return;
    (form.current?.querySelector<HTMLElement>(`[name="${path}"]`) ?? form.current?.querySelector<HTMLElement>(`#${fid('error')}`))?.focus();
  }, [error.value]);

  const errorOf = (name: string) => (error.value?.path === name ? error.value.message : undefined);
  const described = (name: string, hint?: boolean) => [hint ? fid(`${name}-hint`) : '', errorOf(name) ? fid(`${name}-error`) : ''].filter(Boolean).join(' ') || undefined;
  const fieldError = (name: string) =>
    errorOf(name) && (
      <p class="field-error" id={fid(`${name}-error`)}>
        {errorOf(name)}
      </p>
    );
  const known = ['type', 'id', 'survey', 'withComment', 'every', 'comments', ...DROP_FIELDS.map((d) => d.name)];
  const general = error.value && !known.includes(error.value.path) ? error.value : null;
  const value = (name: string) => (rule ? (rule as unknown as Record<string, unknown>)[name] : undefined);
  const t = type.value;
  const live = surveys.filter((s) => s.status !== 'archived');

  return (
    <form
      ref={form}
      class="stack"
      noValidate
      aria-labelledby={fid('title')}
      onSubmit={async (ev) => {
        ev.preventDefault();
        busy.value = true;
        try {
          await onSubmit(bodyOf(ev.currentTarget, t));
          error.value = null;
        } catch (err) {
          error.value = err instanceof ApiError ? { path: err.path ?? '', message: err.message } : { path: '', message: String(err) };
        } finally {
          busy.value = false;
        }
      }}
    >
      <h3 id={fid('title')}>{rule ? `Change “${rule.id}”` : 'New rule'}</h3>
      {general && (
        <p class="error" id={fid('error')} tabIndex={-1} role="alert">
          {general.message}
        </p>
      )}
      <div class="row">
        <div class="field">
          <label for={fid('type')}>Type</label>
          <select id={fid('type')} name="type" disabled={!!rule} value={t} onChange={(e) => (type.value = e.currentTarget.value as AlertRule['type'])} aria-invalid={errorOf('type') ? true : undefined} aria-describedby={described('type')}>
            {(['detractor', 'drop', 'digest'] as const).map((k) => (
              <option key={k} value={k}>
                {TYPE_NAMES[k]}
              </option>
            ))}
          </select>
          {fieldError('type')}
        </div>
        <div class="field">
          <label for={fid('id')}>Name</label>
          <span class="hint" id={fid('id-hint')}>
            Letters, digits, - and _; unique on this site.
          </span>
          <input id={fid('id')} name="id" required autocomplete="off" spellcheck={false} readOnly={!!rule} defaultValue={rule?.id ?? ''} aria-invalid={errorOf('id') ? true : undefined} aria-describedby={described('id', true)} />
          {fieldError('id')}
        </div>
        <div class="field">
          <label for={fid('survey')}>Survey</label>
          <select id={fid('survey')} name="survey" aria-invalid={errorOf('survey') ? true : undefined} aria-describedby={described('survey')} key={t}>
            {t === 'detractor' ? <option value="">Every survey</option> : <option value="">Choose a survey</option>}
            {live.map((s) => (
              <option key={s.id} value={s.id} selected={value('survey') === s.id}>
                {s.id}
              </option>
            ))}
          </select>
          {fieldError('survey')}
        </div>
      </div>
      {t === 'detractor' && (
        <div class="field check">
          <label>
            <input type="checkbox" name="withComment" defaultChecked={value('withComment') === true} aria-describedby={described('withComment')} />
            Only answers with a comment
          </label>
          {fieldError('withComment')}
        </div>
      )}
      {t === 'drop' && (
        <div class="row">
          {DROP_FIELDS.map((d) => (
            <div class="field" key={d.name}>
              <label for={fid(d.name)}>{d.label}</label>
              <span class="hint" id={fid(`${d.name}-hint`)}>
                {d.hint}
              </span>
              <input
                id={fid(d.name)}
                name={d.name}
                type="number"
                inputMode="decimal"
                step={d.step ?? '1'}
                placeholder={String(d.placeholder)}
                defaultValue={value(d.name) === undefined ? '' : String(value(d.name))}
                aria-invalid={errorOf(d.name) ? true : undefined}
                aria-describedby={described(d.name, true)}
              />
              {fieldError(d.name)}
            </div>
          ))}
        </div>
      )}
      {t === 'digest' && (
        <div class="row">
          <div class="field">
            <label for={fid('every')}>Every</label>
            <select id={fid('every')} name="every" aria-invalid={errorOf('every') ? true : undefined} aria-describedby={described('every')}>
              <option value="day" selected={value('every') === 'day'}>
                Day
              </option>
              <option value="week" selected={value('every') !== 'day'}>
                Week
              </option>
            </select>
            {fieldError('every')}
          </div>
          <div class="field">
            <label for={fid('comments')}>Comments quoted</label>
            <span class="hint" id={fid('comments-hint')}>
              The newest detractor comments, 0 to 50.
            </span>
            <input id={fid('comments')} name="comments" type="number" step="1" placeholder="5" defaultValue={value('comments') === undefined ? '' : String(value('comments'))} aria-invalid={errorOf('comments') ? true : undefined} aria-describedby={described('comments', true)} />
            {fieldError('comments')}
          </div>
        </div>
      )}
      <div class="row">
        <button class="primary" type="submit" disabled={busy.value}>
          {rule ? 'Save rule' : 'Add rule'}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
