// Medians, ratios and the printed table of `pnpm bench:host`.

/** The median of the defined numbers in `xs` (undefined when there are none). */
export function median(xs) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return undefined;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Each numeric field's median over `runs` (objects of the same shape). */
export function medians(runs) {
  const out = {};
  for (const key of Object.keys(runs[0] ?? {})) {
    if (typeof runs[0][key] === 'number' || runs.some((r) => typeof r[key] === 'number')) out[key] = median(runs.map((r) => r[key]));
  }
  return out;
}

/** `a / b` as "0.42×", or "–" when either is missing or b is 0. */
export function ratio(a, b) {
  if (typeof a !== 'number' || typeof b !== 'number' || b <= 0) return '–';
  return `${(a / b).toFixed(2)}×`;
}

const fmt = (x, digits = 0) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : '–');

/** The columns of one condition's table: header, and how to print a contender's medians. */
export const COLUMNS = [
  ['JS gz kB', (m) => fmt(m.jsGzKB, 1)],
  ['wire kB', (m) => fmt(m.bytes / 1024, 1)],
  ['requests', (m) => fmt(m.requests)],
  ['ask→visible cold ms', (m) => fmt(m.askToVisible)],
  ['ask→visible warm ms', (m) => fmt(m.warmAskToVisible)],
  ['nav→visible ms', (m) => fmt(m.navToVisible)],
  ['task ms (above floor)', (m, floor) => `${fmt(m.taskMs)} (${fmt(m.taskMs - floor.taskMs)})`],
  ['script ms', (m) => fmt(m.scriptMs)],
  ['longest task ms', (m) => fmt(m.longestTaskMs)],
  ['heap KB (above floor)', (m, floor) => `${fmt(m.heapKB)} (${fmt(m.heapKB - floor.heapKB)})`],
  ['CLS', (m) => fmt(m.cls, 3)],
];

/** A Markdown table (GitHub's), which reads in a terminal too. */
export function markdownTable(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The figures compared against each peer: smaller is better for all. */
const RATIOS = [
  ['ask→visible cold', (m) => m.askToVisible],
  ['task above floor', (m, floor) => m.taskMs - floor.taskMs],
  ['heap above floor', (m, floor) => m.heapKB - floor.heapKB],
  ['wire kB', (m) => m.bytes],
];

/**
 * The printed report: per condition a table of medians and the ratios of each contender to Sentry and PostHog.
 * @param {{ conditions: Array<{ id: string, label: string }>, contenders: Array<{ id: string, label: string }>, results: Record<string, Record<string, any>>, repeat?: any }} r
 */
export function render(r) {
  const out = [];
  for (const cond of r.conditions) {
    const byId = r.results[cond.id];
    const floor = byId.empty;
    out.push(`\n### ${cond.label}\n`);
    out.push(markdownTable(['', ...COLUMNS.map(([h]) => h)], r.contenders.map((c) => [c.label, ...COLUMNS.map(([, f]) => f(byId[c.id], floor))])));
    const peers = r.contenders.filter((c) => c.id !== 'empty');
    const header = ['ratio', ...RATIOS.flatMap(([h]) => [`${h} ÷ Sentry`, `÷ PostHog`])];
    const rows = peers.map((c) => [c.label, ...RATIOS.flatMap(([, f]) => [ratio(f(byId[c.id], floor), f(byId.sentry, floor)), ratio(f(byId[c.id], floor), f(byId.posthog, floor))])]);
    out.push('');
    out.push(markdownTable(header, rows));
  }
  if (r.repeat) {
    const m = r.repeat;
    out.push(`\n### sayso, repeat visit (HTTP cache and localStorage warm), emulated network\n`);
    out.push(
      markdownTable(
        ['', 'ask→visible ms', 'nav→visible ms', 'requests from the network', 'after sayso.js ran', 'of them one after another'],
        [
          ['first visit', fmt(m.first.askToVisible), fmt(m.first.navToVisible), fmt(m.first.fromNetwork), fmt(m.first.afterSdk), fmt(m.first.afterSdkSequential)],
          ['repeat visit', fmt(m.second.askToVisible), fmt(m.second.navToVisible), fmt(m.second.fromNetwork), fmt(m.second.afterSdk), fmt(m.second.afterSdkSequential)],
        ],
      ),
    );
    if (m.secondUrls?.length) out.push(`\nrepeat visit, requests after sayso.js ran (last run): ${m.secondUrls.join(', ')}`);
  }
  return out.join('\n');
}
