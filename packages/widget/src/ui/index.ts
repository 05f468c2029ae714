// The UI chunk: what `import('./ui/index.js')` gives the SDK, and what the
// script-tag build puts on `window.__saysoui`. See ./types.ts for the contract.
export { mountSurvey } from './mount.js';
export { mountLauncher } from './launcher.js';
export { watch } from './watch.js';
export { UI_GLOBAL } from './types.js';
export type { Answer, MountOptions, SubmitReceipt, SurveyHandle, UiModule } from './types.js';
