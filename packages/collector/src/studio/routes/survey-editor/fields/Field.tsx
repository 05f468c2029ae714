// One component per field type, each editing one path of the draft and
// showing parseSurvey's error for exactly that path beside it (linked with
// aria-describedby, marked aria-invalid, so a screen reader says it too).
import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import type { Editor } from '../state.js';
import { fieldId } from '../paths.js';

export const EditorContext = createContext<Editor | null>(null);

export function useEditor(): Editor {
  const editor = useContext(EditorContext);
  if (!editor) throw new Error('a field outside <EditorContext.Provider>');
  return editor;
}

interface Common {
  path: string;
  label: string;
  hint?: string | undefined;
}

/** The error of `path`, with the id the field points at. */
export function FieldError({ path }: { path: string }) {
  const message = useEditor().byPath.value.get(path);
  return message ? (
    <p class="field-error" id={`${fieldId(path)}-error`} data-path={path}>
      {message}
    </p>
  ) : null;
}

/** aria attributes of the control at `path`. */
export function useDescribed(path: string, hint?: string) {
  const bad = useEditor().byPath.value.has(path);
  const id = fieldId(path);
  const ids = [hint ? `${id}-hint` : '', bad ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { id, 'aria-invalid': bad ? ('true' as const) : undefined, 'aria-describedby': ids || undefined };
}

function Shell({ path, label, hint, children }: Common & { children: ComponentChildren }) {
  return (
    <div class="field" data-field={path}>
      <label for={fieldId(path)}>{label}</label>
      {hint && (
        <span class="hint" id={`${fieldId(path)}-hint`}>
          {hint}
        </span>
      )}
      {children}
      <FieldError path={path} />
    </div>
  );
}

/** Text; an empty box removes the key (unless `keepEmpty`, for required fields, so their error shows). */
export function TextField(props: Common & { multiline?: boolean; keepEmpty?: boolean; placeholder?: string; dir?: 'auto' }) {
  const editor = useEditor();
  const value = editor.get(props.path);
  const attrs = {
    ...useDescribed(props.path, props.hint),
    value: typeof value === 'string' ? value : value === undefined ? '' : String(value),
    placeholder: props.placeholder,
    dir: props.dir,
    onInput: (e: Event) => {
      const text = (e.currentTarget as HTMLInputElement).value;
      editor.set(props.path, text === '' && !props.keepEmpty ? undefined : text);
    },
  };
  return <Shell {...props}>{props.multiline ? <textarea rows={2} {...attrs} /> : <input type="text" {...attrs} />}</Shell>;
}

/** A number; an empty box removes the key, and text that is no number is kept as text, so parseSurvey names it. */
export function NumberField(props: Common & { min?: number; max?: number; step?: number; scale?: number }) {
  const editor = useEditor();
  const value = editor.get(props.path);
  const scale = props.scale ?? 1;
  return (
    <Shell {...props}>
      <input
        type="text"
        inputMode="decimal"
        {...useDescribed(props.path, props.hint)}
        value={typeof value === 'number' ? String(value / scale) : value === undefined ? '' : String(value)}
        onInput={(e) => {
          const text = e.currentTarget.value.trim();
          const n = Number(text);
          editor.set(props.path, text === '' ? undefined : Number.isFinite(n) ? Math.round(n * scale * 1000) / 1000 : text);
        }}
      />
    </Shell>
  );
}

/** One of a few words; the empty choice (labelled with the default) removes the key. */
export function SelectField(props: Common & { options: readonly string[]; emptyLabel?: string; required?: boolean }) {
  const editor = useEditor();
  const value = editor.get(props.path);
  return (
    <Shell {...props}>
      <select
        {...useDescribed(props.path, props.hint)}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => editor.set(props.path, e.currentTarget.value || undefined)}
      >
        {!props.required && <option value="">{props.emptyLabel ?? '(default)'}</option>}
        {props.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </Shell>
  );
}

/** true/false; unchecked removes the key when `falseIsDefault`, else writes false. */
export function CheckField(props: Common & { defaultValue: boolean }) {
  const editor = useEditor();
  const value = editor.get(props.path);
  const checked = typeof value === 'boolean' ? value : props.defaultValue;
  const described = useDescribed(props.path, props.hint);
  return (
    <div class="field check" data-field={props.path}>
      <label>
        <input
          type="checkbox"
          {...described}
          checked={checked}
          onChange={(e) => editor.set(props.path, e.currentTarget.checked === props.defaultValue ? undefined : e.currentTarget.checked)}
        />{' '}
        {props.label}
      </label>
      {props.hint && (
        <span class="hint" id={`${fieldId(props.path)}-hint`}>
          {props.hint}
        </span>
      )}
      <FieldError path={props.path} />
    </div>
  );
}

/** A list of words or tags typed comma-separated (`de, fr, pt-BR`). */
export function ListField(props: Common & { numbers?: boolean }) {
  const editor = useEditor();
  const value = editor.get(props.path);
  return (
    <Shell {...props}>
      <input
        type="text"
        {...useDescribed(props.path, props.hint)}
        value={Array.isArray(value) ? value.join(', ') : ''}
        onChange={(e) => {
          const items = e.currentTarget.value
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
          editor.set(props.path, items.length ? items : undefined);
        }}
      />
    </Shell>
  );
}
