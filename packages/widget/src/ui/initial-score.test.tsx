// mountSurvey's initialScore: a score given elsewhere (a one-click email link)
// opens the card at the follow-up for that score's band, or submits it once
// and thanks when no follow-up applies. Values off the scale are ignored.
import { fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { clear, flush, show, survey } from './test-helpers.js';

afterEach(() => {
  clear();
});

// One follow-up per NPS band, so the band chosen is visible in the question.
const banded = () =>
  survey({
    followUp: [
      { id: 'low', question: 'What went wrong?', bands: ['detractor'] },
      { id: 'mid', question: 'What would make it a 10?', bands: ['passive'] },
      { id: 'high', question: 'What do you like most?', bands: ['promoter'] },
    ],
  });

describe('mountSurvey: initialScore', () => {
  it.each([
    [9, 'What do you like most?', 'high'],
    [7, 'What would make it a 10?', 'mid'],
    [0, 'What went wrong?', 'low'],
  ])('opens at the follow-up of the band of %i, focused and announced, and submits that score with the answer', async (score, question, id) => {
    const { $, $$, root, onSubmit } = await show(banded(), { initialScore: score });
    expect($$('[role=radio]')).toHaveLength(0);
    expect($('label.q')!.textContent).toBe(question);
    expect(root.activeElement).toBe($('textarea'));
    expect($('[aria-live]')!.textContent).toBe(`Step 2 of 2: ${question}`);
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.input($('textarea')!, { target: { value: 'Because' } });
    fireEvent.click($('button.b')!);
    await flush();
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit).toHaveBeenCalledWith({ score, comment: 'Because', answers: { [id]: 'Because' } });
    expect($('.q')!.textContent).toBe('Thank you for your feedback!');
  });

  it('submits the given score alone when the follow-up is left empty', async () => {
    const { $, onSubmit } = await show(banded(), { initialScore: 10 });
    fireEvent.click($('button.b')!);
    await flush();
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit).toHaveBeenCalledWith({ score: 10 });
  });

  it.each([[11], [-1], [8.5], [Number.NaN]])('ignores %s (not an integer on the scale) and asks for the score', async (bad) => {
    const { $$, $, onSubmit } = await show(banded(), { initialScore: bad });
    const radios = $$('[role=radio]');
    expect(radios).toHaveLength(11);
    expect(radios.every((r) => r.getAttribute('aria-checked') === 'false')).toBe(true);
    expect($('textarea')).toBeNull();
    expect(($('button.b') as HTMLButtonElement).disabled).toBe(true);
    await flush();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('ignores a score outside a CSAT scale of 1..5', async () => {
    const { $$ } = await show(survey({ kind: 'csat', question: 'Happy?', followUp: [{ question: 'Why?' }] }), { initialScore: 0 });
    expect($$('[role=radio]')).toHaveLength(5);
  });

  it('with no follow-up for the band, submits the given score once and thanks', async () => {
    const { $, root, onSubmit } = await show(survey({ followUp: [{ question: 'What went wrong?', bands: ['detractor'] }] }), { initialScore: 9 });
    await flush();
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit).toHaveBeenCalledWith({ score: 9 });
    expect($('.q')!.textContent).toBe('Thank you for your feedback!');
    expect(root.activeElement).toBe($('.q'));
    expect($('[aria-live]')!.textContent).toBe('Thank you for your feedback!');
    expect($('button.b')).toBeNull();
    await flush();
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('with no follow-up at all, shows the retry when that one submit fails, and sends again on retry', async () => {
    let calls = 0;
    const onSubmit = async () => {
      if (++calls === 1) throw new Error('offline');
      return { durability: 'memory' as const, online: true };
    };
    const { $ } = await show(survey(), { initialScore: 3, onSubmit });
    await flush();
    expect(calls).toBe(1);
    expect($('[role=alert]')).not.toBeNull();
    expect($('button.b')!.textContent).toBe('Try again');
    fireEvent.click($('button.b')!);
    await flush();
    expect(calls).toBe(2);
    expect($('.q')!.textContent).toBe('Thank you for your feedback!');
  });
});
