// The widget's own code that the studio runs as it is, so what the studio
// says (a URL matches, these are the strings) is what visitors' browsers do.
// Imported from the widget's sources: the studio bundle is built from
// sources too, and neither is part of @sayso/widget's public API.
export { compileRule } from '../../../widget/src/sdk/triggers/url-compile.js';
export { matchUrl } from '../../../widget/src/sdk/triggers/url.js';
export { bucket } from '../../../widget/src/sdk/sampling.js';
export { en as WIDGET_STRINGS } from '../../../widget/src/ui/strings.js';

/** The languages the widget ships strings for (packages/widget/src/ui/locales), English first. */
export const LANGUAGES = ['en', 'ar', 'de', 'es', 'fr', 'he', 'it', 'ja', 'ko', 'nl', 'pl', 'pt', 'sv', 'zh'] as const;

/** Languages written right to left. */
export const RTL = new Set(['ar', 'he']);
