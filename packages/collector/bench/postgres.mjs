// A PostgreSQL database for a benchmark: a new database on
// SAYSO_TEST_DATABASE_URL's server, or on a throwaway server started with
// .ci/postgres.sh when Debian's postgresql is installed. `stop` drops it all.
// `keptPostgres` names its database and keeps it, for fills worth reusing.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
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

/**
 * `{ url, existed, drop, stop }` of the database `name` on SAYSO_TEST_DATABASE_URL's
 * server, created when missing and kept by `stop` (`drop` recreates it empty),
 * or null without that variable: a throwaway server would not outlive the run.
 */
export async function keptPostgres(name) {
  if (!process.env.SAYSO_TEST_DATABASE_URL) return null;
  const admin = postgres(process.env.SAYSO_TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  const [row] = await admin`select 1 as x from pg_database where datname = ${name}`;
  if (!row) await admin.unsafe(`create database ${name}`);
  const u = new URL(process.env.SAYSO_TEST_DATABASE_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    existed: Boolean(row),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.unsafe(`create database ${name}`);
    },
    stop: () => admin.end(),
  };
}

/**
 * CPU milliseconds (user + system) of the PostgreSQL backends serving `database`,
 * from /proc (Linux only; null elsewhere). Throughput on a shared machine is
 * noisy; CPU per response is the steadier figure for A/B comparisons.
 */
export function postgresCpuMs(database) {
  if (!database || !existsSync('/proc/self/stat')) return null;
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      // Backends name themselves "postgres: <user> <database> <client> <state>".
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.startsWith('postgres: ') || !cmdline.includes(` ${database} `)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}
