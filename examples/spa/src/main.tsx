// A three-route Preact app with a tiny pushState router (`?page=…`), so
// navigations are real SPA navigations that sayso follows.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { sayso } from './sayso.js';

type Page = 'home' | 'pricing' | 'reports';
const pages: Page[] = ['home', 'pricing', 'reports'];
const current = (): Page => {
  const p = new URLSearchParams(location.search).get('page') as Page | null;
  return p && pages.includes(p) ? p : 'home';
};

function App() {
  const [page, setPage] = useState<Page>(current);
  const [log, setLog] = useState<string[]>([]);
  useEffect(() => {
    const onPop = () => setPage(current());
    addEventListener('popstate', onPop);
    const offs = (['show', 'submit', 'dismiss', 'delivered'] as const).map((name) =>
      sayso.on(name, (e) => setLog((l) => [...l, `${name} ${'surveyId' in e ? e.surveyId : 'ids' in e ? e.ids.length : ''}`])),
    );
    return () => {
      removeEventListener('popstate', onPop);
      offs.forEach((off) => off());
    };
  }, []);
  const go = (p: Page) => (e: Event) => {
    e.preventDefault();
    history.pushState(null, '', `?page=${p}`);
    setPage(p);
  };
  return (
    <>
      <nav>
        {pages.map((p) => (
          <a key={p} href={`?page=${p}`} onClick={go(p)} aria-current={page === p ? 'page' : undefined}>
            {p[0]!.toUpperCase() + p.slice(1)}
          </a>
        ))}
      </nav>
      {page === 'home' && <h1>Welcome to Acme</h1>}
      {page === 'pricing' && (
        <>
          <h1>Pricing</h1>
          <p>Stay here for three seconds and an NPS survey appears; leave earlier and it does not.</p>
        </>
      )}
      {page === 'reports' && (
        <>
          <h1>Reports</h1>
          <button type="button" onClick={() => sayso.track('report-exported', { rows: 120, format: 'csv' })}>
            Export CSV
          </button>
        </>
      )}
      <h2>sayso events</h2>
      <pre id="log">{log.join('\n')}</pre>
    </>
  );
}

render(<App />, document.getElementById('app')!);
