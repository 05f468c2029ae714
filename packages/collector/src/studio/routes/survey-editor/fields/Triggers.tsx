// When the survey appears: any of its triggers shows it. Each trigger type
// has its own options (parseSurvey refuses another type's fields, so
// changing the type keeps only the fields every trigger has).
import type { Trigger } from '@sayso/core';
import { fieldId } from '../paths.js';
import { Filters } from './Filters.js';
import { FieldError, NumberField, TextField, useEditor } from './Field.js';
import { UrlRules } from './UrlRules.js';

const TYPES: Array<[Trigger['type'], string]> = [
  ['pageview', 'Page view'],
  ['event', 'Custom event (track)'],
  ['click', 'Click on an element'],
  ['time-on-page', 'Time on page'],
  ['scroll', 'Scroll depth'],
  ['exit-intent', 'Exit intent'],
  ['manual', 'Manual (sayso.show)'],
];

/** A trigger of `type` keeping `from`'s delay and URL rules. */
export function retype(from: Trigger, type: Trigger['type']): Trigger {
  const keep = { ...(from.delayMs !== undefined && { delayMs: from.delayMs }), ...(from.url && { url: from.url }) };
  switch (type) {
    case 'event':
      return { ...keep, type, name: '' };
    case 'click':
      return { ...keep, type, selector: '' };
    case 'time-on-page':
      return { ...keep, type, seconds: 10 };
    case 'scroll':
      return { ...keep, type, percent: 50 };
    default:
      return { ...keep, type };
  }
}

function TriggerFields({ path, trigger }: { path: string; trigger: Trigger }) {
  switch (trigger.type) {
    case 'event':
      return (
        <>
          <TextField path={`${path}.name`} label="Event name" keepEmpty hint="As your page calls it: sayso.track('checkout', { total: 120 })" />
          <Filters path={`${path}.where`} legend="Only when the event's properties" noun="property test" />
        </>
      );
    case 'click':
      return <TextField path={`${path}.selector`} label="CSS selector of the element" keepEmpty />;
    case 'time-on-page':
      return <NumberField path={`${path}.seconds`} label="Seconds on the page" />;
    case 'scroll':
      return <NumberField path={`${path}.percent`} label="Percent of the page scrolled" />;
    case 'exit-intent':
      return <NumberField path={`${path}.touchInactivityMs`} label="On touch screens: seconds without a touch" scale={1000} />;
    default:
      return null;
  }
}

export function Triggers() {
  const editor = useEditor();
  const list = (editor.get('triggers') as Trigger[] | undefined) ?? [];
  return (
    <section class="group" aria-labelledby="s-triggers">
      <h2 id="s-triggers">When it appears</h2>
      <FieldError path="triggers" />
      {!list.length && <p class="hint">No trigger: the survey shows only when your page calls sayso.show().</p>}
      {list.map((t, i) => {
        const path = `triggers[${i}]`;
        const id = fieldId(`${path}.type`);
        return (
          <fieldset class="group trigger" key={i}>
            <legend>Trigger {i + 1}</legend>
            <FieldError path={path} />
            <div class="field" data-field={`${path}.type`}>
              <label for={id}>Type</label>
              <select id={id} value={t.type} onChange={(e) => editor.set(path, retype(t, e.currentTarget.value as Trigger['type']))}>
                {TYPES.map(([v, label]) => (
                  <option key={v} value={v}>
                    {label}
                  </option>
                ))}
              </select>
              <FieldError path={`${path}.type`} />
            </div>
            <TriggerFields path={path} trigger={t} />
            <NumberField path={`${path}.delayMs`} label="Wait before showing (seconds)" scale={1000} hint="Cancelled if the visitor leaves the matching pages." />
            <UrlRules path={path} />
            <button type="button" class="remove" onClick={() => editor.remove('triggers', i)}>
              Remove trigger {i + 1}
            </button>
          </fieldset>
        );
      })}
      <button type="button" onClick={() => editor.set(`triggers[${list.length}]`, { type: 'pageview' })}>
        Add trigger
      </button>
    </section>
  );
}
