// Sites: create one (admin), edit its origins and segments, copy the
// snippet and the script tag, and see whether each allowed origin has been
// heard from yet (the installation check).
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ApiError, admin, call } from '../../api/client.js';
import type { Install, Site } from '../../api/types.js';
import { can, loadSites, sites } from '../../session.js';

const lines = (text: string) =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

function Copy({ label, text, id }: { label: string; text: string; id: string }) {
  const done = useSignal('');
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea id={id} readOnly rows={Math.min(8, text.split('\n').length + 1)} value={text} class="code" />
      <div class="row">
        <button
          type="button"
          onClick={() =>
            navigator.clipboard.writeText(text).then(
              () => (done.value = 'Copied.'),
              () => (done.value = 'Select the text and copy it (this browser refused the clipboard).'),
            )
          }
        >
          Copy {label.toLowerCase()}
        </button>
        <span role="status">{done.value}</span>
      </div>
    </div>
  );
}

function SiteCard({ site }: { site: Site }) {
  const install = useSignal<Install | null>(null);
  const etag = useSignal<string | null>(null);
  const origins = useSignal(site.origins.join('\n'));
  const segments = useSignal(site.segments.join(', '));
  const message = useSignal('');
  useEffect(() => {
    call<Install>('GET', admin('sites', site.id, 'install')).then(({ data }) => (install.value = data), () => {});
    call<Site>('GET', admin('sites', site.id)).then(({ etag: t }) => (etag.value = t), () => {});
  }, [site.id]);
  const seen = new Map(site.seen.map((s) => [s.origin, s.lastSeenAt]));
  return (
    <section class="card stack" aria-labelledby={`site-${site.id}`} data-site={site.id}>
      <h2 id={`site-${site.id}`}>
        {site.name} <span class="muted">({site.id})</span>
      </h2>
      <table>
        <caption>Installation check</caption>
        <thead>
          <tr>
            <th scope="col">Allowed origin</th>
            <th scope="col">Last page view</th>
          </tr>
        </thead>
        <tbody>
          {site.origins.length === 0 && (
            <tr>
              <td colSpan={2}>No origins allowed yet.</td>
            </tr>
          )}
          {site.origins.map((o) => (
            <tr key={o}>
              <th scope="row">{o}</th>
              <td>{seen.get(o) ? new Date(seen.get(o)!).toLocaleString() : 'waiting for the first page view…'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {install.value && (
        <>
          <Copy label="Snippet" id={`snippet-${site.id}`} text={install.value.snippet} />
          <Copy label="Script tag" id={`tag-${site.id}`} text={install.value.scriptTag} />
        </>
      )}
      {can('admin') && (
        <form
          class="stack"
          aria-label={`Settings of ${site.id}`}
          onSubmit={async (e) => {
            e.preventDefault();
            try {
              const { etag: t } = await call<Site>('PATCH', admin('sites', site.id), { body: { origins: lines(origins.value), segments: lines(segments.value) }, ifMatch: etag.value });
              etag.value = t;
              message.value = 'Saved.';
              await loadSites();
            } catch (err) {
              message.value = err instanceof ApiError ? (err.status === 409 ? 'Someone else changed this site; reload to see their change.' : err.message) : String(err);
            }
          }}
        >
          <div class="field">
            <label for={`origins-${site.id}`}>Allowed origins (one a line)</label>
            <textarea id={`origins-${site.id}`} rows={3} value={origins.value} onInput={(e) => (origins.value = e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for={`segments-${site.id}`}>Segments (attributes the report may split by)</label>
            <input id={`segments-${site.id}`} type="text" value={segments.value} onInput={(e) => (segments.value = e.currentTarget.value)} />
          </div>
          <div class="row">
            <button type="submit">Save site</button>
            <span role="status">{message.value}</span>
          </div>
        </form>
      )}
    </section>
  );
}

export function SitesScreen() {
  const error = useSignal('');
  // Fresh on every visit: the installation check is the point of this screen.
  useEffect(() => void loadSites().catch((err: unknown) => (error.value = err instanceof ApiError ? err.message : String(err))), []);
  return (
    <>
      <div class="toolbar">
        <h1>Sites</h1>
      </div>
      {sites.value.map((s) => (
        <SiteCard key={s.id} site={s} />
      ))}
      {can('admin') && (
        <form
          class="card stack"
          aria-labelledby="new-site"
          onSubmit={async (e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const f = new FormData(form);
            try {
              await call<Site>('POST', admin('sites'), {
                body: { id: String(f.get('id')), name: String(f.get('name')), origins: lines(String(f.get('origins'))), segments: lines(String(f.get('segments'))) },
              });
              error.value = '';
              form.reset();
              await loadSites();
            } catch (err) {
              error.value = err instanceof ApiError ? (err.path ? `${err.path}: ${err.message}` : err.message) : String(err);
            }
          }}
        >
          <h2 id="new-site">Add a site</h2>
          <div class="row">
            <div class="field">
              <label for="site-id">Site id</label>
              <input id="site-id" name="id" required pattern="[A-Za-z0-9._\-]{1,64}" />
            </div>
            <div class="field">
              <label for="site-name">Name</label>
              <input id="site-name" name="name" required />
            </div>
          </div>
          <div class="field">
            <label for="site-origins">Allowed origins (one a line)</label>
            <textarea id="site-origins" name="origins" rows={2} placeholder="https://shop.example" />
          </div>
          <div class="field">
            <label for="site-segments">Segments</label>
            <input id="site-segments" name="segments" placeholder="plan, country" />
          </div>
          <p class="error" role="alert">
            {error.value}
          </p>
          <button class="primary" type="submit">
            Add site
          </button>
        </form>
      )}
    </>
  );
}
