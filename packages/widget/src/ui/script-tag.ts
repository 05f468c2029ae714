// Entry of dist/sayso-ui.js (IIFE): registers the UI module on
// window.__saysoui for the script-tag SDK, which loads this file lazily.
import { mountLauncher } from './launcher.js';
import { mountSurvey } from './mount.js';
import { watch } from './watch.js';
import { UI_GLOBAL, type MountOptions, type UiModule } from './types.js';

// Locale chunks sit next to this file unless the SDK says otherwise.
const src = (document.currentScript as HTMLScriptElement | null)?.src ?? '';
const base = src.slice(0, src.lastIndexOf('/') + 1);

const ui: UiModule = {
  mountSurvey: (o: MountOptions) => mountSurvey(o.assetBase === undefined && base ? { ...o, assetBase: base } : o),
  mountLauncher,
  watch,
};
(window as unknown as Record<string, UiModule>)[UI_GLOBAL] = ui;
