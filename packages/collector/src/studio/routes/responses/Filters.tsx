// The inbox's filter form: one box per filter of the API. Applying it
// writes the filters into the URL (a new history entry: Back returns to the
// view before); the list reads them from there.
import type { Assignee } from './api.js';
import { BANDS, STATUS_LABEL } from './labels.js';

export interface FiltersProps {
  filters: URLSearchParams;
  surveys: readonly string[];
  segments: readonly string[];
  people: readonly Assignee[];
  onApply(filters: URLSearchParams): void;
}

/** A labelled box of the form. */
function Field({ id, label, children }: { id: string; label: string; children: preact.ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
    </div>
  );
}

export function Filters({ filters, surveys, segments, people, onApply }: FiltersProps) {
  const get = (name: string) => filters.get(name) ?? '';
  const attr = [...filters.keys()].find((k) => k.startsWith('attr.'));
  const segment = attr?.slice(5) ?? segments[0] ?? '';
  // A segment named by a shared link but no longer in the site's list is still offered.
  const segmentNames = attr && !segments.includes(segment) ? [...segments, segment] : segments;
  const option = (value: string, label = value) => (
    <option key={value} value={value}>
      {label}
    </option>
  );

  return (
    <form
      class="row filters"
      aria-label="Filters"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const out = new URLSearchParams();
        for (const [name, value] of form) {
          const text = String(value).trim();
          if (!text || name === 'segment' || name === 'segmentValue') continue;
          out.set(name, text);
        }
        const value = String(form.get('segmentValue') ?? '').trim();
        const name = String(form.get('segment') ?? '');
        if (value && name) out.set(`attr.${name}`, value);
        onApply(out);
      }}
    >
      <Field id="f-survey" label="Survey">
        <select id="f-survey" name="survey" value={get('survey')}>
          {option('', 'Any')}
          {(surveys.includes(get('survey')) || !get('survey') ? surveys : [...surveys, get('survey')]).map((s) => option(s))}
        </select>
      </Field>
      <Field id="f-band" label="Band">
        <select id="f-band" name="band" value={get('band')}>
          {option('', 'Any')}
          {BANDS.map(([v, l]) => option(v, l))}
        </select>
      </Field>
      <Field id="f-min" label="Score at least">
        <input id="f-min" name="scoreMin" type="number" min={0} max={1000} step={1} value={get('scoreMin')} />
      </Field>
      <Field id="f-max" label="Score at most">
        <input id="f-max" name="scoreMax" type="number" min={0} max={1000} step={1} value={get('scoreMax')} />
      </Field>
      {segmentNames.length > 0 && (
        <>
          <Field id="f-segment" label="Segment">
            <select id="f-segment" name="segment" value={segment}>
              {segmentNames.map((s) => option(s))}
            </select>
          </Field>
          <Field id="f-segment-value" label="Segment value">
            <input id="f-segment-value" name="segmentValue" value={attr ? get(attr) : ''} autocomplete="off" />
          </Field>
        </>
      )}
      <Field id="f-from" label="From">
        <input id="f-from" name="from" type="date" value={get('from')} />
      </Field>
      <Field id="f-to" label="To">
        <input id="f-to" name="to" type="date" value={get('to')} />
      </Field>
      <Field id="f-comment" label="Comment">
        <select id="f-comment" name="hasComment" value={get('hasComment')}>
          {option('', 'Any')}
          {option('true', 'With a comment')}
          {option('false', 'Without a comment')}
        </select>
      </Field>
      <Field id="f-status" label="Status">
        <select id="f-status" name="status" value={get('status')}>
          {option('', 'Any')}
          {option('open', 'Open (new or in progress)')}
          {Object.entries(STATUS_LABEL).map(([v, l]) => option(v, l))}
        </select>
      </Field>
      <Field id="f-assignee" label="Assignee">
        <select id="f-assignee" name="assignee" value={get('assignee')}>
          {option('', 'Anyone')}
          {people.map((p) => option(p.id, p.name || p.email))}
          {get('assignee') && !people.some((p) => p.id === get('assignee')) && option(get('assignee'))}
        </select>
      </Field>
      <Field id="f-tag" label="Tag">
        <input id="f-tag" name="tag" value={get('tag')} autocomplete="off" />
      </Field>
      <Field id="f-q" label="Words in the comment">
        <input id="f-q" name="q" type="search" value={get('q')} autocomplete="off" />
      </Field>
      <button class="primary" type="submit">
        Apply
      </button>
    </form>
  );
}
