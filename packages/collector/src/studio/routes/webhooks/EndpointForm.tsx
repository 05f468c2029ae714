// Create or change an endpoint: every field the API takes (URL, event
// types, description, filters, enabled). The API checks the body and names
// the first bad field by its path (`filters.scoreAtMost`, `eventTypes[0]`);
// the error goes beside that field, the field is marked invalid and takes
// focus.
import { useSignal } from '@preact/signals';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { ApiError } from '../../api/client.js';
import type { EndpointInput, WebhookEndpoint } from './api.js';

const BANDS = ['detractor', 'passive', 'promoter', 'unhappy', 'neutral', 'happy'] as const;

/** The field an API path belongs to: list items to their list (`eventTypes[1]` → `eventTypes`). */
export const fieldOf = (path: string) => path.replace(/\[\d+\]$/, '');

/** The form's values to the body the API takes: empty boxes are absent filters. */
export function bodyOf(form: HTMLFormElement): EndpointInput {
  const f = new FormData(form);
  const text = (name: string) => String(f.get(name) ?? '').trim();
  const filters: NonNullable<EndpointInput['filters']> = {};
  const surveys = text('surveys')
    .split(/[\s,]+/)
    .filter(Boolean);
  if (surveys.length) filters.surveys = surveys;
  const bands = f.getAll('bands') as Array<(typeof BANDS)[number]>;
  if (bands.length) filters.bands = bands;
  // A box the browser could not read as a number is sent as typed, so the API says why.
  const score = (name: string) => (text(name) === '' ? undefined : Number.isNaN(Number(text(name))) ? (text(name) as unknown as number) : Number(text(name)));
  const atLeast = score('scoreAtLeast');
  const atMost = score('scoreAtMost');
  if (atLeast !== undefined) filters.scoreAtLeast = atLeast;
  if (atMost !== undefined) filters.scoreAtMost = atMost;
  if (text('hasComment')) filters.hasComment = text('hasComment') === 'yes';
  if (text('attrKey') || text('attrValue')) filters.attribute = { key: text('attrKey'), value: String(f.get('attrValue') ?? '') };
  return {
    url: text('url'),
    eventTypes: f.getAll('eventTypes') as EndpointInput['eventTypes'],
    description: String(f.get('description') ?? ''),
    filters,
    enabled: f.get('enabled') === 'on',
  };
}

export interface EndpointFormProps {
  /** Prefix of the form's ids (two forms may share a page). */
  id: string;
  eventTypes: readonly string[];
  endpoint?: WebhookEndpoint;
  submit: string;
  onSubmit: (body: EndpointInput) => Promise<unknown>;
}

export function EndpointForm({ id, eventTypes, endpoint: e, submit, onSubmit }: EndpointFormProps) {
  const error = useSignal<{ field: string; message: string } | null>(null);
  const busy = useSignal(false);
  const form = useRef<HTMLFormElement>(null);
  const fid = (name: string) => `${id}-${name}`;
  // The bad field takes focus, so a keyboard or screen reader user lands on it.
  useLayoutEffect(() => {
    const field = error.value?.field;
    if (field === undefined) return;
    const target = form.current?.querySelector<HTMLElement>(`[data-field="${field}"]`) ?? form.current?.querySelector<HTMLElement>(`#${fid('error')}`);
    target?.focus();
  }, [error.value]);

  const errorFor = (field: string | string[]) => {
    const fields = Array.isArray(field) ? field : [field];
    const err = error.value;
    if (!err || !fields.includes(err.field)) return { invalid: undefined, message: null };
    return {
      invalid: true as const,
      message: (
        <p class="field-error" id={fid(`${err.field}-error`)}>
          {err.message}
        </p>
      ),
    };
  };
  const described = (field: string, hint?: string) => {
    const ids = [hint, error.value?.field === field ? fid(`${field}-error`) : undefined].filter(Boolean).join(' ');
    return ids || undefined;
  };
  const f = e?.filters ?? {};
  const url = errorFor('url');
  const types = errorFor('eventTypes');
  const description = errorFor('description');
  const surveys = errorFor('filters.surveys');
  const bands = errorFor('filters.bands');
  const atLeast = errorFor('filters.scoreAtLeast');
  const atMost = errorFor('filters.scoreAtMost');
  const attrKey = errorFor(['filters.attribute.key', 'filters.attribute']);
  const attrValue = errorFor('filters.attribute.value');
  // The body as a whole, or a field this form has no box for.
  const known = ['url', 'eventTypes', 'description', 'filters.surveys', 'filters.bands', 'filters.scoreAtLeast', 'filters.scoreAtMost', 'filters.hasComment', 'filters.attribute', 'filters.attribute.key', 'filters.attribute.value', 'enabled'];
  const general = error.value && !known.includes(error.value.field) ? error.value : null;

  return (
    <form
      ref={form}
      class="stack"
      noValidate
      onSubmit={async (ev) => {
        ev.preventDefault();
        busy.value = true;
        try {
          await onSubmit(bodyOf(ev.currentTarget));
          error.value = null;
        } catch (err) {
          error.value = err instanceof ApiError ? { field: fieldOf(err.path ?? ''), message: err.message } : { field: '', message: String(err) };
        } finally {
          busy.value = false;
        }
      }}
    >
      <div class="field">
        <label for={fid('url')}>URL</label>
        <span class="hint" id={fid('url-hint')}>
          Where each event is POSTed, https:// in production.
        </span>
        <input id={fid('url')} name="url" type="url" data-field="url" required autocomplete="off" spellcheck={false} defaultValue={e?.url ?? ''} aria-invalid={url.invalid} aria-describedby={described('url', fid('url-hint'))} />
        {url.message}
      </div>
      <fieldset class="group" data-field="eventTypes" tabIndex={types.invalid ? -1 : undefined} aria-describedby={described('eventTypes')}>
        <legend>Event types</legend>
        <div class="grid">
          {eventTypes.map((t) => (
            <div class="field check" key={t}>
              <label>
                <input type="checkbox" name="eventTypes" value={t} defaultChecked={e ? e.eventTypes.includes(t as never) : t === 'response.created'} />
                <span class="code">{t}</span>
              </label>
            </div>
          ))}
        </div>
        {types.message}
      </fieldset>
      <fieldset class="group">
        <legend>Filters</legend>
        <p class="hint">Every filter given must match; leave one empty to let everything through.</p>
        <div class="row">
          <div class="field">
            <label for={fid('surveys')}>Surveys</label>
            <span class="hint" id={fid('surveys-hint')}>
              Survey ids, separated by commas; empty: every survey
            </span>
            <input id={fid('surveys')} name="surveys" data-field="filters.surveys" autocomplete="off" defaultValue={f.surveys?.join(', ') ?? ''} aria-invalid={surveys.invalid} aria-describedby={described('filters.surveys', fid('surveys-hint'))} />
            {surveys.message}
          </div>
          <div class="field">
            <label for={fid('has-comment')}>Comment</label>
            <select id={fid('has-comment')} name="hasComment" data-field="filters.hasComment" defaultValue={f.hasComment === undefined ? '' : f.hasComment ? 'yes' : 'no'}>
              <option value="">with or without</option>
              <option value="yes">with a comment</option>
              <option value="no">without a comment</option>
            </select>
          </div>
        </div>
        <fieldset class="group" data-field="filters.bands" tabIndex={bands.invalid ? -1 : undefined} aria-describedby={described('filters.bands')}>
          <legend>Bands</legend>
          <div class="grid">
            {BANDS.map((b) => (
              <div class="field check" key={b}>
                <label>
                  <input type="checkbox" name="bands" value={b} defaultChecked={f.bands?.includes(b) ?? false} />
                  {b}
                </label>
              </div>
            ))}
          </div>
          {bands.message}
        </fieldset>
        <div class="row">
          <div class="field">
            <label for={fid('score-min')}>Score at least</label>
            <input id={fid('score-min')} name="scoreAtLeast" type="number" step={1} inputMode="numeric" data-field="filters.scoreAtLeast" defaultValue={f.scoreAtLeast?.toString() ?? ''} aria-invalid={atLeast.invalid} aria-describedby={described('filters.scoreAtLeast')} />
            {atLeast.message}
          </div>
          <div class="field">
            <label for={fid('score-max')}>Score at most</label>
            <input id={fid('score-max')} name="scoreAtMost" type="number" step={1} inputMode="numeric" data-field="filters.scoreAtMost" defaultValue={f.scoreAtMost?.toString() ?? ''} aria-invalid={atMost.invalid} aria-describedby={described('filters.scoreAtMost')} />
            {atMost.message}
          </div>
        </div>
        <div class="row">
          <div class="field">
            <label for={fid('attr-key')}>Attribute</label>
            <span class="hint" id={fid('attr-hint')}>
              Only answers whose attribute has this value (as text)
            </span>
            <input id={fid('attr-key')} name="attrKey" data-field="filters.attribute.key" autocomplete="off" placeholder="plan" defaultValue={f.attribute?.key ?? ''} aria-invalid={attrKey.invalid} aria-describedby={described(error.value?.field === 'filters.attribute' ? 'filters.attribute' : 'filters.attribute.key', fid('attr-hint'))} />
            {attrKey.message}
          </div>
          <div class="field">
            <label for={fid('attr-value')}>Attribute value</label>
            <input id={fid('attr-value')} name="attrValue" data-field="filters.attribute.value" autocomplete="off" placeholder="pro" defaultValue={f.attribute?.value ?? ''} aria-invalid={attrValue.invalid} aria-describedby={described('filters.attribute.value')} />
            {attrValue.message}
          </div>
        </div>
      </fieldset>
      <div class="field">
        <label for={fid('description')}>Description</label>
        <textarea id={fid('description')} name="description" rows={2} maxLength={500} data-field="description" defaultValue={e?.description ?? ''} aria-invalid={description.invalid} aria-describedby={described('description')} />
        {description.message}
      </div>
      <div class="field check">
        <label>
          <input type="checkbox" name="enabled" data-field="enabled" defaultChecked={e ? e.enabled : true} />
          Enabled{e?.disabled ? ' (enabling clears why it was disabled)' : ''}
        </label>
      </div>
      {general && (
        <p class="error" role="alert" id={fid('error')} tabIndex={-1}>
          {general.field ? `${general.field}: ` : ''}
          {general.message}
        </p>
      )}
      <button class="primary" type="submit" disabled={busy.value}>
        {submit}
      </button>
    </form>
  );
}
