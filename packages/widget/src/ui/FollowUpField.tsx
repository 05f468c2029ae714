// An open-text follow-up: a labelled textarea with a live character count,
// capped at the survey's maxLength; Ctrl/Cmd+Enter submits the step.
import { fill, type Strings } from './strings.js';
import type { FollowUpView } from './view.js';

/** The textarea for follow-up `f` showing `value`; `onText` gets each edit. */
export function FollowUpField({ f, value, onText, t, onSubmit }: { f: FollowUpView; value: string; onText(v: string): void; t: Strings; onSubmit(): void }) {
  return (
    <>
      <label class="q" id="sy-q" for="sy-t" part="question">
        <bdi>{f.question}</bdi>
      </label>
      <textarea
        class="t"
        id="sy-t"
        part="textarea"
        maxLength={f.maxLength}
        placeholder={f.placeholder}
        dir="auto"
        aria-describedby="sy-c"
        aria-required={f.required || undefined}
        value={value}
        onInput={(e) => onText((e.currentTarget as HTMLTextAreaElement).value.slice(0, f.maxLength))}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            onSubmit();
          }
        }}
      />
      <p class="c" id="sy-c" part="counter">
        {fill(t.charsLeft, { count: f.maxLength - value.length })}
      </p>
    </>
  );
}
