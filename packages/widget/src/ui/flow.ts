// The state of one shown survey: which step, the score, the follow-up texts
// and the submission, plus what follows from them. A plain object and one
// change callback rather than a signals library: @preact/signals(-core)
// would cost 2 to 4 kB gzip of the UI's 12 kB budget, and one small card
// re-rendered as a whole on each change needs no fine-grained updates. It
// stays testable without a DOM.
import { scoreBand } from '@sayso/core';
import { own } from '../plain.js';
import { fill } from './strings.js';
import type { Answer, SubmitReceipt } from './types.js';
import type { FollowUpView, View } from './view.js';

/** What a survey in progress holds. */
export interface FlowState {
  score: number | undefined;
  /** 0 is the score; 1..n the follow-ups that apply to the score's band. */
  step: number;
  /** By follow-up id; read with `own()`, as an id may be `constructor` or `toString`. */
  texts: Record<string, string>;
  busy: boolean;
  failed: boolean;
  receipt: SubmitReceipt | undefined;
}

/** A survey in progress. */
export type Flow = ReturnType<typeof createFlow>;

/**
 * Creates the state for `view`. `submit` is the SDK's onSubmit; `changed`
 * runs after every change (mount.ts re-renders there).
 */
/** What the thank-you adds for an answer not sent yet: kept on the device until it can go, or only in this page. */
export const later = (r: SubmitReceipt): 'offline' | 'unsaved' => (r.durability == 'memory' ? 'unsaved' : 'offline');

export function createFlow(view: View, submit: (a: Answer) => Promise<SubmitReceipt>, changed: () => void) {
  const s: FlowState = { score: undefined, step: 0, texts: {}, busy: false, failed: false, receipt: undefined };
  const set = (patch: Partial<FlowState>) => {
    Object.assign(s, patch);
    changed();
  };

  const active = (): FollowUpView[] =>
    s.score === undefined ? [] : view.followUps.filter((f) => !f.bands || f.bands.includes(scoreBand(view.kind, s.score!, view)));
  const total = () => 1 + active().length;
  const current = (): FollowUpView | undefined => active()[s.step - 1];
  /** What the polite live region says: the new step's question, or the thanks. */
  const live = () => {
    const f = current();
    if (s.receipt) return s.receipt.online ? view.thanks : `${view.thanks} ${view.t[later(s.receipt)]}`;
    return f ? `${fill(view.t.step, { current: s.step + 1, total: total() })}: ${f.question}` : '';
  };
  /**
   * The step's main button may be pressed (a score is picked, a required
   * answer is given). Sending does not disable it (that would drop keyboard
   * focus); `send` ignores repeats instead.
   */
  const ready = () => {
    const f = current();
    return s.score !== undefined && (!f || !f.required || !!own(s.texts, f.id)?.trim());
  };

  function answer(): Answer {
    const a: Answer = { score: s.score! };
    const pairs: Array<[string, string]> = [];
    for (const f of active()) {
      const text = own(s.texts, f.id)?.trim();
      if (text) pairs.push([f.id, text]);
    }
    // fromEntries defines own properties, so a follow-up with the id `__proto__` is an answer, not a prototype.
    const answers = Object.fromEntries(pairs);
    const first = Object.values(answers)[0];
    if (first !== undefined) {
      a.comment = first;
      a.answers = answers;
    }
    return a;
  }

  /** Sends once: a second call while sending, or after success, does nothing. */
  async function send(): Promise<void> {
    if (s.busy || s.receipt) return;
    set({ busy: true, failed: false });
    try {
      const receipt = await submit(answer());
      set({ busy: false, receipt });
    } catch {
      set({ busy: false, failed: true });
    }
  }

  /** The main button: on to the next step, or send on the last one. */
  function next(): void {
    if (!ready()) return;
    if (s.step < total() - 1) set({ step: s.step + 1 });
    else void send();
  }

  return { s, set, total, current, live, ready, next };
}
