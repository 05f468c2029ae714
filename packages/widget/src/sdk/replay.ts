// The loader snippet records calls made before the SDK arrived. They replay in
// a safe order, whatever order the page made them in: `init` first (nothing
// works without it), then `identify` and `consent` (so targeting and consent
// apply to what follows), then everything else in the order it was called, so
// an event tracked before the script arrived still triggers its survey.

const rank = ([method]: unknown[]): number => (method === 'init' ? 0 : method === 'identify' || method === 'consent' ? 1 : 2);

/** The recorded calls in replay order (stable within each rank). */
export function replayOrder(calls: ArrayLike<ArrayLike<unknown>>): unknown[][] {
  // Array#sort is stable (ES2019, older than the SDK's ES2020 target), so calls
  // of one rank keep their recorded order without carrying indexes along.
  // Prototype.js and MooTools replace Array.from with versions that ignore the
  // map function: the calls then stay the snippet's `arguments` objects, which
  // the caller destructures just the same (tested on such pages in Chromium).
  return Array.from(calls, (c) => Array.from(c)).sort((a, b) => rank(a) - rank(b));
}
