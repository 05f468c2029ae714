// Consent: with 'pending' nothing is stored or sent and no survey shows; with
// 'denied' the same, and what sayso stored is cleared. Global Privacy Control
// counts as a refusal when the host opts in.
import type { ConsentState } from './types.js';

/** The consent to start with. */
export function initialConsent(configured: ConsentState | undefined, respectGpc: boolean | undefined, nav: Navigator | undefined): ConsentState {
  if (respectGpc && (nav as { globalPrivacyControl?: boolean } | undefined)?.globalPrivacyControl) return 'denied';
  return configured ?? 'granted';
}

