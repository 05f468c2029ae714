// The studio's frame: a skip link, the navigation (Surveys, Responses,
// Report, Alerts, Sites, Users, Activity), the site picker, and the screen the location names.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { signedOut } from './api/client.js';
import { Link, location, match, navigate } from './router.js';
import { lazyScreen } from './components/lazy.js';
import { SignIn } from './routes/sign-in/SignIn.js';
import { SitesScreen } from './routes/sites/Sites.js';
import { EditorScreen } from './routes/survey-editor/Editor.js';
import { SurveysScreen } from './routes/surveys/Surveys.js';
import { DisabledWebhooksNotice } from './routes/webhooks/notice.js';
import { can, chooseSite, loadSession, me, siteId, sites, signOut } from './session.js';

// The screens a marketer opens now and then load on demand, so the first
// bundle holds the sign-in, the surveys and the editor. The report is a
// chunk of its own too (its cards, insights and band split; uPlot, a
// further chunk, loads when it first draws).
const ReportScreen = lazyScreen(() => import('./routes/report/Report.js').then((m) => m.ReportScreen), 'the report');
const ActivityScreen = lazyScreen(() => import('./routes/activity/Activity.js').then((m) => m.ActivityScreen), 'the activity log');
const PublishRequestsScreen = lazyScreen(() => import('./routes/publish-requests/PublishRequests.js').then((m) => m.PublishRequestsScreen), 'the publish requests');
const TokensScreen = lazyScreen(() => import('./routes/tokens/Tokens.js').then((m) => m.TokensScreen), 'the API tokens');
const AlertsScreen = lazyScreen(() => import('./routes/alerts/Alerts.js').then((m) => m.AlertsScreen), 'the alerts');
const WebhooksScreen = lazyScreen(() => import('./routes/webhooks/Webhooks.js').then((m) => m.WebhooksScreen), 'the webhooks');
const UsersScreen = lazyScreen(() => import('./routes/users/Users.js').then((m) => m.UsersScreen), 'the users');
const ResponsesScreen = lazyScreen(() => import('./routes/responses/Responses.js').then((m) => m.ResponsesScreen), 'the responses');
const AnswerScreen = lazyScreen(() => import('./routes/responses/Answer.js').then((m) => m.AnswerScreen), 'the answer');

function Screen() {
  const path = location.value.split('?')[0]!.replace(/\/+$/, '') || '/studio';
  const site = siteId.value;
  const editor = match('/studio/surveys/:site/:id', path);
  if (editor) return <EditorScreen key={editor.site} site={editor.site!} id={editor.id!} />;
  const answer = match('/studio/responses/:site/:id', path);
  if (answer) return <AnswerScreen key={answer.site! + answer.id} site={answer.site!} id={answer.id!} />;
  if (path === '/studio/sites') return <SitesScreen />;
  if (path === '/studio/users') return can('admin') ? <UsersScreen /> : <Note title="Users">Users are managed by admins.</Note>;
  if (path === '/studio/tokens') return <TokensScreen />;
  if (path === '/studio/activity') return <ActivityScreen site={site} />;
  if (!site) return <Note title="No site yet">{can('admin') ? <Link href="/studio/sites">Add a site.</Link> : 'Ask an admin to add one.'}</Note>;
  if (path === '/studio/requests') return <PublishRequestsScreen key={site} site={site} />;
  if (path === '/studio/responses') return <ResponsesScreen key={site} site={site} />;
  const webhook = match('/studio/webhooks/:id', path);
  if (path === '/studio/webhooks' || webhook) return <WebhooksScreen key={site} site={site} id={webhook?.id} />;
  if (path === '/studio/alerts') return <AlertsScreen key={site} site={site} />;
  if (path === '/studio/report') return <ReportScreen key={site} site={site} />;
  if (path === '/studio' || path === '/studio/surveys') return <SurveysScreen key={site} site={site} />;
  return <Note title="Not found">There is no such page in the studio.</Note>;
}

/** A screen that is only a sentence (still with its heading, for the outline and screen readers). */
function Note({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <>
      <h1>{title}</h1>
      <p>{children}</p>
    </>
  );
}

function Nav() {
  const items: Array<[string, string, boolean]> = [
    ['/studio/surveys', 'Surveys', true],
    ['/studio/responses', 'Responses', true],
    ['/studio/requests', 'Publish requests', true],
    ['/studio/report', 'Report', true],
    ['/studio/alerts', 'Alerts', true],
    ['/studio/sites', 'Sites', true],
    ['/studio/users', 'Users', can('admin')],
    ['/studio/activity', 'Activity', true],
    ['/studio/webhooks', 'Webhooks', can('admin')],
    ['/studio/tokens', 'API tokens', me.value?.kind === 'user'],
  ];
  return (
    <header class="top">
      <a class="skip" href="#main">
        Skip to the content
      </a>
      <span class="brand">sayso studio</span>
      <nav aria-label="Studio">
        <ul>
          {items
            .filter(([, , shown]) => shown)
            .map(([href, label]) => (
              <li key={href}>
                <Link href={href}>{label}</Link>
              </li>
            ))}
        </ul>
      </nav>
      {sites.value.length > 0 && (
        <div class="field inline">
          <label for="site-picker">Site</label>
          <select id="site-picker" value={siteId.value ?? ''} onChange={(e) => chooseSite(e.currentTarget.value)}>
            {sites.value.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name || s.id}
              </option>
            ))}
          </select>
        </div>
      )}
      <span class="who">
        {me.value?.email || me.value?.name} <span class="muted">({me.value?.role})</span>
      </span>
      <button type="button" onClick={() => void signOut().then(() => navigate('/studio'))}>
        Sign out
      </button>
    </header>
  );
}

export function App() {
  useEffect(() => void loadSession(), []);
  if (me.value === undefined) return <p class="muted loading">Loading…</p>;
  if (me.value === null || signedOut.value) return <SignIn />;
  return (
    <>
      <Nav />
      <main id="main" tabIndex={-1}>
        <DisabledWebhooksNotice />
        <Screen />
      </main>
    </>
  );
}
