// The `tab` mode's launcher: a labelled button in its own shadow root.
import { fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountLauncher } from './launcher.js';
import { clear } from './test-helpers.js';

afterEach(() => {
  clear();
});

describe('mountLauncher', () => {
  it('adds a feedback tab that opens on each press and goes away on close()', () => {
    const onOpen = vi.fn();
    const handle = mountLauncher({ label: '<b>Feedback</b>', styleNonce: 'n1', onOpen, position: 'left' });
    const root = document.querySelector('sayso-widget')!.shadowRoot!;
    const button = root.querySelector('button')!;
    expect(button.textContent).toBe('<b>Feedback</b>');
    expect(button.className).toBe('la left');
    expect(button.getAttribute('part')).toBe('launcher');
    expect(root.querySelector('style')!.nonce).toBe('n1');
    fireEvent.click(button);
    fireEvent.click(button);
    expect(onOpen).toHaveBeenCalledTimes(2);
    handle.close();
    expect(document.querySelector('sayso-widget')).toBeNull();
  });

  it('without a label of its own, says "Feedback" in the survey\'s language once its strings are in', async () => {
    mountLauncher({ locale: 'es-MX', onOpen: () => {} });
    const root = document.querySelector('sayso-widget')!.shadowRoot!;
    expect(root.querySelector('button')).toBeNull(); // no English flash before the Spanish strings
    await vi.waitFor(() => expect(root.querySelector('button')?.textContent).toBe('Opinión'));
    clear();
    mountLauncher({ locale: 'fr', onOpen: () => {} });
    const fr = document.querySelector('sayso-widget')!.shadowRoot!;
    await vi.waitFor(() => expect(fr.querySelector('button')?.textContent).toBe('Avis'));
  });

  it('in the top layer once its label is in, and never lifted when closed before that', async () => {
    const lifted: HTMLElement[] = [];
    // As the platform does: a popover must be connected to be shown.
    HTMLElement.prototype.showPopover = function (this: HTMLElement) {
      if (!this.isConnected) throw new DOMException('not connected', 'InvalidStateError');
      lifted.push(this);
    };
    try {
      const early = mountLauncher({ locale: 'de', onOpen: () => {} });
      early.close();
      const handle = mountLauncher({ locale: 'de', onOpen: () => {} });
      const root = document.querySelector('sayso-widget')!.shadowRoot!;
      await vi.waitFor(() => expect(root.querySelector('button')?.textContent).toBe('Feedback'));
      expect(lifted).toEqual([root.querySelector('button')]);
      expect(document.querySelector('sayso-widget')!.parentElement).toBe(document.body);
      handle.close();
    } finally {
      delete (HTMLElement.prototype as Partial<HTMLElement>).showPopover;
    }
  });
});
