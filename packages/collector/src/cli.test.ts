// `pnpm start` is `pnpm build && node packages/collector/dist/cli.js --dev`:
// this runs that built entry as a user would (from the repo root, in its own
// process, embedded storage in a temp folder), reads what it prints, and
// follows the printed URLs. On port 8787 when it is free (the default, no
// --port); when something else holds 8787 (another collector, another
// engineer's run), on a free port through `--port`, the same code path.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const cli = join(repo, 'packages/collector/dist/cli.js');
const DEFAULT_PORT = 8787;

/** Resolves with `port` if nothing listens on it, else with a free port the OS picks. */
function portToUse(port: number): Promise<{ port: number; isDefault: boolean }> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => {
      const other = createServer();
      other.listen(0, '127.0.0.1', () => {
        const free = (other.address() as { port: number }).port;
        other.close(() => resolve({ port: free, isDefault: false }));
      });
    });
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve({ port, isDefault: true })));
  });
}

let child: ChildProcess | undefined;
let out = '';
let dataDir = '';
let port = DEFAULT_PORT;
const exited = () => child?.exitCode !== null || child?.signalCode !== null;

// However the test ends (failure, timeout, the worker exiting), the collector goes with it.
const killNow = () => {
  if (child && !exited()) child.kill('SIGKILL');
};
process.once('exit', killNow);

async function stop(): Promise<number | null> {
  if (!child || exited()) return child?.exitCode ?? null;
  const done = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  const timer = setTimeout(killNow, 15_000);
  const code = await done;
  clearTimeout(timer);
  return code;
}

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`pnpm build\` first (pnpm test does)`);
  dataDir = await mkdtemp(join(tmpdir(), 'sayso-cli-'));
  const chosen = await portToUse(DEFAULT_PORT);
  port = chosen.port;
  if (!chosen.isDefault) console.warn(`port ${DEFAULT_PORT} is in use: testing the CLI on ${port} through --port`);
  const args = [cli, '--dev', '--data-dir', dataDir, ...(chosen.isDefault ? [] : ['--port', String(port)])];
  // PORT in the test's environment would override the default; the CLI must see what a user's shell has.
  const env = { ...process.env };
  delete env.PORT;
  delete env.DATABASE_URL;
  child = spawn(process.execPath, args, { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  // Ready once it has printed the demo's API token (the last line of its banner in --dev).
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 90 s; output:\n${out}`)), 90_000);
    const check = () => {
      if (/API token \(the config secret\): .+\n/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child!.stdout!.on('data', check);
    child!.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the CLI exited with ${code} before listening; output:\n${out}`));
    });
  });
}, 120_000);

afterAll(async () => {
  await stop();
  process.off('exit', killNow);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const base = () => `http://localhost:${port}`;

test('prints where it listens, the examples, a link survey, the studio and its report, and the demo secret as an API token', () => {
  expect(out).toContain(`sayso collector on http://127.0.0.1:${port} (pglite, data in ${dataDir})`);
  for (const name of ['marketer', 'script-tag', 'spa']) expect(out).toContain(`  ${base()}/examples/${name}/`);
  expect(out).toMatch(new RegExp(`Link survey: ${base()}/s/demo/[\\w-]+ {2}\\(one click: \\?score=9\\)`));
  expect(out).toContain(`Studio: ${base()}/studio\n`);
  expect(out).toContain(`Report: ${base()}/studio/report\n`);
  expect(out).toContain('API token (the config secret): demo-secret  (Authorization: Bearer demo-secret)');
  expect(out).not.toContain(`${base()}/report`);
});

test('the printed URLs answer: examples, link survey, report', async () => {
  const printed = [...out.matchAll(/http:\/\/localhost:\d+\/\S+/g)].map((m) => m[0]);
  expect(printed.length).toBeGreaterThanOrEqual(5);
  for (const url of printed) {
    const res = await fetch(url);
    expect(res.status, url).toBe(200);
    expect(res.headers.get('content-type'), url).toMatch(/^text\/html/);
  }
  // The report is the studio's (its shell, which signs in); the old address sends a bookmark there.
  expect(printed).toContain(`${base()}/studio/report`);
  const old = await fetch(`${base()}/report?site=demo`, { redirect: 'manual' });
  expect(old.status).toBe(301);
  expect(old.headers.get('location')).toBe('/studio/report?site=demo');
});

test('the printed API token is the admin API\'s Bearer token (the config secret keeps working for automation)', async () => {
  const token = /API token \(the config secret\): (\S+)/.exec(out)![1]!;
  const me = await fetch(`${base()}/v1/admin/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(me.status).toBe(200);
  expect(await me.json()).toMatchObject({ kind: 'secret', role: 'admin' });
  expect((await fetch(`${base()}/v1/scores`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  expect((await fetch(`${base()}/v1/admin/me`, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
});

test('prints the demo account, which signs in to the admin API (the newcomer\'s first step)', async () => {
  const m = /Studio sign-in: (\S+) {2}password: (\S+)/.exec(out);
  expect(m?.[1]).toBe('demo@sayso.dev');
  const res = await fetch(`${base()}/v1/admin/session`, {
    method: 'POST',
    headers: { origin: base(), 'content-type': 'application/json' },
    body: JSON.stringify({ email: m![1], password: m![2] }),
  });
  expect(res.status).toBe(204);
  const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  const me = await fetch(`${base()}/v1/admin/me`, { headers: { cookie } });
  expect(await me.json()).toMatchObject({ email: 'demo@sayso.dev', role: 'admin', kind: 'user' });
});

test('users commands refuse a data folder a running collector holds (PGlite is one process\'s database)', () => {
  const r = spawnSync(process.execPath, [cli, 'users', 'list', '--data-dir', dataDir], { cwd: repo, encoding: 'utf8' });
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/E_ARGUMENT_INVALID: --data-dir: a collector \(pid \d+\) is running on/);
});

test('serves /healthz and the built SDK at /sdk/sayso.js', async () => {
  const health = await fetch(`${base()}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ ok: true, storage: 'pglite' });
  const sdk = await fetch(`${base()}/sdk/sayso.js`);
  expect(sdk.status).toBe(200);
  expect(sdk.headers.get('content-type')).toMatch(/javascript/);
  expect((await sdk.text()).length).toBeGreaterThan(1000);
});

test('a demo page can deliver to it: the demo site allows its own origin', async () => {
  const res = await fetch(`${base()}/v1/sites/demo/surveys`, { headers: { origin: base() } });
  expect(res.status).toBe(200);
  expect(res.headers.get('access-control-allow-origin')).toBe(base());
});

test('SIGTERM stops it cleanly (exit code 0) and frees the port', async () => {
  expect(await stop()).toBe(0);
  expect(existsSync(join(dataDir, 'collector.pid'))).toBe(false);
  expect(out).toContain('SIGTERM: finishing in-flight requests');
  await expect(fetch(`${base()}/healthz`)).rejects.toThrow();
});
