// The report page's script (built to dist/client/report.js, served at
// /_sayso/report.js). Reads /v1/scores and /v1/comments with the session
// cookie and draws them with uPlot (a global from uPlot's own IIFE build).
// Everything a respondent wrote is inserted with textContent, never as HTML.
import type uPlotType from 'uplot';
import type { Options, AlignedData } from 'uplot';
import type { SurveyScores, ScoreCell } from '../scores.js';
import { insightsSection } from './insights.js';

declare const uPlot: typeof uPlotType;

interface ReportConfig {
  sites: Array<{ id: string; segments: string[] }>;
}

const cfg = JSON.parse(document.getElementById('sayso-report')!.textContent!) as ReportConfig;
const form = document.getElementById('filters') as HTMLFormElement;
const main = document.getElementById('surveys')!;
const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<'className' | 'textContent', string>> = {}, ...children: Node[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.className) e.className = props.className;
  if (props.textContent !== undefined) e.textContent = props.textContent;
  e.append(...children);
  return e;
}

const fmt = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '–' : x.toFixed(digits));
const label = { nps: 'NPS', csat: 'CSAT %', ces: 'CES %' } as const;

function fillSegments(): void {
  const site = cfg.sites.find((s) => s.id === field('site').value) ?? cfg.sites[0]!;
  const select = field('segment') as HTMLSelectElement;
  const keep = select.value;
  select.replaceChildren(new Option('none', ''), ...site.segments.map((s) => new Option(s, s)));
  if (site.segments.includes(keep)) select.value = keep;
}

function params(): URLSearchParams {
  const p = new URLSearchParams();
  for (const name of ['site', 'from', 'to', 'interval', 'segment']) {
    const v = field(name).value;
    if (v) p.set(name, v);
  }
  return p;
}

function trendChart(s: SurveyScores, width: number): HTMLElement {
  const box = el('div');
  const xs = s.periods.map((p) => Date.parse(p.start) / 1000);
  const data: AlignedData = [
    xs,
    s.periods.map((p) => p.ci?.[0] ?? null),
    s.periods.map((p) => p.ci?.[1] ?? null),
    s.periods.map((p) => p.score),
  ];
  const opts: Options = {
    width,
    height: 220,
    series: [
      {},
      { label: 'low', stroke: 'rgba(37,99,235,0.25)', width: 1 },
      { label: 'high', stroke: 'rgba(37,99,235,0.25)', width: 1 },
      { label: label[s.kind], stroke: '#2563eb', width: 2, points: { show: true } },
    ],
    // The confidence interval drawn as a band between the low and high series.
    bands: [{ series: [2, 1], fill: 'rgba(37,99,235,0.12)' }],
    axes: [{}, { size: 44 }],
    legend: { show: true },
  };
  new uPlot(opts, data, box);
  return box;
}

function distributionChart(s: SurveyScores, width: number): HTMLElement {
  const box = el('div');
  const xs = s.total.counts.map((_, k) => s.scale[0] + k);
  const opts: Options = {
    width,
    height: 180,
    scales: { x: { time: false, range: [s.scale[0] - 0.5, s.scale[1] + 0.5] } },
    series: [{ label: 'score' }, { label: 'answers', fill: 'rgba(37,99,235,0.6)', stroke: '#2563eb', paths: uPlot.paths.bars!({ size: [0.7, 60] }) }],
    axes: [{ incrs: [1] }, { size: 44 }],
    legend: { show: true },
  };
  new uPlot(opts, [xs, s.total.counts], box);
  return box;
}

function segmentTable(s: SurveyScores): HTMLElement {
  const head = el('tr', {}, ...['segment', 'n', label[s.kind], 'interval', 'response rate'].map((t) => el('th', { textContent: t })));
  const rows = s.segments.map((g) =>
    el(
      'tr',
      {},
      el('td', { textContent: g.value || '(none)' }),
      el('td', { className: 'num', textContent: String(g.n) }),
      el('td', { className: 'num', textContent: fmt(g.score) }),
      el('td', { className: 'num', textContent: g.ci ? `${fmt(g.ci[0])} – ${fmt(g.ci[1])}` : '–' }),
      el('td', { className: 'num', textContent: g.responseRate?.rate != null ? `${fmt(g.responseRate.rate)} %` : '–' }),
    ),
  );
  return el('table', { className: 'segments' }, el('thead', {}, head), el('tbody', {}, ...rows));
}

function headline(s: SurveyScores, t: ScoreCell): HTMLElement {
  const rate = t.responseRate?.rate != null ? ` · response rate ${fmt(t.responseRate.rate)} % (${t.displays} displays, ${t.dismissals} dismissals)` : '';
  return el(
    'div',
    { className: 'head' },
    el('h2', { textContent: `${label[s.kind]} · ${s.surveyId}` }),
    el('span', { className: 'big', textContent: fmt(t.score) }),
    el('span', { className: 'muted', textContent: `${t.ci ? `95 % interval ${fmt(t.ci[0])} – ${fmt(t.ci[1])}` : 'no interval yet'} · n = ${t.n}${rate}` }),
  );
}

async function load(): Promise<void> {
  const p = params();
  for (const f of ['csv', 'ndjson']) {
    const q = new URLSearchParams(p);
    q.delete('interval');
    q.delete('segment');
    q.set('format', f);
    (document.getElementById(`export-${f}`) as HTMLAnchorElement).href = `/v1/responses/export?${q}`;
  }
  main.replaceChildren(el('p', { className: 'muted', textContent: 'Loading…' }));
  const res = await fetch(`/v1/scores?${p}`, { credentials: 'same-origin' });
  if (res.status === 401) return location.reload();
  if (!res.ok) {
    main.replaceChildren(el('p', { className: 'error', textContent: `Could not load scores (HTTP ${res.status}).` }));
    return;
  }
  const body = (await res.json()) as { surveys: SurveyScores[]; from: string; to: string };
  if (!field('from').value) field('from').value = body.from;
  if (!field('to').value) field('to').value = body.to;
  if (body.surveys.length === 0) {
    main.replaceChildren(el('p', { className: 'muted', textContent: 'No responses in this range yet.' }));
    return;
  }
  main.replaceChildren();
  for (const s of body.surveys) {
    const card = el('section', { className: 'survey' });
    card.dataset.survey = s.surveyId;
    card.append(headline(s, s.total));
    const trend = el('div', {}, el('h3', { textContent: 'Trend (interval as band)' }));
    const dist = el('div', {}, el('h3', { textContent: 'Distribution' }));
    card.append(trend, dist);
    main.append(card);
    // Charts take the width their grid cell got.
    const width = Math.max(260, trend.clientWidth);
    trend.append(trendChart(s, width));
    dist.append(distributionChart(s, width));
    if (s.segments.length) card.append(el('div', {}, el('h3', { textContent: `By ${field('segment').value}` }), segmentTable(s)));
    const list = el('ul', { className: 'comments' });
    card.append(el('div', {}, el('h3', { textContent: 'Latest comments' }), list));
    card.append(insightsSection(s.surveyId, p));
    const q = new URLSearchParams(p);
    q.set('survey', s.surveyId);
    q.set('limit', '20');
    void fetch(`/v1/comments?${q}`, { credentials: 'same-origin' })
      .then(async (r) => {
        // A busy collector answers 503 with an error body, not a list: say so instead of throwing on it.
        if (!r.ok) throw new Error(r.status === 503 ? 'the collector is busy; reload in a moment' : `HTTP ${r.status}`);
        return (await r.json()) as { comments: Array<{ score: number; comment: string; createdAt: string; channel: string }> };
      })
      .then(({ comments }) => {
        list.replaceChildren(
          ...(comments.length
            ? comments.map((x) => el('li', {}, el('strong', { textContent: `${x.score} ` }), document.createTextNode(x.comment), el('div', { className: 'muted', textContent: `${x.createdAt.slice(0, 16).replace('T', ' ')} · ${x.channel}` })))
            : [el('li', { className: 'muted', textContent: 'No comments in this range.' })]),
        );
      })
      .catch((err: unknown) => list.replaceChildren(el('li', { className: 'error', textContent: `Could not load comments (${(err as Error).message}).` })));
  }
  document.body.dataset.loaded = 'true';
}

field('site').addEventListener('change', fillSegments);
form.addEventListener('submit', (e) => {
  e.preventDefault();
  void load();
});
// The page starts with Apply disabled: a submit before this script runs would
// go to the server as a plain GET of /report with the filters, which it refuses.
(form.querySelector('button[type="submit"]') as HTMLButtonElement).disabled = false;
fillSegments();
void load();
