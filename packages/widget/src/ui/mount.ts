// mountSurvey: the UI chunk's main door. Resolves the language, builds the
// host element for the presentation mode, renders the card and wires the
// SDK's callbacks.
import { h, render } from 'preact';
import { SaysoError } from '@sayso/core';
import { createFlow } from './flow.js';
import { createHost, overlayParent, raise } from './host.js';
import { stringsFor } from './locale.js';
import { Panel, type Layout } from './Panel.js';
import { surveyCss } from './styles.js';
import type { MountOptions, SurveyHandle } from './types.js';
import { buildView } from './view.js';

/**
 * Shows `options.survey` and resolves once it is on screen. Rejects with
 * `E_SURVEY_INVALID` (path `presentation.target`) when an inline survey's
 * target is not on the page.
 * @example
 * const handle = await mountSurvey({ survey, locale: 'de', onSubmit: save, onDismiss });
 */
export async function mountSurvey(options: MountOptions): Promise<SurveyHandle> {
  const { survey } = options;
  const p = survey.presentation ?? {};
  const mode = p.mode ?? 'popover';
  let parent: Element | null = overlayParent();
  if (mode === 'inline') {
    try {
      parent = document.querySelector(p.target ?? '');
    } catch {
      parent = null;
    }
    if (!parent) throw new SaysoError('E_SURVEY_INVALID', `no element matches "${p.target ?? ''}"`, { path: 'presentation.target' });
  }
  const tag = survey.locale ?? options.locale;
  const view = buildView(survey, await stringsFor(tag, options), tag, options.variables ?? {});

  const pos = p.position ?? 'bottom-right';
  const scheme = survey.theme?.scheme ?? 'auto';
  const layout: Layout = {
    mode,
    classes: `${mode === 'bar' ? `bar ${pos[0] == 't' ? 'top' : 'bottom'}` : mode === 'modal' ? 'mo' : mode === 'inline' ? 'in' : pos} ${scheme === 'dark' ? 'dk' : scheme === 'auto' ? 'au' : ''}`,
    preview: options.preview,
  };

  const host = createHost(parent, surveyCss(mode === 'inline', survey.theme), options.styleNonce);
  const modal = mode === 'modal';
  // Where focus was, to give it back on close.
  const before = document.activeElement as HTMLElement | null;
  let open = true;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const close = () => {
    if (!open) return;
    open = false;
    clearTimeout(timer);
    const hadFocus = !!host.root.activeElement;
    render(null, host.mount);
    host.remove();
    if ((modal || hadFocus) && before?.isConnected) before.focus();
    options.onClose?.();
  };
  const dismiss = () => {
    if (!open) return;
    options.onDismiss();
    close();
  };

  let shown = '';
  // Renders the card; runs again on every change of the flow.
  const draw = () => {
    if (!open) return;
    const panel = h(Panel, { view, flow, layout, onDismiss: dismiss, onClose: close });
    render(modal ? h('div', { class: 'bd', part: 'backdrop', onClick: (e: MouseEvent) => e.target === e.currentTarget && dismiss() }, panel) : panel, host.mount);
    const { step, receipt } = flow.s;
    const now = `${step}${!!receipt}`;
    // A new step only ever follows a press inside the card (or a score given
    // elsewhere, see initialScore), so focus follows it there. Not on the
    // first draw: a passive popover must not steal focus (a modal takes it
    // below).
    if (shown && now !== shown) {
      host.mount.querySelector<HTMLElement>('.t,.o[tabindex="0"],.q[tabindex]')?.focus();
      // Auto-close after the thanks (0 keeps it open until closed).
      if (receipt && view.autoCloseMs) timer = setTimeout(close, view.autoCloseMs);
    }
    shown = now;
  };
  const flow = createFlow(view, (a) => options.onSubmit(a), draw);
  draw();
  // Re-renders keep this element (and so its popover state).
  if (mode !== 'inline') raise(host.mount.firstElementChild as HTMLElement);
  // A score given elsewhere: advance from the drawn score step as a press
  // would, so the follow-up (or the thanks) gets focus and is announced like
  // any step change. With no follow-up for its band, next() submits it.
  const first = options.initialScore;
  if (Number.isInteger(first) && first! >= view.min && first! <= view.max) {
    flow.s.score = first;
    flow.next();
  }
  if (modal) host.mount.querySelector<HTMLElement>('.o[tabindex="0"]')?.focus();
  options.onShow?.();
  return { close };
}
