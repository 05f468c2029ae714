// The inbox's filters live in the studio's URL (`/studio/responses?site=shop
// &band=detractor&hasComment=true`), so a filtered view can be shared and
// survives a reload. The names are the API's own; the studio adds `site`.
import { signal } from '@preact/signals';

/** The list's filters, as the API names them (`attr.<segment>` besides). */
export const FILTERS = ['survey', 'band', 'scoreMin', 'scoreMax', 'from', 'to', 'hasComment', 'status', 'assignee', 'tag', 'q'] as const;

/** The path of the list the reader last looked at, so the answer's "Back" returns to the same filtered view. */
export const lastList = signal('/studio/responses');

/** The filters a studio query holds: known names and `attr.*` only, empty values left out (the API refuses them). */
export function filtersOf(search: string): URLSearchParams {
  const out = new URLSearchParams();
  for (const [name, value] of new URLSearchParams(search)) {
    if (value.trim() === '' || out.has(name)) continue;
    if ((FILTERS as readonly string[]).includes(name) || (name.startsWith('attr.') && name.length > 5)) out.set(name, value.trim());
  }
  return out;
}

/** The studio path of the list of `site` filtered by `filters`. */
export function listPath(site: string, filters: URLSearchParams): string {
  const q = new URLSearchParams({ site });
  for (const [name, value] of filters) q.set(name, value);
  return `/studio/responses?${q}`;
}
