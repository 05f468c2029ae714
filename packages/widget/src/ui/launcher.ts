// The `tab` presentation's launcher: an always-there "Feedback" tab on the
// page edge that opens a survey on demand. Plain DOM: one button needs no
// renderer.
import { createHost } from './host.js';
import { launcherCss } from './styles.js';
import type { SurveyHandle } from './types.js';

/**
 * Adds the feedback tab (right edge; `position` containing `left` puts it on
 * the left). `onOpen` runs on each press.
 */
export function mountLauncher(options: { label: string; styleNonce?: string; onOpen(): void; position?: string }): SurveyHandle {
  const host = createHost(document.body, launcherCss(), options.styleNonce);
  const b = document.createElement('button');
  b.type = 'button';
  b.className = `la${options.position?.includes('left') ? ' left' : ''}`;
  b.setAttribute('part', 'launcher');
  // Text, never HTML: the label may come from remote config.
  b.textContent = options.label;
  b.addEventListener('click', () => options.onOpen());
  host.mount.appendChild(b);
  return { close: host.remove };
}
