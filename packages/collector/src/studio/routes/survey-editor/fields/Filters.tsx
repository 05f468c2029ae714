// Property tests: an event's properties (`where`) and identify() attributes
// (targeting). One row per test; the value box reads as the operator needs:
// a number for gt/gte/lt/lte, a comma-separated list for `in`, nothing for
// exists/not-exists, and for eq/neq/contains a number or true/false when it
// looks like one, else text.
import type { PropertyFilter } from '@sayso/core';
import { fieldId } from '../paths.js';
import { FieldError, SelectField, TextField, useEditor } from './Field.js';

const OPS = ['eq', 'neq', 'contains', 'not-contains', 'gt', 'gte', 'lt', 'lte', 'exists', 'not-exists', 'in'] as const;

/** The value `text` stands for under `op`. */
export function filterValue(op: PropertyFilter['op'] | undefined, text: string): PropertyFilter['value'] {
  const t = text.trim();
  const num = (s: string) => (s !== '' && Number.isFinite(Number(s)) ? Number(s) : s);
  if (op === 'in')
    return t
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(num);
  if (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') return num(t);
  if (op === 'contains' || op === 'not-contains') return text;
  return t === 'true' ? true : t === 'false' ? false : num(t);
}

const shown = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v === undefined ? '' : String(v));

function ValueField({ path }: { path: string }) {
  const editor = useEditor();
  const op = editor.get(`${path}.op`) as PropertyFilter['op'] | undefined;
  if (op === 'exists' || op === 'not-exists') return null;
  const valuePath = `${path}.value`;
  const id = fieldId(valuePath);
  const bad = editor.byPath.value.has(valuePath);
  return (
    <div class="field" data-field={valuePath}>
      <label for={id}>{op === 'in' ? 'Values (comma-separated)' : 'Value'}</label>
      <input
        id={id}
        type="text"
        aria-invalid={bad ? 'true' : undefined}
        aria-describedby={bad ? `${id}-error` : undefined}
        value={shown(editor.get(valuePath))}
        onInput={(e) => {
          const text = e.currentTarget.value;
          editor.set(valuePath, text.trim() === '' ? undefined : filterValue(op, text));
        }}
      />
      <FieldError path={valuePath} />
    </div>
  );
}

/** The property tests at `path` (a list), with add and remove. */
export function Filters({ path, legend, noun }: { path: string; legend: string; noun: string }) {
  const editor = useEditor();
  const list = (editor.get(path) as PropertyFilter[] | undefined) ?? [];
  return (
    <fieldset class="group">
      <legend>{legend}</legend>
      <FieldError path={path} />
      {list.map((_, i) => (
        <div class="row" key={i} role="group" aria-label={`${noun} ${i + 1}`}>
          <TextField path={`${path}[${i}].property`} label="Property" keepEmpty />
          <SelectField path={`${path}[${i}].op`} label="Test" options={OPS} required />
          <ValueField path={`${path}[${i}]`} />
          <FieldError path={`${path}[${i}]`} />
          <button type="button" class="remove" onClick={() => editor.remove(path, i)}>
            Remove {noun} {i + 1}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => editor.set(`${path}[${list.length}]`, { property: '', op: 'eq', value: '' })}>
        Add {noun}
      </button>
    </fieldset>
  );
}
