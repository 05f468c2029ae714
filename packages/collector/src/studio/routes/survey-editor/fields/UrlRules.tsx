// URL rules of a trigger (include and exclude lists) and a box to test a URL
// against them with the widget's own matcher, rule by rule.
import type { UrlRule, UrlRules as Rules } from '@sayso/core';
import { useSignal } from '@preact/signals';
import { compileRule, matchUrl } from '../../../widget-code.js';
import { fieldId } from '../paths.js';
import { FieldError, SelectField, TextField, useEditor } from './Field.js';

const MATCH = ['glob', 'exact', 'contains', 'regex'] as const;

export interface UrlVerdict {
  /** Whether the trigger may fire on this URL. */
  shown: boolean;
  /** Why, in words. */
  reason: string;
  /** Which rules hit, by list and index. */
  hits: { include: boolean[]; exclude: boolean[] };
}

/** How `rules` judge `url` (a full URL, or a path tried on https://example.com). Null when the URL cannot be read. */
export function testUrl(rules: Rules | undefined, url: string): UrlVerdict | null {
  let href: string;
  try {
    href = new URL(url.trim(), 'https://example.com').href;
  } catch {
    return null;
  }
  const one = (r: UrlRule) => {
    try {
      return matchUrl(href, { include: [compileRule(r)] });
    } catch {
      return false; // a rule still being typed (a broken regex): parseSurvey names it
    }
  };
  const include = (rules?.include ?? []).map(one);
  const exclude = (rules?.exclude ?? []).map(one);
  const ex = exclude.indexOf(true);
  if (ex >= 0) return { shown: false, reason: `excluded by exclude rule ${ex + 1}`, hits: { include, exclude } };
  if (!include.length) return { shown: true, reason: 'no include rules: every URL is in', hits: { include, exclude } };
  const inc = include.indexOf(true);
  return inc >= 0
    ? { shown: true, reason: `matched by include rule ${inc + 1}`, hits: { include, exclude } }
    : { shown: false, reason: 'no include rule matches', hits: { include, exclude } };
}

function RuleList({ path, kind }: { path: string; kind: 'include' | 'exclude' }) {
  const editor = useEditor();
  const listPath = `${path}.${kind}`;
  const list = (editor.get(listPath) as UrlRule[] | undefined) ?? [];
  const title = kind === 'include' ? 'Show on' : 'Never on';
  return (
    <fieldset class="group">
      <legend>{title}</legend>
      <FieldError path={listPath} />
      {list.map((_, i) => (
        <div class="row" key={i} role="group" aria-label={`${kind} rule ${i + 1}`}>
          <SelectField path={`${listPath}[${i}].match`} label="Match" options={MATCH} required />
          <TextField path={`${listPath}[${i}].value`} label="URL or pattern" keepEmpty hint={i === 0 ? 'A value starting with / is a path: /checkout/*' : undefined} />
          <FieldError path={`${listPath}[${i}]`} />
          <button type="button" class="remove" onClick={() => editor.remove(listPath, i)}>
            Remove {kind} rule {i + 1}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => editor.set(`${listPath}[${list.length}]`, { match: 'glob', value: '' })}>
        Add {kind} rule
      </button>
    </fieldset>
  );
}

/** The tester box, on its own (tested by itself). */
export function UrlTester({ rules, id }: { rules: Rules | undefined; id: string }) {
  const url = useSignal('');
  const verdict = url.value.trim() ? testUrl(rules, url.value) : undefined;
  return (
    <div class="field tester">
      <label for={id}>Test a URL against these rules</label>
      <input id={id} type="url" placeholder="https://shop.example/checkout/payment" value={url.value} onInput={(e) => (url.value = e.currentTarget.value)} />
      <output for={id} class={verdict ? (verdict.shown ? 'ok' : 'no') : ''} aria-live="polite">
        {verdict === null ? 'That is not a URL.' : verdict ? `${verdict.shown ? 'Shows' : 'Does not show'}: ${verdict.reason}.` : ''}
      </output>
    </div>
  );
}

/** The URL rules of the trigger at `path` (`triggers[0]`). */
export function UrlRules({ path }: { path: string }) {
  const editor = useEditor();
  const urlPath = `${path}.url`;
  return (
    <fieldset class="group">
      <legend>Pages</legend>
      <FieldError path={urlPath} />
      <RuleList path={urlPath} kind="include" />
      <RuleList path={urlPath} kind="exclude" />
      <UrlTester rules={editor.get(urlPath) as Rules | undefined} id={`${fieldId(urlPath)}-test`} />
    </fieldset>
  );
}
