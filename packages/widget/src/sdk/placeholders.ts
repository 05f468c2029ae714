// Values for `{placeholders}` in survey texts. The UI inserts them as text
// (never HTML); here we only decide which value wins: identify() attributes
// over the survey's own variables over the site's.
import type { Survey } from '@sayso/core';

/** Merges site variables, survey variables and user attributes into strings. */
export function variablesFor(
  site: Record<string, string> | undefined,
  survey: Survey,
  attributes: Record<string, unknown>,
): Record<string, string> {
  const out: Record<string, string> = { ...site, ...survey.variables };
  // Own keys only: for...in would add a page library's enumerable Object.prototype members.
  for (const k of Object.keys(attributes)) if (attributes[k] != null) out[k] = String(attributes[k]);
  return out;
}

