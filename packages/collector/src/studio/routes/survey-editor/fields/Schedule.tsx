// When the survey runs and how many answers it takes: startsAt, endsAt and
// responseLimit of the record (not of the survey the SDK reads), each with
// its error beside it, like every field of the form.
import { fieldId } from '../paths.js';
import { fromLocalInput, toLocalInput } from '../schedule.js';
import { FieldError, useDescribed, useEditor } from './Field.js';

function When({ name, label, hint }: { name: 'startsAt' | 'endsAt'; label: string; hint: string }) {
  const editor = useEditor();
  return (
    <div class="field" data-field={name}>
      <label for={fieldId(name)}>{label}</label>
      <span class="hint" id={`${fieldId(name)}-hint`}>
        {hint}
      </span>
      <input
        type="datetime-local"
        {...useDescribed(name, hint)}
        value={toLocalInput(editor.schedule.value[name])}
        onInput={(e) => editor.setSchedule(name, fromLocalInput(e.currentTarget.value))}
      />
      <FieldError path={name} />
    </div>
  );
}

export function Schedule() {
  const editor = useEditor();
  const limit = editor.schedule.value.responseLimit;
  const hint = 'Empty: no limit. Answers after it are still stored';
  return (
    <section class="group" aria-labelledby="s-schedule">
      <h2 id="s-schedule">Schedule and limit</h2>
      <div class="row">
        <When name="startsAt" label="Starts" hint="Empty: as soon as it is published (your time zone)" />
        <When name="endsAt" label="Ends" hint="Empty: until it is ended" />
        <div class="field" data-field="responseLimit">
          <label for={fieldId('responseLimit')}>Response limit</label>
          <span class="hint" id={`${fieldId('responseLimit')}-hint`}>
            {hint}
          </span>
          <input
            type="text"
            inputMode="numeric"
            {...useDescribed('responseLimit', hint)}
            value={limit === null ? '' : String(limit)}
            onInput={(e) => {
              const text = e.currentTarget.value.trim();
              const n = Number(text);
              editor.setSchedule('responseLimit', text === '' ? null : /^\d+$/.test(text) && Number.isFinite(n) ? n : text);
            }}
          />
          <FieldError path="responseLimit" />
        </div>
      </div>
    </section>
  );
}
