// The preview frame's script (served at /studio/preview, built as an IIFE so
// it can read its own nonce for the widget's one <style>). It draws drafts
// with the widget's real UI chunk, /sdk/sayso-ui.js, exactly as visitors'
// browsers do, checked by the same parseSurvey; nothing is sent anywhere.
import { isSaysoError, parseSurvey, type Survey } from '@sayso/core';
import type { LauncherOptions, SurveyHandle, UiModule } from '../../../../widget/src/ui/types.js';
import { HELLO, PORT, type PreviewReport, type PreviewRequest } from './messages.js';

const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';
const status = document.getElementById('status')!;
let handle: SurveyHandle | undefined;
let latest: PreviewRequest | undefined;
let drawing = Promise.resolve();

const ui = () => (window as unknown as { __saysoui?: UiModule }).__saysoui;

async function draw(req: PreviewRequest, port: MessagePort): Promise<void> {
  handle?.close();
  handle = undefined;
  document.documentElement.dataset.scheme = req.scheme;
  let survey: Survey;
  try {
    survey = parseSurvey(req.survey);
  } catch (err) {
    const error = isSaysoError(err) ? err.message : String(err);
    status.textContent = `Nothing to draw until the survey is valid: ${error}`;
    port.postMessage({ ok: false, error } satisfies PreviewReport);
    return;
  }
  const mode = req.mode ?? survey.presentation?.mode ?? 'popover';
  survey = {
    ...survey,
    theme: { ...survey.theme, scheme: req.scheme },
    // Inline surveys draw into the page's element; here, into the frame's stand-in for it.
    presentation: { ...survey.presentation, mode, ...(mode === 'inline' && { target: '#inline' }) },
  };
  const module = ui();
  if (!module) {
    status.textContent = 'The widget could not be loaded from /sdk/sayso-ui.js.';
    port.postMessage({ ok: false, error: 'widget not loaded' } satisfies PreviewReport);
    return;
  }
  status.textContent = '';
  const show = async () => {
    handle = await module.mountSurvey({
      survey,
      locale: req.locale,
      styleNonce: nonce,
      onSubmit: async () => ({ durability: 'memory', online: true }),
      // Dismissed in the preview: draw it again, so there is always something to look at.
      onDismiss: () => setTimeout(() => latest === req && void show(), 600),
    });
  };
  if (mode === 'tab' && module.mountLauncher) {
    const p = survey.presentation;
    const options: LauncherOptions = { locale: survey.locale ?? req.locale, styleNonce: nonce, onOpen: () => void show() };
    if (p?.launcherLabel) options.label = p.launcherLabel;
    if (p?.position) options.position = p.position;
    handle = module.mountLauncher(options);
  } else {
    await show();
  }
  const panel = document.querySelector('sayso-widget')?.shadowRoot?.querySelector('[dir]');
  port.postMessage({ ok: true, dir: panel?.getAttribute('dir') ?? 'ltr' } satisfies PreviewReport);
}

window.addEventListener('message', (e) => {
  if (e.source !== window.parent || e.origin !== window.location.origin || (e.data as { type?: unknown })?.type !== PORT) return;
  const port = e.ports[0];
  if (!port) return;
  port.onmessage = (m: MessageEvent<PreviewRequest>) => {
    latest = m.data;
    // One drawing at a time, and only the newest of those that queued meanwhile.
    drawing = drawing.then(() => (latest === m.data ? draw(m.data, port) : undefined)).catch((err: unknown) => {
      status.textContent = `The preview failed: ${err instanceof Error ? err.message : String(err)}`;
    });
  };
});
// The studio that frames this page is the collector itself: only that origin may hear the hello.
window.parent.postMessage({ type: HELLO }, window.location.origin);
