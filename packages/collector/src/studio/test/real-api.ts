// Component tests talk to a real collector: msw catches the studio's
// same-origin fetches (jsdom has no server at its origin) and hands each one
// to an in-process collector on PGlite, with the cookie of a real signed-in
// user of the role the test chose. Roles, If-Match, 409s and diffs are the
// API's own, so a component test fails when the studio and the API disagree.
import { configure } from '@testing-library/preact';
import { http, type RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import type { Role } from '../../auth/roles.js';
import type { Collector } from '../../collector.js';
import { addUser, signIn } from '../../admin/people-fixtures.js';
import type { CollectorConfig } from '../../config.js';
import { SELF, testCollector, testConfig } from '../../test-fixtures.js';
import { loadSession } from '../session.js';

export interface RealApi {
  collector: Collector;
  /** Acts as `<role>@shop.test` from now on (and reloads the studio's session, so `me` says so). */
  as(role: Role): Promise<void>;
  /**
   * Puts `handlers` before the collector for the rest of the test file (a
   * state the real collector is hard to drive into on cue, such as its read
   * gate's 503); `reset()` takes them away.
   */
  use(...handlers: RequestHandler[]): void;
  reset(): void;
  close(): Promise<void>;
}

const ROLES: Role[] = ['viewer', 'editor', 'publisher', 'admin'];

// Each screen here waits on a real collector (PGlite, scrypt, the activity log), which on a busy 2-core CI
// machine can take longer than testing-library's 1 s default for findBy/waitFor; a real failure still fails.
configure({ asyncUtilTimeout: 10_000 });

/** A collector with one user per role (`<role>@shop.test`) behind the studio's fetches; the site is `demo`. `config` overrides parts of the test config (webhooks that may reach loopback, for one). */
export async function realApi(options: { config?: Partial<CollectorConfig> } = {}): Promise<RealApi> {
  const collector = await testCollector({ refreshSitesEveryMs: 0, ...(options.config ? { config: testConfig(options.config) } : {}) });
  const cookies = new Map<Role, string>();
  for (const role of ROLES) {
    await addUser(collector, `${role}@shop.test`, role);
    cookies.set(role, await signIn(collector, `${role}@shop.test`));
  }
  let role: Role = 'admin';
  const server = setupServer(
    // The admin API and the reading API the report uses (scores, comments, insights, export): one guard, one cookie.
    http.all('*/v1/*', async ({ request }) => {
      const url = new URL(request.url);
      const headers = new Headers(request.headers);
      headers.set('cookie', cookies.get(role)!);
      // What the browser adds to a same-origin state-changing request (the CSRF check reads it).
      headers.set('origin', SELF);
      const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
      return collector.fetch(new Request(SELF + url.pathname + url.search, { method: request.method, headers, ...(body ? { body } : {}) }));
    }),
  );
  server.listen({ onUnhandledRequest: 'error' });
  return {
    collector,
    as: async (r) => {
      role = r;
      await loadSession();
    },
    use: (...handlers) => server.use(...handlers),
    reset: () => server.resetHandlers(),
    close: async () => {
      server.close();
      await collector.close();
    },
  };
}
