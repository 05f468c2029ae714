// @vitest-environment jsdom
// The editor's form: every error parseSurvey reports lands beside the field
// of its path (and in the summary), and goes as soon as the field is fixed.
import { cleanup, fireEvent, render } from '@testing-library/preact';
import type { Survey } from '@sayso/core';
import { afterEach, describe, expect, it } from 'vitest';
import { EditorForm } from './Editor.js';
import { surveyErrors } from './errors.js';
import { fieldId } from './paths.js';
import { createEditor } from './state.js';

afterEach(cleanup);

const base: Survey = {
  id: 'csat-checkout',
  kind: 'csat',
  question: 'How satisfied are you?',
  followUp: [{ question: 'Why?' }],
  triggers: [{ type: 'event', name: 'checkout', where: [{ property: 'total', op: 'gt', value: 100 }], url: { include: [{ match: 'glob', value: '/checkout/*' }] } }],
};

function mount(draft: unknown) {
  const editor = createEditor(draft as Survey);
  const view = render(<EditorForm editor={editor} />);
  /** The error shown inside the field box of `path`, or null. */
  const errorAt = (path: string) => view.container.querySelector(`[data-field="${path}"] > .field-error`)?.textContent ?? null;
  const control = (path: string) => view.container.querySelector<HTMLInputElement>(`#${fieldId(path)}`)!;
  return { editor, view, errorAt, control };
}

describe('editor field errors', () => {
  // Each bad field, the path parseSurvey names for it, and what the field shows.
  const cases: Array<[string, (s: Survey) => void, RegExp]> = [
    ['question', (s) => (s.question = ''), /expected/],
    ['id', (s) => (s.id = 'has space'), /expected/],
    ['scale.max', (s) => (s.scale = { min: 1, max: 4 }), /.+/],
    ['followUp[0].question', (s) => (s.followUp![0]!.question = ''), /expected/],
    ['triggers[0].delayMs', (s) => (s.triggers![0]!.delayMs = -5), /expected/],
    ['triggers[0].name', (s) => ((s.triggers![0] as { name: string }).name = ''), /expected/],
    ['triggers[0].url.include[0].value', (s) => (s.triggers![0]!.url = { include: [{ match: 'regex', value: '(' }] }), /regular expression/],
    ['triggers[0].where[0].property', (s) => ((s.triggers![0] as { where: unknown[] }).where = [{ property: '', op: 'eq', value: 1 }]), /expected/],
    ['targeting.sample', (s) => (s.targeting = { sample: 150 }), /expected/],
    ['throttle.maxDisplays', (s) => (s.throttle = { maxDisplays: 0 }), /expected/],
    ['theme.accent', (s) => (s.theme = { accent: 'red;}*{display:none' }), /CSS/],
    ['presentation.target', (s) => (s.presentation = { mode: 'inline', target: '' }), /expected/],
    ['translations.de.question', (s) => (s.translations = { de: { question: '' } }), /expected/],
    ['thankYou.autoCloseMs', (s) => (s.thankYou = { autoCloseMs: -1 }), /expected/],
  ];

  it.each(cases)('%s: the error sits in that field, which is marked invalid and points at it', (path, spoil, message) => {
    const draft = structuredClone(base);
    spoil(draft);
    // The path is parseSurvey's own.
    expect(surveyErrors(draft).map((e) => e.path)).toContain(path);
    const { errorAt, control, view } = mount(draft);
    if (path.startsWith('translations.de.')) fireEvent.change(view.container.querySelector('#translation-lang')!, { target: { value: 'de' } });
    expect(errorAt(path)).toMatch(message);
    const input = control(path);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(`${fieldId(path)}-error`);
    // And in the summary, as a link to that field.
    const link = [...view.container.querySelectorAll<HTMLAnchorElement>('.error-summary a')].find((a) => a.textContent === path);
    expect(link?.getAttribute('href')).toBe(`#${fieldId(path)}`);
  });

  it('a valid survey shows no error and no summary', () => {
    const { view } = mount(base);
    expect(view.container.querySelectorAll('.field-error')).toHaveLength(0);
    expect(view.container.querySelector('.error-summary')).toBeNull();
  });

  it('reports several bad fields at once, each beside its own field', () => {
    const draft = structuredClone(base);
    draft.question = '';
    draft.targeting = { sample: 101 };
    draft.theme = { radius: '{' };
    const { errorAt } = mount(draft);
    expect([errorAt('question'), errorAt('targeting.sample'), errorAt('theme.radius')].every(Boolean)).toBe(true);
    // Only those three: a neighbour of a bad field is not marked.
    expect(errorAt('id')).toBeNull();
    expect(errorAt('targeting.device')).toBeNull();
  });

  it('errors follow typing: emptying the question shows one, typing again clears it, and the draft holds what was typed', () => {
    const { control, errorAt, editor } = mount(base);
    fireEvent.input(control('question'), { target: { value: '' } });
    expect(errorAt('question')).toMatch(/expected/);
    fireEvent.input(control('question'), { target: { value: 'Was checkout easy?' } });
    expect(errorAt('question')).toBeNull();
    expect(editor.draft.value.question).toBe('Was checkout easy?');
  });

  it('a delay is typed in seconds and stored in milliseconds; letters are kept so parseSurvey names them', () => {
    const { control, errorAt, editor } = mount(base);
    fireEvent.input(control('triggers[0].delayMs'), { target: { value: '2' } });
    expect(editor.draft.value.triggers![0]!.delayMs).toBe(2000);
    fireEvent.input(control('triggers[0].delayMs'), { target: { value: 'soon' } });
    expect(errorAt('triggers[0].delayMs')).toMatch(/expected/);
    fireEvent.input(control('triggers[0].delayMs'), { target: { value: '' } });
    expect('delayMs' in editor.draft.value.triggers![0]!).toBe(false);
  });

  it('the property test value reads as its operator needs: a number for gt', () => {
    const { control, editor } = mount(base);
    fireEvent.input(control('triggers[0].where[0].value'), { target: { value: '250' } });
    expect((editor.draft.value.triggers![0] as { where: unknown[] }).where[0]).toEqual({ property: 'total', op: 'gt', value: 250 });
  });

  it('changing a trigger type keeps the delay and pages, and drops the old type’s fields', () => {
    const draft = structuredClone(base);
    draft.triggers![0]!.delayMs = 2000;
    const { view, editor } = mount(draft);
    fireEvent.change(view.container.querySelector(`#${fieldId('triggers[0].type')}`)!, { target: { value: 'scroll' } });
    expect(editor.draft.value.triggers![0]).toEqual({ type: 'scroll', percent: 50, delayMs: 2000, url: { include: [{ match: 'glob', value: '/checkout/*' }] } });
    expect(editor.errors.value).toEqual([]);
  });

  it('survey text shows as text in the form, never as markup', () => {
    const { view } = mount({ ...base, question: '<img src=x onerror=alert(1)>' });
    expect(view.container.querySelector('img')).toBeNull();
  });
});
