// The live preview beside the form: a sandboxed frame served by the
// collector (/studio/preview) that draws the draft with the widget's real UI
// chunk. It redraws as the user types, in the chosen mode, scheme and
// language (right to left for ar and he, as the widget decides).
import { useSignal, useSignalEffect } from '@preact/signals';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Survey } from '@sayso/core';
import { HELLO, PORT, type PreviewReport, type PreviewRequest } from '../../preview/messages.js';
import { LANGUAGES, RTL } from '../../widget-code.js';
import type { Editor } from './state.js';

const MODES = ['popover', 'modal', 'bar', 'inline', 'tab'] as const;

export function Preview({ editor }: { editor: Editor }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const port = useSignal<MessagePort | null>(null);
  const locale = useSignal('en');
  const scheme = useSignal<'light' | 'dark'>('light');
  const mode = useSignal<'' | (typeof MODES)[number]>('');
  const report = useSignal<PreviewReport | null>(null);

  // A layout effect, not useEffect: it runs in the task that inserts the frame, so the listener is
  // there before the frame's hello can arrive. useEffect waits for a paint, and a fast frame's
  // hello could come first and be lost, leaving the preview blank.
  useLayoutEffect(() => {
    const onMessage = (e: MessageEvent) => {
      // Only the frame's own window, whose sandbox gives it the opaque origin "null".
      if (e.source !== frame.current?.contentWindow || e.origin !== 'null' || (e.data as { type?: unknown })?.type !== HELLO) return;
      const channel = new MessageChannel();
      channel.port1.onmessage = (m: MessageEvent<PreviewReport>) => (report.value = m.data);
      port.value?.close();
      port.value = channel.port1;
      // An opaque origin cannot be named as a target; the port, not this message, carries the drafts.
      frame.current.contentWindow!.postMessage({ type: PORT }, '*', [channel.port2]);
    };
    window.addEventListener('message', onMessage);
    return () => {
      window.removeEventListener('message', onMessage);
      port.value?.close();
    };
  }, []);

  // Redraw on every change of the draft or of a control (signals read here are tracked).
  useSignalEffect(() => {
    const p = port.value;
    const req: PreviewRequest = { survey: editor.draft.value as Survey, locale: locale.value, scheme: scheme.value, ...(mode.value && { mode: mode.value }) };
    const timer = setTimeout(() => p?.postMessage(req), 120);
    return () => clearTimeout(timer);
  });

  return (
    <section class="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">Preview</h2>
      <div class="row controls">
        <div class="field">
          <label for="preview-mode">Preview mode</label>
          <select id="preview-mode" value={mode.value} onChange={(e) => (mode.value = e.currentTarget.value as typeof mode.value)}>
            <option value="">the survey's</option>
            {MODES.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="preview-scheme">Preview colours</label>
          <select id="preview-scheme" value={scheme.value} onChange={(e) => (scheme.value = e.currentTarget.value as 'light' | 'dark')}>
            <option value="light">light</option>
            <option value="dark">dark</option>
          </select>
        </div>
        <div class="field">
          <label for="preview-lang">Preview language</label>
          <select id="preview-lang" value={locale.value} onChange={(e) => (locale.value = e.currentTarget.value)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {l}
                {RTL.has(l) ? ' (right to left)' : ''}
              </option>
            ))}
          </select>
        </div>
      </div>
      <iframe ref={frame} class={`frame ${scheme.value}`} title="Survey preview" src="/studio/preview" sandbox="allow-scripts" />
      <p class="hint" aria-live="polite" data-preview-dir={report.value?.dir ?? ''}>
        {report.value && !report.value.ok ? 'Fix the errors to see the survey.' : report.value ? `Drawn by the widget, ${report.value.dir === 'rtl' ? 'right to left' : 'left to right'}.` : 'Loading the widget…'}
      </p>
    </section>
  );
}
