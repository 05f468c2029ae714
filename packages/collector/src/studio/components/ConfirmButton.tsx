// A button for an action that cannot be undone (delete, rotate, replay
// many): the first press asks, in place, with the question and two buttons;
// focus moves to "confirm" and back to the button on cancel or Escape. No
// modal: nothing else on the page is blocked, and it works without
// <dialog> support (jsdom, older browsers).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export interface ConfirmButtonProps {
  /** The button's text (also its name). */
  children: ComponentChildren;
  /** What is asked, a whole sentence. */
  question: string;
  /** The text of the button that does it. */
  confirm: string;
  onConfirm: () => unknown;
  disabled?: boolean;
}

export function ConfirmButton({ children, question, confirm, onConfirm, disabled = false }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) yes.current?.focus();
    else if (wasAsking.current) opener.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  if (!asking)
    return (
      <button type="button" ref={opener} disabled={disabled} onClick={() => setAsking(true)}>
        {children}
      </button>
    );
  return (
    <div class="confirm" role="group" aria-label={question} onKeyDown={(e) => e.key === 'Escape' && setAsking(false)}>
      <p>{question}</p>
      <div class="actions">
        <button
          type="button"
          class="danger"
          ref={yes}
          onClick={() => {
            setAsking(false);
            void onConfirm();
          }}
        >
          {confirm}
        </button>
        <button type="button" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
