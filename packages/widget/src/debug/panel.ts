// The debug panel: a small region in its own shadow root listing, per
// survey, each condition with its result and why. Every text goes in as text
// (textContent), never as HTML: survey ids, selectors and attribute values
// come from config and from the page. Keyboard: its buttons are in the tab
// order, Escape inside it closes it. No motion at all, so reduced motion
// needs nothing; forced colours get system-colour borders.
import type { Check, Status, SurveyReport } from './evaluate.js';

/** What the panel says above the surveys: a preview's state or why it is not shown. */
export interface Notice {
  text: string;
  /** An error (an expired or refused link) is announced as an alert. */
  error?: boolean;
}

/** The panel on the page. */
export interface PanelHandle {
  render(reports: SurveyReport[], notice?: Notice): void;
  remove(): void;
}

const WORD: Record<Status, string> = { pass: '✓ passes', fail: '✗ fails', wait: '… waiting' };
const UPSHOT: Record<Status, string> = { pass: 'shows', fail: 'does not show', wait: 'waiting' };

const CSS = `:host{all:initial!important;display:contents!important}
*{box-sizing:border-box;margin:0;padding:0;font:inherit;color:inherit}
.d{position:fixed;left:8px;bottom:8px;z-index:2147483646;width:min(520px,calc(100vw - 16px));max-height:min(70vh,calc(100% - 16px));overflow:auto;padding:12px;background:#fff;color:#1b1b1b;border:1px solid #6b6b6b;border-radius:8px;box-shadow:0 8px 32px #0004;font:13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
h2{font-size:15px;font-weight:700;padding-inline-end:80px}
h3{font-size:14px;font-weight:700;margin-top:12px;overflow-wrap:anywhere}
p{margin-top:6px;overflow-wrap:anywhere}
.n{padding:6px 8px;border-inline-start:3px solid #2563eb;background:#f1f5ff}.n.e{border-color:#b3261e;background:#fdf1f0}
table{width:100%;border-collapse:collapse;margin-top:6px}
th,td{text-align:start;vertical-align:top;padding:3px 4px;border-top:1px solid #d0d0d0;overflow-wrap:anywhere}
th{font-weight:600}
.pass{color:#116329}.fail{color:#a4161a}.wait{color:#5c4500}
.bs{position:absolute;top:8px;right:8px;display:flex;gap:4px}
button{all:unset;box-sizing:border-box;padding:4px 10px;border:1px solid #6b6b6b;border-radius:6px;background:#fff;cursor:pointer;font-weight:600}
button:hover{background:#eee}
:focus-visible{outline:2px solid #1b1b1b;outline-offset:2px}
@media(forced-colors:active){.d,button{border-color:CanvasText}button{border-color:ButtonText}:focus-visible{outline-color:CanvasText}}`;

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
};

function row(c: Check): HTMLTableRowElement {
  const tr = el('tr');
  const th = el('th', c.condition);
  th.scope = 'row';
  tr.append(th, el('td', WORD[c.status], c.status), el('td', c.detail));
  return tr;
}

function table(r: SurveyReport): HTMLTableElement {
  const t = el('table');
  t.setAttribute('aria-label', `Conditions of survey ${r.id}`);
  const head = el('tr');
  for (const h of ['Condition', 'Result', 'Why']) {
    const th = el('th', h);
    th.scope = 'col';
    head.append(th);
  }
  const body = el('tbody');
  body.append(...r.checks.map(row));
  t.append(el('thead'), body);
  t.tHead!.append(head);
  return t;
}

/**
 * Adds the panel to the page. `onClose` runs when the visitor closes it;
 * `actions` are extra buttons (a preview's "End preview").
 */
export function createPanel(doc: Document, nonce: string | undefined, onClose: () => void, actions: Array<{ label: string; run: () => void }> = []): PanelHandle {
  const host = doc.createElement('sayso-debug');
  const root = host.attachShadow({ mode: 'open' });
  const style = el('style', CSS);
  if (nonce) style.nonce = nonce;
  const section = el('section', undefined, 'd');
  section.setAttribute('aria-labelledby', 'sd-h');
  const heading = el('h2', 'sayso: why is it (not) showing?');
  heading.id = 'sd-h';
  const buttons = el('div', undefined, 'bs');
  for (const a of actions) {
    const b = el('button', a.label);
    b.type = 'button';
    b.onclick = a.run;
    buttons.append(b);
  }
  const close = el('button', 'Close');
  close.type = 'button';
  close.setAttribute('aria-label', 'Close the sayso debug panel');
  buttons.append(close);
  // The notice stays one element, changed only when its words do: a live region re-announces what is re-inserted.
  const note = el('p');
  note.hidden = true;
  const content = el('div');
  section.append(heading, buttons, note, content);
  root.append(style, section);
  doc.body.append(host);
  const remove = (): void => {
    host.remove();
    onClose();
  };
  close.onclick = remove;
  section.addEventListener('keydown', (e) => {
    if (e.key == 'Escape') {
      e.stopPropagation();
      remove();
    }
  });
  return {
    render(reports, notice) {
      const parts: HTMLElement[] = [];
      note.hidden = !notice;
      if (notice && note.textContent != notice.text) {
        note.className = notice.error ? 'n e' : 'n';
        note.setAttribute('role', notice.error ? 'alert' : 'status');
        note.textContent = notice.text;
      }
      if (!reports.length) parts.push(el('p', 'No survey is in force on this page (none configured, or none valid).'));
      for (const r of reports) {
        parts.push(el('h3', `${r.id}: ${UPSHOT[r.status]}`), el('p', r.summary), table(r));
      }
      content.replaceChildren(...parts);
    },
    remove: () => host.remove(),
  };
}
