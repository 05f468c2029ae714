// A report card's Insights section for one survey, from /v1/insights: the themes
// that set detractors and promoters apart, each theme's impact with its
// interval, rising themes, custom themes and answers whose comment disagrees
// with the score. A click on a theme lists its comments
// (/v1/insights/comments). Theme labels and comments are what respondents
// wrote: they go in with textContent only, never as HTML. Plain DOM (it was
// the old /report page's, and axe and the browser tests hold it to its
// markup); the reads go through the studio's client, so a 401 signs out and
// a busy collector is waited out like the card's other reads.
import type { ExampleComment, SurveyInsights } from '../../../insights.js';
import { call } from '../../api/client.js';
import { readFailure, unlessBusy } from './busy.js';

type Props = Partial<Record<'className' | 'textContent' | 'id', string>>;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.className) e.className = props.className;
  if (props.id) e.id = props.id;
  if (props.textContent !== undefined) e.textContent = props.textContent;
  // Strings become text nodes (append does not parse HTML).
  e.append(...children);
  return e;
}

const num = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '–' : x.toFixed(digits));
const signed = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x).toFixed(1)}`);
const pValue = (p: number | null) => (p === null ? '–' : p < 0.001 ? '< 0.001' : p.toFixed(3));
const LABEL = { nps: 'NPS', csat: 'CSAT %', ces: 'CES %' } as const;
const BAND = { detractor: 'detractors', promoter: 'promoters', unhappy: 'unhappy answers', happy: 'happy answers', passive: 'passives', neutral: 'neutral answers' } as const;

let panels = 0;

/** A list that scrolls (ul.comments has a max height) must be reachable by keyboard to be scrolled. */
function scrollable<T extends HTMLElement>(e: T, name: string): T {
  e.tabIndex = 0;
  e.setAttribute('aria-label', name);
  return e;
}

function commentItem(x: ExampleComment): HTMLLIElement {
  return el('li', {}, el('strong', { textContent: `${x.score} ` }), x.comment, el('div', { className: 'muted', textContent: `${x.createdAt.slice(0, 10)}${x.locale ? ` · ${x.locale}` : ''}` }));
}

/** The Insights section of one survey card; loads itself. `params` carries site, from, to and interval. */
export function insightsSection(surveyId: string, params: URLSearchParams): HTMLElement {
  const id = `insights-${++panels}`;
  const box = el('section', { className: 'insights', id }, el('h3', { textContent: 'Insights' }), el('p', { className: 'muted', textContent: 'Loading insights…' }));
  // A region per survey card: named for its survey, so the landmarks stay apart.
  box.setAttribute('aria-label', `Insights: ${surveyId}`);
  const q = new URLSearchParams();
  for (const name of ['site', 'from', 'to', 'interval']) {
    const v = params.get(name);
    if (v) q.set(name, v);
  }
  q.set('survey', surveyId);
  void unlessBusy(() => call<{ surveys: SurveyInsights[]; pending: number; interval: string }>('GET', `/v1/insights?${q}`))
    .then(({ data: body }) => {
      const s = body.surveys[0];
      box.replaceChildren(box.firstElementChild!);
      if (!s) {
        box.append(el('p', { className: 'muted', textContent: 'No comments in this range yet.' }));
        return;
      }
      draw(box, s, q, body);
    })
    .catch((err: unknown) => {
      box.replaceChildren(box.firstElementChild!, el('p', { className: 'error', textContent: `Could not load insights (${readFailure(err)}).` }));
    });
  return box;
}

function draw(box: HTMLElement, s: SurveyInsights, q: URLSearchParams, body: { pending: number; interval: string }): void {
  const label = LABEL[s.kind];
  const pending = body.pending > 0 ? ` · ${body.pending} newer comments are still being counted` : '';
  box.append(el('p', { className: 'muted', textContent: `${s.comments} comments (${Object.entries(s.bands).map(([b, n]) => `${n} ${BAND[b as keyof typeof BAND]}`).join(', ')})${pending}` }));

  // One panel lists the comments of the theme last clicked.
  const panelId = `${box.id}-comments`;
  const panel = el('div', { className: 'theme-comments', id: panelId });
  panel.setAttribute('aria-live', 'polite');
  const themeButton = (term: string, text: string) => {
    const b = el('button', { className: 'theme', textContent: text });
    b.type = 'button';
    b.dataset.term = term;
    b.setAttribute('aria-controls', panelId);
    b.addEventListener('click', () => void listComments(panel, q, term, text));
    return b;
  };

  const sides = el('div', { className: 'insight-grid' });
  for (const [band, terms] of [[s.low, s.distinctive.low], [s.high, s.distinctive.high]] as const) {
    const list = el('ul', { className: 'themes' });
    list.append(
      ...(terms.length
        ? terms.map((t) => el('li', {}, themeButton(t.term, t.label), el('span', { className: 'muted', textContent: ` z ${num(t.z)} · ${t.countA} of ${BAND[s.low]}, ${t.countB} of ${BAND[s.high]}` })))
        : [el('li', { className: 'muted', textContent: 'Nothing stands out yet.' })]),
    );
    sides.append(el('div', {}, el('h4', { textContent: `What sets ${BAND[band]} apart` }), list));
  }
  box.append(sides);

  const impactTable = (rows: Array<{ term: string; label: string; mentions: number; scoreWith: number | null; scoreWithout: number | null; comparison: { difference: number | null; ci: [number, number] | null; p: number | null } }>, caption: string) => {
    const table = el('table', { className: 'impact' });
    table.append(
      el('caption', { className: 'muted', textContent: caption }),
      el('thead', {}, el('tr', {}, ...['theme', 'answers', `${label} with`, 'without', 'difference (95 % interval)', 'p'].map((h) => el('th', { textContent: h })))),
      el(
        'tbody',
        {},
        ...rows.map((t) =>
          el(
            'tr',
            {},
            el('td', {}, themeButton(t.term, t.label)),
            el('td', { className: 'num', textContent: String(t.mentions) }),
            el('td', { className: 'num', textContent: num(t.scoreWith) }),
            el('td', { className: 'num', textContent: num(t.scoreWithout) }),
            el('td', { className: 'num', textContent: `${signed(t.comparison.difference)} (${t.comparison.ci ? `${signed(t.comparison.ci[0])} to ${signed(t.comparison.ci[1])}` : '–'})` }),
            el('td', { className: 'num', textContent: pValue(t.comparison.p) }),
          ),
        ),
      ),
    );
    // Wider than a narrow column (400 % zoom): it scrolls in its own box, not the page; its theme buttons are Tab stops within.
    return el('div', { className: 'scroll-x' }, table);
  };
  box.append(el('h4', { textContent: `Impact on the ${label}` }));
  box.append(s.impact.length ? impactTable(s.impact, 'Answers that mention a theme against those that do not; what costs the score most first.') : el('p', { className: 'muted', textContent: 'No theme is frequent enough yet.' }));

  const period = `${s.rising.current[0]} – ${s.rising.current[1]} against ${s.rising.trailing[0]} – ${s.rising.trailing[1]}`;
  box.append(el('h4', { textContent: 'Rising themes' }), el('p', { className: 'muted', textContent: period }));
  const rising = el('ul', { className: 'themes' });
  rising.append(
    ...(s.rising.rising.length
      ? s.rising.rising.map((t) => el('li', {}, themeButton(t.term, t.label), el('span', { className: 'muted', textContent: ` ${num(t.rateA * 100)} % of comments now, ${num(t.rateB * 100)} % before (z ${num(t.z)})` })))
      : [el('li', { className: 'muted', textContent: 'Nothing is rising significantly.' })]),
  );
  box.append(rising);

  if (s.themes.length) {
    box.append(el('h4', { textContent: 'Custom themes' }));
    const rows = s.themes.map((t) => t.impact ?? { term: t.term, label: t.name, mentions: t.mentions, scoreWith: null, scoreWithout: null, comparison: { difference: null, ci: null, p: null } });
    box.append(impactTable(rows, 'Themes named in the config, with their words in every language.'));
  }

  box.append(el('h4', { textContent: 'Comments that disagree with their score' }));
  const dis = scrollable(el('ul', { className: 'comments disagreements' }), 'Comments that disagree with their score');
  dis.append(
    ...(s.disagreements.length
      ? s.disagreements.map((d) => {
          const li = commentItem(d);
          li.append(el('div', { className: 'muted', textContent: `sentiment ${signed(d.sentiment * 100)} %: ${d.spans.map((x) => x.reason).join('; ')}` }));
          return li;
        })
      : [el('li', { className: 'muted', textContent: `None among the newest ${s.sampled} comments.` })]),
  );
  box.append(dis, panel);
}

async function listComments(panel: HTMLElement, q: URLSearchParams, term: string, text: string, cursor?: string, list?: HTMLUListElement): Promise<void> {
  const p = new URLSearchParams(q);
  p.delete('interval');
  p.set('term', term);
  p.set('limit', '20');
  if (cursor) p.set('cursor', cursor);
  if (!list) {
    list = scrollable(el('ul', { className: 'comments' }), `Comments mentioning “${text}”`);
    panel.replaceChildren(el('h4', { textContent: `Comments mentioning “${text}”` }), list, el('p', { className: 'muted', textContent: 'Loading…' }));
  }
  type Page = { comments: ExampleComment[]; cursor: string | null; scanned: number };
  const answer = await unlessBusy(() => call<Page>('GET', `/v1/insights/comments?${p}`)).catch((err: unknown) => readFailure(err));
  panel.querySelector('p.muted, button.more')?.remove();
  if (typeof answer === 'string') {
    panel.append(el('p', { className: 'error', textContent: `Could not load comments (${answer}).` }));
    return;
  }
  const body = answer.data;
  list.append(...body.comments.map(commentItem));
  if (!list.children.length) list.append(el('li', { className: 'muted', textContent: `None among the newest ${body.scanned} comments.` }));
  if (body.cursor) {
    const more = el('button', { className: 'more', textContent: 'More comments' });
    more.type = 'button';
    more.addEventListener('click', () => void listComments(panel, q, term, text, body.cursor!, list).then(() => (panel.querySelector('button.more') as HTMLElement | null)?.focus()));
    panel.append(more);
  }
  panel.dataset.term = term;
}
