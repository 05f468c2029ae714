// The survey card: close button, the current step (score, follow-up or
// thanks), the footer with progress and the main button, and a polite live
// region that announces step changes. No hooks: mount.ts re-renders the card
// on every change of the flow (see flow.ts), so the chunk ships without
// preact/hooks.
import { own } from '../plain.js';
import { later, type Flow } from './flow.js';
import { FollowUpField } from './FollowUpField.js';
import { Cross } from './icons.js';
import { ScoreScale } from './ScoreScale.js';
import { fill } from './strings.js';
import type { View } from './view.js';

/** How and where the card is drawn. */
export interface Layout {
  mode: 'popover' | 'modal' | 'bar' | 'inline' | 'tab';
  /** Extra classes: position and colour scheme. */
  classes: string;
  /** A preview link's draft: the card wears a badge saying so. */
  preview?: boolean | undefined;
}

interface Props {
  view: View;
  flow: Flow;
  layout: Layout;
  /** Closed before answering: reported as a dismissal. */
  onDismiss(): void;
  /** Closed after the thanks. */
  onClose(): void;
}

/** Buttons, textareas and the one tabbable radio, in order (for the modal's focus trap). */
const tabbables = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLElement>('button,textarea')].filter((el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled);

/** The survey card. */
export function Panel({ view, flow, layout, onDismiss, onClose }: Props) {
  const { t } = view;
  const { step, receipt, busy, failed } = flow.s;
  const f = flow.current();
  const total = flow.total();
  const modal = layout.mode === 'modal';

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      // Ours alone: the host's own Escape handlers should not also fire.
      e.stopPropagation();
      if (receipt) onClose();
      else onDismiss();
    } else if (e.key === 'Tab' && modal) {
      // The trap lives on our own keydown only: no document-wide focus
      // listeners, so a host page's own focus trap is never fought over.
      const card = e.currentTarget as HTMLElement;
      const all = tabbables(card);
      // Focus may also sit on something outside the tab order (the thanks text).
      const i = all.indexOf((card.getRootNode() as ShadowRoot).activeElement as HTMLElement);
      const to = e.shiftKey ? (i <= 0 ? all[all.length - 1] : null) : i < 0 || i === all.length - 1 ? all[0] : null;
      if (to) {
        e.preventDefault();
        to.focus();
      }
    }
  };

  let body;
  if (receipt) {
    body = (
      <>
        <p class="q" id="sy-q" tabIndex={-1} part="question thanks">
          <bdi>{view.thanks}</bdi>
        </p>
        {!receipt.online && <p part="offline">{t[later(receipt)]}</p>}
      </>
    );
  } else if (f) {
    body = <FollowUpField f={f} value={own(flow.s.texts, f.id) ?? ''} onText={(v) => flow.set({ texts: { ...flow.s.texts, [f.id]: v } })} t={t} onSubmit={flow.next} />;
  } else {
    body = (
      <>
        {/* <bdi>: a survey text in another script than the UI keeps its own direction. */}
        <p class="q" id="sy-q" part="question">
          <bdi>{view.question}</bdi>
        </p>
        <ScoreScale view={view} value={flow.s.score} pick={(score) => flow.set({ score })} labelledBy="sy-q" />
      </>
    );
  }

  return (
    <div
      class={`p ${layout.classes}`}
      part="panel"
      role={layout.mode === 'inline' ? 'region' : 'dialog'}
      aria-modal={modal || undefined}
      aria-labelledby="sy-q"
      dir={view.dir}
      lang={view.lang}
      onKeyDown={onKeyDown}
    >
      <button type="button" class="x" part="close" aria-label={t.close} onClick={receipt ? onClose : onDismiss}>
        <Cross />
      </button>
      {layout.preview && (
        <p class="pg" part="badge">
          {t.preview}
        </p>
      )}
      {body}
      {failed && (
        <p class="er" role="alert" part="error">
          {t.error}
        </p>
      )}
      {!receipt && (
        <div class="ft">
          {total > 1 && (
            <span class="pg" part="progress">
              {fill(t.step, { current: step + 1, total })}
            </span>
          )}
          <button type="button" class="b" part="submit" disabled={!flow.ready()} aria-busy={busy || undefined} onClick={flow.next}>
            {busy ? t.sending : failed ? t.retry : step < total - 1 ? t.next : t.submit}
          </button>
        </div>
      )}
      <p class="sr" aria-live="polite">
        {flow.live()}
      </p>
    </div>
  );
}
