// The words: the widget's own strings overridden, the survey's texts in
// each of the 14 languages the widget speaks, variables for {placeholders}.
import { useSignal } from '@preact/signals';
import type { FollowUp } from '@sayso/core';
import { LANGUAGES, WIDGET_STRINGS } from '../../../widget-code.js';
import { FieldError, SelectField, TextField, useEditor } from './Field.js';

const KEYS = Object.keys(WIDGET_STRINGS) as Array<keyof typeof WIDGET_STRINGS>;

function Strings({ path }: { path: string }) {
  return (
    <details class="group">
      <summary>The widget's own words ({KEYS.length})</summary>
      <FieldError path={path} />
      <div class="grid">
        {KEYS.map((k) => (
          <TextField key={k} path={`${path}.${k}`} label={k} placeholder={WIDGET_STRINGS[k]} dir="auto" />
        ))}
      </div>
    </details>
  );
}

function Translation({ lang }: { lang: string }) {
  const editor = useEditor();
  const p = `translations.${lang}`;
  const followUps = (editor.get('followUp') as FollowUp[] | undefined) ?? [];
  return (
    <div class="stack" lang={lang} role="group" aria-label={`Texts in ${lang}`}>
      <FieldError path={p} />
      <TextField path={`${p}.question`} label={`Question (${lang})`} multiline dir="auto" placeholder={String(editor.get('question') ?? '')} />
      {followUps.map((f, i) => (
        <TextField key={i} path={`${p}.followUp[${i}]`} label={`Follow-up ${i + 1} (${lang})`} dir="auto" placeholder={f.question} />
      ))}
      <div class="row">
        <TextField path={`${p}.labels.min`} label={`Label of the lowest (${lang})`} dir="auto" />
        <TextField path={`${p}.labels.max`} label={`Label of the highest (${lang})`} dir="auto" />
      </div>
      <TextField path={`${p}.thankYou`} label={`Thank you (${lang})`} dir="auto" />
      <Strings path={`${p}.strings`} />
    </div>
  );
}

function Variables() {
  const editor = useEditor();
  const name = useSignal('');
  const vars = (editor.get('variables') as Record<string, string> | undefined) ?? {};
  return (
    <fieldset class="group">
      <legend>Variables for {'{placeholders}'}</legend>
      <FieldError path="variables" />
      {Object.keys(vars).map((k) => (
        <div class="row" key={k}>
          <TextField path={`variables.${k}`} label={`{${k}}`} keepEmpty />
          <button type="button" class="remove" onClick={() => editor.set(`variables.${k}`, undefined)}>
            Remove {k}
          </button>
        </div>
      ))}
      <div class="row">
        <div class="field">
          <label for="new-variable">New variable name</label>
          <input id="new-variable" type="text" value={name.value} onInput={(e) => (name.value = e.currentTarget.value)} />
        </div>
        <button
          type="button"
          disabled={!name.value.trim()}
          onClick={() => {
            editor.set(`variables.${name.value.trim()}`, '');
            name.value = '';
          }}
        >
          Add variable
        </button>
      </div>
    </fieldset>
  );
}

export function Texts() {
  const lang = useSignal<string>('de');
  return (
    <section class="group" aria-labelledby="s-texts">
      <h2 id="s-texts">Words and languages</h2>
      <SelectField path="locale" label="Always show in" options={LANGUAGES} emptyLabel="the visitor's language (default)" />
      <Strings path="strings" />
      <fieldset class="group">
        <legend>Translations</legend>
        <div class="field">
          <label for="translation-lang">Translate into</label>
          <select id="translation-lang" value={lang.value} onChange={(e) => (lang.value = e.currentTarget.value)}>
            {LANGUAGES.filter((l) => l !== 'en').map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <Translation lang={lang.value} key={lang.value} />
      </fieldset>
      <Variables />
    </section>
  );
}
