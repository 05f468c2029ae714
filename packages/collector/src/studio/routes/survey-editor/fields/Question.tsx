// What is asked: kind, question, scale (range, style, labels, direction),
// the follow-ups by band and the thank-you.
import type { FollowUp, Survey } from '@sayso/core';
import { CheckField, FieldError, ListField, NumberField, SelectField, TextField, useEditor } from './Field.js';

const BANDS = { nps: 'detractor, passive, promoter', csat: 'unhappy, neutral, happy', ces: 'unhappy, neutral, happy' } as const;

export function Question() {
  const editor = useEditor();
  const kind = (editor.get('kind') as Survey['kind'] | undefined) ?? 'nps';
  return (
    <section class="group" aria-labelledby="s-question">
      <h2 id="s-question">Question</h2>
      <FieldError path="" />
      <TextField path="id" label="Survey id" keepEmpty hint="Letters, digits, - _ . (answers are stored under it)" />
      <SelectField path="kind" label="Kind" options={['nps', 'csat', 'ces']} required />
      <TextField path="question" label="Question" multiline keepEmpty dir="auto" hint="{placeholders} are filled from variables and identify() attributes" />
      <fieldset class="group">
        <legend>Scale</legend>
        <FieldError path="scale" />
        <div class="row">
          <NumberField path="scale.min" label="Lowest" />
          <NumberField path="scale.max" label="Highest" />
          {kind !== 'nps' && <SelectField path="scale.style" label="Drawn as" options={['numbers', 'stars', 'emoji']} emptyLabel="numbers (default)" />}
          {kind === 'ces' && <SelectField path="scale.direction" label="Direction" options={['higher-is-easier', 'lower-is-easier']} emptyLabel="higher-is-easier (default)" />}
        </div>
        <div class="row">
          <TextField path="scale.labels.min" label="Label of the lowest" placeholder="the widget's words in the visitor's language" />
          <TextField path="scale.labels.max" label="Label of the highest" />
        </div>
      </fieldset>
      <FollowUps kind={kind} />
      <fieldset class="group">
        <legend>Thank you</legend>
        <TextField path="thankYou.message" label="Message" dir="auto" placeholder="Thank you for your feedback!" />
        <NumberField path="thankYou.autoCloseMs" label="Close after (seconds; 0 keeps it open)" scale={1000} />
      </fieldset>
    </section>
  );
}

function FollowUps({ kind }: { kind: Survey['kind'] }) {
  const editor = useEditor();
  const list = (editor.get('followUp') as FollowUp[] | undefined) ?? [];
  return (
    <fieldset class="group">
      <legend>Follow-up questions</legend>
      <FieldError path="followUp" />
      {list.map((_, i) => {
        const p = `followUp[${i}]`;
        return (
          <div class="stack nested" key={i} role="group" aria-label={`Follow-up ${i + 1}`}>
            <TextField path={`${p}.question`} label={`Follow-up ${i + 1}`} keepEmpty dir="auto" />
            <div class="row">
              <ListField path={`${p}.bands`} label="Only for bands" hint={`Comma-separated: ${BANDS[kind]}; empty asks everyone`} />
              <TextField path={`${p}.id`} label="Answer key" placeholder={`followUp${i}`} />
            </div>
            <div class="row">
              <TextField path={`${p}.placeholder`} label="Placeholder" />
              <NumberField path={`${p}.maxLength`} label="Longest answer (characters)" />
              <CheckField path={`${p}.required`} label="Required" defaultValue={false} />
            </div>
            <FieldError path={p} />
            <button type="button" class="remove" onClick={() => editor.remove('followUp', i)}>
              Remove follow-up {i + 1}
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => editor.set(`followUp[${list.length}]`, { question: '' })}>
        Add follow-up
      </button>
    </fieldset>
  );
}
