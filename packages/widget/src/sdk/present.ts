// Showing one survey and keeping its answer: the part of the SDK that runs
// only once a survey is on its way to the screen, so it lives in the engine
// rather than in the always-loaded bundle.
import { defaultScale, uuidv7, type SaysoErrorCode, type Survey, type SurveyResponse } from '@sayso/core';
import type { Delivery } from '../delivery/types.js';
import type { Answer, SubmitReceipt, SurveyHandle, UiModule } from '../ui/types.js';
import type { Host } from './engine-types.js';
import { json } from '../plain.js';
import { note } from './history.js';
import type { SaysoConfig } from './types.js';
import { variablesFor } from './placeholders.js';

/** Resolves true when `id` is delivered within `ms` (so the thank-you can say "sent" honestly). */
function deliveredSoon(d: Delivery, id: string, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (v: boolean): void => {
      off();
      clearTimeout(t);
      resolve(v);
    };
    const off = d.on((e) => e.type == 'delivered' && e.ids.includes(id) && done(true));
    const t = setTimeout(() => done(false), ms);
    d.flush().catch(() => {});
  });
}

/** What every UI chunk needs from the config: the page's nonces and where the chunks live. */
const chunkOptions = (config: SaysoConfig) => ({
  ...(config.nonce && { styleNonce: config.nonce, scriptNonce: config.nonce }),
  ...(config.assetBase && { assetBase: config.assetBase }),
});

/** Mounts `s` through the UI; displays, dismissals and the answer go to the durable queue and the history the caps read. */
export function present(s: Survey, host: Host, ui: UiModule): Promise<SurveyHandle> {
  const { config } = host;
  const locale = s.locale ?? host.locale;
  const attributes = host.attributes();
  // The published version remote config gave the survey: what its answers and events were to.
  const version = s.version ? { version: s.version } : {};
  const report = (err: unknown): void => host.error((err as { code?: SaysoErrorCode }).code ?? 'E_STORAGE_UNAVAILABLE', String((err as Error).message));
  /** Bookkeeping for the caps and the `show`/`dismiss` events: once per display, dismissal or answer. */
  const record = (type: 'display' | 'dismiss' | 'response'): void => {
    if (type == 'display') host.shown();
    if (type != 'response') host.emit(type == 'display' ? 'show' : 'dismiss', { surveyId: s.id });
    note(host.history(), s.id, s.kind, type, Date.now());
    host.save(json(host.history()));
  };
  const event = (type: 'display' | 'dismiss'): void => {
    record(type);
    host.sender.enqueue({ kind: 'event', value: { id: uuidv7(), type, surveyId: s.id, ...host.who(), createdAt: new Date().toISOString(), channel: 'web', ...version } }).catch(report);
  };
  let shown = false;
  const onShow = (): void => {
    if (!shown) event('display');
    shown = true;
  };
  let responseId: string | undefined;
  let submitting: Promise<SubmitReceipt> | undefined;

  async function submit(answer: Answer, id: string): Promise<SubmitReceipt> {
    const scale = s.scale ?? defaultScale(s.kind);
    const response: SurveyResponse = {
      id,
      surveyId: s.id,
      kind: s.kind,
      score: answer.score,
      scale: [scale.min, scale.max],
      ...(answer.comment && { comment: answer.comment }),
      ...(answer.answers && { answers: answer.answers }),
      createdAt: new Date().toISOString(),
      ...host.who(),
      attributes,
      page: { url: location.href, ...(document.referrer && { referrer: document.referrer }) },
      locale,
      channel: 'web',
      ...version,
    };
    let stored;
    try {
      stored = await host.sender.enqueue({ kind: 'response', value: response });
    } catch (err) {
      report(err);
      throw err;
    }
    record('response');
    const { durability } = stored.out;
    host.emit('submit', { surveyId: s.id, response, durability });
    return { durability, online: navigator.onLine !== false && (await deliveredSoon(stored.d, id, 2000)) };
  }

  return ui
    .mountSurvey({
      survey: s,
      locale,
      variables: variablesFor(config.variables, s, attributes),
      ...chunkOptions(config),
      onShow,
      // One id per display: a double click or a retry after an error resends the same response.
      onSubmit: (answer) =>
        (submitting ??= submit(answer, (responseId ??= uuidv7())).catch((err: unknown) => {
          submitting = undefined;
          throw err;
        })),
      onDismiss: () => event('dismiss'),
      onClose: host.closed,
    })
    .then((handle) => {
      onShow();
      return handle;
    });
}

/** Adds the feedback tab of a `tab` survey; without a label of its own, the UI says "Feedback" in the survey's language. */
function launch(s: Survey, host: Host, ui: UiModule, onOpen: () => void): SurveyHandle | undefined {
  const p = s.presentation ?? {};
  const label = p.launcherLabel ?? s.strings?.feedback;
  return ui.mountLauncher?.({
    ...(label && { label }),
    locale: s.locale ?? host.locale,
    ...chunkOptions(host.config),
    ...(p.position && { position: p.position }),
    onOpen,
  });
}

/** The feedback tabs of `list`; the function returned takes them all down. */
export function tabs(list: Survey[], host: Host, ui: UiModule, open: (s: Survey) => void): () => void {
  const handles = list.map((s) => launch(s, host, ui, () => open(s)));
  return () => handles.forEach((h) => h?.close());
}
