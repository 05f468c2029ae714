// mountSurvey end to end in jsdom: isolation, modes, dismissal, submission,
// thanks, errors and safety. Keyboard details live in ScoreScale.test.tsx.
import { fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isSaysoError } from '@sayso/core';
import { clear, flush, show, survey } from './test-helpers.js';

afterEach(() => {
  vi.useRealTimers();
  clear();
});

describe('mountSurvey: isolation', () => {
  it('renders NPS 0..10 in one open shadow root with exactly one <style>, and no global styles', async () => {
    const { root, $$ } = await show(survey(), { variables: { product: 'Acme' } });
    expect(document.querySelectorAll('sayso-widget')).toHaveLength(1);
    expect(root.mode).toBe('open');
    expect(root.querySelectorAll('style')).toHaveLength(1);
    expect(document.querySelectorAll('style, link')).toHaveLength(0);
    const radios = $$('[role=radio]');
    expect(radios.map((r) => r.textContent)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(radios[0]!.getAttribute('aria-label')).toBe('0, Not at all likely');
    expect(radios[10]!.getAttribute('aria-label')).toBe('10, Extremely likely');
    expect(radios[5]!.getAttribute('aria-label')).toBe('5');
    expect(root.textContent).toContain('How likely are you to recommend Acme?');
  });

  it('puts styleNonce on its one <style>', async () => {
    const { root } = await show(survey(), { styleNonce: 'abc123' });
    expect(root.querySelector('style')!.nonce).toBe('abc123');
  });

  it('writes theme values as custom properties and refuses ones that could open a rule', async () => {
    const { root } = await show(survey({ theme: { accent: '#ff5500', radius: '4px', font: "'Inter', sans-serif" } }));
    const css = root.querySelector('style')!.textContent!;
    expect(css).toContain('--sayso-accent:#ff5500;');
    expect(css).toContain('--sayso-radius:4px;');
    expect(css).toContain("--sayso-font:'Inter', sans-serif;");
    clear();
    const evil = await show(survey({ theme: { accent: 'red;}*{display:none' } }));
    expect(evil.root.querySelector('style')!.textContent).not.toContain('red;}');
    expect(evil.root.querySelector('style')!.textContent).not.toContain('--sayso-accent:');
  });

  it('shows survey text and variables as text, never HTML', async () => {
    const xss = '<img src=x onerror="window.pwned=1">';
    const { root } = await show(survey({ question: `${xss} {name}`, followUp: [{ question: xss }] }), { variables: { name: '<b>bold</b>' } });
    expect(root.querySelector('img, b')).toBeNull();
    expect(root.querySelector('.q')!.textContent).toBe(`${xss} <b>bold</b>`);
  });

  it('lays out right to left in Arabic but keeps an untranslated question in its own direction', async () => {
    const { $, root } = await show(survey({ followUp: [{ question: 'Why?' }] }), { locale: 'ar' });
    expect($('.p')!.getAttribute('dir')).toBe('rtl');
    expect($('.p')!.getAttribute('lang')).toBe('ar');
    expect($('.q > bdi')!.textContent).toBe('How likely are you to recommend {product}?');
    expect(root.querySelector('[role=radio]')!.getAttribute('aria-label')).toBe('0, غير مرجّح على الإطلاق');
  });

  it('marks a dark, light or auto scheme', async () => {
    for (const [scheme, cls] of [['dark', 'dk'], ['auto', 'au']] as const) {
      const { $ } = await show(survey({ theme: { scheme } }));
      expect($('.p')!.classList.contains(cls)).toBe(true);
    }
    const { $ } = await show(survey({ theme: { scheme: 'light' } }));
    expect($('.p')!.className).not.toMatch(/\b(dk|au)\b/);
  });
});

describe('mountSurvey: modes', () => {
  it('puts a popover in each corner, without taking focus', async () => {
    for (const position of ['bottom-right', 'bottom-left', 'top-right', 'top-left'] as const) {
      const button = document.body.appendChild(document.createElement('button'));
      button.focus();
      const { $ } = await show(survey({ presentation: { mode: 'popover', position } }));
      expect($('.p')!.classList.contains(position)).toBe(true);
      expect($('.p')!.getAttribute('role')).toBe('dialog');
      expect($('.p')!.hasAttribute('aria-modal')).toBe(false);
      expect(document.activeElement).toBe(button);
    }
  });

  it('draws a bar at the bottom or the top', async () => {
    expect((await show(survey({ presentation: { mode: 'bar' } }))).$('.p')!.className).toMatch(/\bbar bottom\b/);
    expect((await show(survey({ presentation: { mode: 'bar', position: 'top' } }))).$('.p')!.className).toMatch(/\bbar top\b/);
  });

  it('renders inline inside its target, as a region', async () => {
    const target = document.body.appendChild(document.createElement('div'));
    target.id = 'feedback';
    const { $ } = await show(survey({ presentation: { mode: 'inline', target: '#feedback' } }));
    expect(target.querySelector('sayso-widget')).not.toBeNull();
    expect($('.p')!.getAttribute('role')).toBe('region');
  });

  it('rejects with E_SURVEY_INVALID when the inline target is missing or not a selector', async () => {
    for (const target of ['#nope', '[[bad']) {
      const err = await show(survey({ presentation: { mode: 'inline', target } })).catch((e: unknown) => e);
      expect(isSaysoError(err) && err.code === 'E_SURVEY_INVALID' && err.path === 'presentation.target').toBe(true);
    }
    expect(document.querySelector('sayso-widget')).toBeNull();
  });

  it('opens a modal with focus inside, traps Tab, and gives focus back on close', async () => {
    const opener = document.body.appendChild(document.createElement('button'));
    opener.focus();
    const { root, $, $$, handle } = await show(survey({ presentation: { mode: 'modal' } }));
    expect($('.bd')).not.toBeNull();
    expect($('.p')!.getAttribute('aria-modal')).toBe('true');
    const first = $('.x')!;
    expect(root.activeElement).toBe($$('[role=radio]')[0]);
    // Shift+Tab from the first stop wraps to the last one, Tab from the last to the first.
    first.focus();
    fireEvent.keyDown(first, { key: 'Tab', shiftKey: true });
    const radio = $$('[role=radio]')[0]!;
    expect(root.activeElement).toBe(radio);
    fireEvent.click($$('[role=radio]')[3]!);
    const submit = $('.b')!;
    submit.focus();
    fireEvent.keyDown(submit, { key: 'Tab' });
    expect(root.activeElement).toBe(first);
    handle.close();
    expect(document.activeElement).toBe(opener);
  });

  it('keeps Tab inside a modal on its thank-you step too', async () => {
    const { $, $$, root } = await show(survey({ presentation: { mode: 'modal' }, thankYou: { autoCloseMs: 0 } }));
    fireEvent.click($$('[role=radio]')[6]!);
    fireEvent.click($('.b')!);
    await flush();
    expect(root.activeElement).toBe($('.q'));
    fireEvent.keyDown($('.q')!, { key: 'Tab' });
    expect(root.activeElement).toBe($('.x'));
    fireEvent.keyDown($('.x')!, { key: 'Tab' });
    expect(root.activeElement).toBe($('.x'));
  });

  it('dismisses a modal on a click on the backdrop, not on the card', async () => {
    const { $, onDismiss } = await show(survey({ presentation: { mode: 'modal' } }));
    fireEvent.click($('.p')!);
    expect(onDismiss).not.toHaveBeenCalled();
    fireEvent.click($('.bd')!);
    expect(onDismiss).toHaveBeenCalledTimes(1);
    expect(document.querySelector('sayso-widget')).toBeNull();
  });
});

describe('mountSurvey: dismissal and submission', () => {
  it('reports the close button and Escape as dismissals, distinct from answers', async () => {
    const a = await show(survey());
    fireEvent.click(a.$('.x')!);
    expect(a.onDismiss).toHaveBeenCalledTimes(1);
    expect(a.onClose).toHaveBeenCalledTimes(1);
    expect(a.onSubmit).not.toHaveBeenCalled();
    const b = await show(survey());
    fireEvent.keyDown(b.$$('[role=radio]')[0]!, { key: 'Escape' });
    expect(b.onDismiss).toHaveBeenCalledTimes(1);
    expect(document.querySelector('sayso-widget')).toBeNull();
  });

  it('gives focus back when a passive popover is dismissed from the keyboard', async () => {
    const before = document.body.appendChild(document.createElement('input'));
    before.focus();
    const { $$, root } = await show(survey());
    $$('[role=radio]')[0]!.focus();
    expect(root.activeElement).toBe($$('[role=radio]')[0]);
    fireEvent.keyDown($$('[role=radio]')[0]!, { key: 'Escape' });
    expect(document.activeElement).toBe(before);
  });

  it('close() removes it without a dismissal', async () => {
    const { handle, onDismiss, onClose } = await show(survey());
    handle.close();
    handle.close();
    expect(onDismiss).not.toHaveBeenCalled();
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(document.querySelector('sayso-widget')).toBeNull();
  });

  it('cannot submit without a score, and submits exactly once however often it is pressed', async () => {
    let resolve!: (r: { durability: 'memory'; online: boolean }) => void;
    const onSubmit = vi.fn(() => new Promise<{ durability: 'memory'; online: boolean }>((r) => (resolve = r)));
    const { $, $$ } = await show(survey(), { onSubmit });
    expect(($('.b') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click($$('[role=radio]')[9]!);
    const submit = $('.b')!;
    fireEvent.click(submit);
    fireEvent.click(submit);
    fireEvent.keyDown(submit, { key: 'Enter' });
    fireEvent.click(submit);
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit).toHaveBeenCalledWith({ score: 9 });
    expect(submit.textContent).toBe('Sending…');
    resolve({ durability: 'memory', online: true });
    await flush();
    fireEvent.click(submit);
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('thanks only after onSubmit resolves, then closes itself after autoCloseMs', async () => {
    vi.useFakeTimers();
    const { $, $$, root, onClose, onDismiss } = await show(survey({ thankYou: { message: 'Cheers, {product}!', autoCloseMs: 1500 }, variables: { product: 'Acme' } }));
    fireEvent.click($$('[role=radio]')[10]!);
    fireEvent.click($('.b')!);
    await vi.advanceTimersByTimeAsync(0);
    expect($('.q')!.textContent).toBe('Cheers, Acme!');
    expect(root.activeElement).toBe($('.q'));
    expect($('[aria-live=polite]')!.textContent).toBe('Cheers, Acme!');
    expect(root.textContent).not.toContain('Saved');
    await vi.advanceTimersByTimeAsync(1499);
    expect(onClose).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(onDismiss).not.toHaveBeenCalled();
  });

  it('says honestly that an offline answer is saved, not sent', async () => {
    const { $, $$, root } = await show(survey(), { onSubmit: async () => ({ durability: 'indexeddb', online: false }) });
    fireEvent.click($$('[role=radio]')[3]!);
    fireEvent.click($('.b')!);
    await flush();
    expect(root.textContent).toContain('Saved — it will be sent when you are back online.');
    expect(root.textContent).not.toMatch(/\bsent\b(?! when)/);
  });

  it('shows an error with retry when onSubmit rejects, and retries with the same answer', async () => {
    const onSubmit = vi.fn().mockRejectedValueOnce(new Error('quota')).mockResolvedValueOnce({ durability: 'memory', online: true });
    const { $, $$, root } = await show(survey(), { onSubmit });
    fireEvent.click($$('[role=radio]')[2]!);
    fireEvent.click($('.b')!);
    await flush();
    expect($('[role=alert]')!.textContent).toBe('Sorry, your answer could not be saved.');
    expect($('.b')!.textContent).toBe('Try again');
    fireEvent.click($('.b')!);
    await flush();
    expect(onSubmit).toHaveBeenCalledTimes(2);
    expect(onSubmit.mock.calls[1]).toEqual([{ score: 2 }]);
    expect($('[role=alert]')).toBeNull();
    expect(root.textContent).toContain('Thank you for your feedback!');
  });

  it('closes from the thanks without a dismissal (close button and Escape)', async () => {
    for (const how of ['click', 'escape']) {
      const { $, $$, onDismiss, onClose } = await show(survey({ thankYou: { autoCloseMs: 0 } }));
      fireEvent.click($$('[role=radio]')[1]!);
      fireEvent.click($('.b')!);
      await flush();
      if (how === 'click') fireEvent.click($('.x')!);
      else fireEvent.keyDown($('.q')!, { key: 'Escape' });
      expect(onDismiss).not.toHaveBeenCalled();
      expect(onClose).toHaveBeenCalledTimes(1);
    }
  });

  it('calls onShow once it is visible', async () => {
    const onShow = vi.fn();
    await show(survey(), { onShow });
    expect(onShow).toHaveBeenCalledTimes(1);
  });
});

describe('mountSurvey: where overlays go', () => {
  const modes = ['popover', 'modal', 'bar', 'tab'] as const;

  it('without a top layer (jsdom has none): the host goes on <html>, beside a body that may be transformed', async () => {
    expect('showPopover' in document.body).toBe(false);
    for (const mode of modes) {
      await show(survey({ presentation: { mode } }));
      const host = document.querySelector('sayso-widget')!;
      expect(host.parentElement, mode).toBe(document.documentElement);
      clear();
    }
  });

  it('with a top layer: in the body, its outermost element (the backdrop for a modal) shown as a manual popover; inline never', async () => {
    const lifted: HTMLElement[] = [];
    HTMLElement.prototype.showPopover = function (this: HTMLElement) {
      lifted.push(this);
    };
    try {
      for (const mode of modes) {
        const { root } = await show(survey({ presentation: { mode } }));
        expect(document.querySelector('sayso-widget')!.parentElement, mode).toBe(document.body);
        const outer = root.querySelector('.w')!.firstElementChild as HTMLElement;
        expect(outer.className, mode).toContain(mode === 'modal' ? 'bd' : 'p');
        expect([lifted, outer.popover], mode).toEqual([[outer], 'manual']);
        lifted.length = 0;
        clear();
      }
      const target = document.body.appendChild(document.createElement('div'));
      target.id = 'slot';
      await show(survey({ presentation: { mode: 'inline', target: '#slot' } }));
      expect(document.querySelector('sayso-widget')!.parentElement).toBe(target);
      expect(lifted).toEqual([]);
    } finally {
      delete (HTMLElement.prototype as Partial<HTMLElement>).showPopover;
    }
  });
});

describe('mountSurvey: a preview link’s draft', () => {
  it('wears the "Preview" badge in the card’s language, and only when it is a preview', async () => {
    const { $$ } = await show(survey(), { preview: true });
    expect($$('[part=badge]').map((b) => b.textContent)).toEqual(['Preview']);
    clear();
    const german = await show(survey(), { preview: true, locale: 'de' });
    expect(german.$$('[part=badge]').map((b) => b.textContent)).toEqual(['Vorschau']);
    clear();
    for (const preview of [false, undefined]) {
      const plain = await show(survey(), preview === undefined ? {} : { preview });
      expect(plain.$$('[part=badge]')).toEqual([]);
      clear();
    }
  });
});
