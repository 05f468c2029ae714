// The `tab` presentation's launcher: an always-there "Feedback" tab on the
// page edge that opens a survey on demand. Plain DOM: one button needs no
// renderer.
import { createHost, overlayParent, raise } from './host.js';
import { stringsFor } from './locale.js';
import { launcherCss } from './styles.js';
import type { LauncherOptions, SurveyHandle } from './types.js';

/**
 * Adds the feedback tab (right edge; `position` containing `left` puts it on
 * the left). `onOpen` runs on each press. Without a `label`, the tab says
 * "Feedback" in `locale`, and appears once that language's strings are in.
 */
export function mountLauncher(options: LauncherOptions): SurveyHandle {
  const host = createHost(overlayParent(), launcherCss(), options.styleNonce);
  const b = document.createElement('button');
  b.type = 'button';
  b.className = `la${options.position?.includes('left') ? ' left' : ''}`;
  b.setAttribute('part', 'launcher');
  b.onclick = () => options.onOpen();
  // Text, never HTML: the label may come from remote config.
  const add = (label: string): void => {
    b.textContent = label;
    host.mount.append(b);
    raise(b);
  };
  if (options.label) add(options.label);
  else void stringsFor(options.locale ?? 'en', options).then((s) => add(s.feedback));
  return { close: host.remove };
}
