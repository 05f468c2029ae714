// Follow-ups: chosen by the score's band, with progress, counter, length
// cap, Ctrl/Cmd+Enter, required answers and the polite step announcement.
import { fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { clear, flush, show, survey } from './test-helpers.js';

afterEach(() => {
  clear();
});

const banded = survey({
  followUp: [
    { id: 'fix', question: 'What should we fix, {name}?', bands: ['detractor'], maxLength: 20 },
    { id: 'love', question: 'What do you love?', bands: ['promoter'] },
    { id: 'any', question: 'Anything else?' },
  ],
});

describe('follow-ups', () => {
  it('asks the detractor question after a low score and the promoter one after a high score', async () => {
    const low = await show(banded, { variables: { name: 'Ada' } });
    fireEvent.click(low.$$('[role=radio]')[3]!);
    expect(low.$('.pg')!.textContent).toBe('Step 1 of 3');
    expect(low.$('.b')!.textContent).toBe('Next');
    fireEvent.click(low.$('.b')!);
    expect(low.$('label')!.textContent).toBe('What should we fix, Ada?');
    expect(low.root.activeElement).toBe(low.$('textarea'));
    expect(low.$('[aria-live=polite]')!.textContent).toBe('Step 2 of 3: What should we fix, Ada?');
    clear();
    const high = await show(banded);
    fireEvent.click(high.$$('[role=radio]')[10]!);
    fireEvent.click(high.$('.b')!);
    expect(high.$('label')!.textContent).toBe('What do you love?');
    // A passive (7-8) gets only the question without bands.
    clear();
    const mid = await show(banded);
    fireEvent.click(mid.$$('[role=radio]')[7]!);
    expect(mid.$('.pg')!.textContent).toBe('Step 1 of 2');
    fireEvent.click(mid.$('.b')!);
    expect(mid.$('label')!.textContent).toBe('Anything else?');
    expect(mid.$('.b')!.textContent).toBe('Submit');
  });

  it('uses CSAT/CES bands (unhappy/neutral/happy)', async () => {
    const s = survey({ kind: 'csat', followUp: [{ question: 'Sorry! What went wrong?', bands: ['unhappy'] }] });
    const sad = await show(s);
    fireEvent.click(sad.$$('[role=radio]')[1]!);
    expect(sad.$('.b')!.textContent).toBe('Next');
    const happy = await show(s);
    fireEvent.click(happy.$$('[role=radio]')[4]!);
    expect(happy.$('.b')!.textContent).toBe('Submit');
  });

  it('counts characters left, caps the length, and sends the answers with the score', async () => {
    const { $, $$, onSubmit } = await show(banded);
    fireEvent.click($$('[role=radio]')[2]!);
    fireEvent.click($('.b')!);
    const area = $<HTMLTextAreaElement>('textarea')!;
    expect(area.maxLength).toBe(20);
    expect($('#sy-c')!.textContent).toBe('20 characters left');
    expect(area.getAttribute('aria-describedby')).toBe('sy-c');
    fireEvent.input(area, { target: { value: 'The export is slow and breaks' } });
    expect($('#sy-c')!.textContent).toBe('0 characters left');
    fireEvent.click($('.b')!);
    fireEvent.input($('textarea')!, { target: { value: '  more  ' } });
    fireEvent.click($('.b')!);
    await flush();
    expect(onSubmit).toHaveBeenCalledWith({ score: 2, comment: 'The export is slow a', answers: { fix: 'The export is slow a', any: 'more' } });
  });

  it('submits the step on Ctrl+Enter and Cmd+Enter, not on plain Enter', async () => {
    const { $, $$, onSubmit } = await show(survey({ followUp: [{ question: 'Why?' }, { question: 'And?' }] }));
    fireEvent.click($$('[role=radio]')[5]!);
    fireEvent.click($('.b')!);
    fireEvent.keyDown($('textarea')!, { key: 'Enter' });
    expect($('label')!.textContent).toBe('Why?');
    fireEvent.keyDown($('textarea')!, { key: 'Enter', ctrlKey: true });
    expect($('label')!.textContent).toBe('And?');
    fireEvent.keyDown($('textarea')!, { key: 'Enter', metaKey: true });
    await flush();
    expect(onSubmit).toHaveBeenCalledWith({ score: 5 });
  });

  it('holds the button until a required answer has text', async () => {
    const { $, $$ } = await show(survey({ followUp: [{ question: 'Why?', required: true }] }));
    fireEvent.click($$('[role=radio]')[5]!);
    fireEvent.click($('.b')!);
    expect($('textarea')!.getAttribute('aria-required')).toBe('true');
    expect(($('.b') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input($('textarea')!, { target: { value: '   ' } });
    expect(($('.b') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input($('textarea')!, { target: { value: 'because' } });
    expect(($('.b') as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('follow-up ids named like Object.prototype members', () => {
  it("reads and sends the answers of follow-ups with the ids constructor, toString and __proto__", async () => {
    const ids = ['constructor', 'toString', '__proto__'];
    const { $, $$, onSubmit } = await show(survey({ followUp: ids.map((id) => ({ id, question: `Q ${id}?`, required: true })) }));
    fireEvent.click($$('[role=radio]')[6]!);
    for (const id of ids) {
      fireEvent.click($('.b')!);
      expect($('label')!.textContent).toBe(`Q ${id}?`);
      // An empty required answer holds the button: nothing inherited counts as text.
      expect($<HTMLTextAreaElement>('textarea')!.value).toBe('');
      expect(($('.b') as HTMLButtonElement).disabled).toBe(true);
      fireEvent.input($('textarea')!, { target: { value: `a ${id}` } });
    }
    fireEvent.click($('.b')!);
    await flush();
    const sent = onSubmit.mock.calls[0]![0];
    expect(sent.comment).toBe('a constructor');
    expect(Object.entries(sent.answers!)).toEqual(ids.map((id) => [id, `a ${id}`]));
    expect(Object.getPrototypeOf(sent.answers)).toBe(Object.prototype);
  });
});
