// A PostgreSQL database for a benchmark: a new database on
// SAYSO_TEST_DATABASE_URL's server, or on a throwaway server started with
// .ci/postgres.sh when Debian's postgresql is installed. `stop` drops it all.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';

const root = fileURLToPath(new URL('../../..', import.meta.url));

async function serverUrl() {
  if (process.env.SAYSO_TEST_DATABASE_URL) return { url: process.env.SAYSO_TEST_DATABASE_URL, stop: async () => {} };
  if (!existsSync('/usr/lib/postgresql')) return null;
  // The shell keeps the server alive until we close its stdin; its EXIT trap stops it.
  const sh = spawn('bash', ['-c', 'source .ci/postgres.sh && start_test_postgres >&2 && echo "$SAYSO_TEST_DATABASE_URL" && read _'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise((resolve) => {
    let out = '';
    sh.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.trim());
    });
    sh.on('exit', () => resolve(null));
  });
  if (!url) return null;
  return { url, stop: () => new Promise((r) => { sh.on('exit', r); sh.stdin.end(); }) };
}

/** `{ url, stop }` of a new empty database, or null when no PostgreSQL is at hand. */
export async function freshPostgres(prefix) {
  const server = await serverUrl();
  if (!server) return null;
  const name = `${prefix}_${Date.now()}`;
  const admin = postgres(server.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const u = new URL(server.url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async stop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
      await server.stop();
    },
  };
}
