// The collector killed with SIGKILL while deliveries are in flight, then
// started again: nothing acknowledged is lost. The real CLI (the built
// dist/cli.js, as `pnpm start` runs it) in a child process, on a PGlite data
// folder, and on PostgreSQL too when SAYSO_TEST_DATABASE_URL is set.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterEach, describe, expect, test } from 'vitest';
import { ORIGIN, SECRET, response, testConfig } from '../test-fixtures.js';
import type { Delivery } from './outbox.js';
import { startReceiver } from './test-receiver.js';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const pgUrl = process.env.SAYSO_TEST_DATABASE_URL;

const children = new Set<ChildProcess>();
process.once('exit', () => children.forEach((c) => c.kill('SIGKILL')));
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  children.forEach((c) => c.kill('SIGKILL'));
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** Starts the CLI; resolves with its URL once it listens. */
function start(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'info' } });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the collector did not start:\n${out}`)), 60_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"msg":"listening","url":"([^"]+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', read);
        child.stdout!.resume();
        resolve({ child, url: m[1]! });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code, signal) => reject(new Error(`the collector exited (${code ?? signal}):\n${out}`)));
  });
}

const storages: Array<[string, () => Promise<string[]>]> = [
  [
    'PGlite',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'sayso-crash-'));
      cleanup.push(() => rm(dir, { recursive: true, force: true }));
      return ['--data-dir', dir];
    },
  ],
];
if (pgUrl) {
  storages.push([
    'PostgreSQL',
    async () => {
      const name = `sayso_crash_${Date.now().toString(36)}`;
      const admin = postgres(pgUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      cleanup.push(async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      });
      const u = new URL(pgUrl);
      u.pathname = `/${name}`;
      return ['--database-url', u.toString()];
    },
  ]);
}

describe.skipIf(!existsSync(cli))('a crash with deliveries in flight', () => {
  test.each(storages)('SIGKILL, then a restart: every delivery arrives (%s)', async (_name, storage) => {
    const receiver = await startReceiver();
    cleanup.push(() => receiver.close());
    // Each request takes a second to answer, so several are in flight when the collector dies.
    receiver.answer(() => ({ status: 200, delayMs: 1000 }));
    const dir = await mkdtemp(join(tmpdir(), 'sayso-crash-config-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const configFile = join(dir, 'sayso.config.json');
    await writeFile(configFile, JSON.stringify(testConfig({ webhooks: { allowedNetworks: ['127.0.0.1/32'], retryScale: 0.001, pollMs: 50, timeoutMs: 2000, concurrency: 4 } })));
    const args = ['--config', configFile, '--port', '0', ...(await storage())];

    const first = await start(args);
    const auth = { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' };
    const made = await fetch(`${first.url}/v1/admin/sites/demo/webhooks`, { method: 'POST', headers: auth, body: JSON.stringify({ url: `${receiver.url}/hook`, eventTypes: ['response.created'] }) });
    expect(made.status).toBe(201);
    const endpoint = ((await made.json()) as { endpoint: { id: string } }).endpoint.id;
    const sent = Array.from({ length: 30 }, (_, i) => response({ score: i % 11 }));
    for (let i = 0; i < sent.length; i += 10) {
      const res = await fetch(`${first.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: JSON.stringify({ site: 'demo', responses: sent.slice(i, i + 10) }) });
      expect(res.status).toBe(200);
    }
    await receiver.waitFor(4, 20_000);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const inFlight = receiver.received.length - receiver.answered.length;
    expect(inFlight).toBeGreaterThan(0);
    expect(receiver.answered.length).toBeLessThan(30);

    const second = await start(args);
    const deadline = Date.now() + 60_000;
    const bodies = () => new Set(receiver.received.filter((r) => receiver.answered.includes(String(r.headers['webhook-id']))).map((r) => (JSON.parse(r.body) as { data: { response: { id: string } } }).data.response.id));
    while (bodies().size < 30 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(bodies()).toEqual(new Set(sent.map((s) => s.id.toLowerCase())));
    const log = (await (await fetch(`${second.url}/v1/admin/sites/demo/webhooks/${endpoint}/deliveries?limit=200`, { headers: auth })).json()) as { deliveries: Delivery[] };
    expect(log.deliveries).toHaveLength(30);
    // Settled as the receiver answered: the ones cut off by the kill were sent again after their claim ran out.
    const settle = Date.now() + 10_000;
    let deliveries = log.deliveries;
    while (deliveries.some((d) => d.status !== 'succeeded') && Date.now() < settle) {
      await new Promise((r) => setTimeout(r, 200));
      deliveries = ((await (await fetch(`${second.url}/v1/admin/sites/demo/webhooks/${endpoint}/deliveries?limit=200`, { headers: auth })).json()) as { deliveries: Delivery[] }).deliveries;
    }
    expect(deliveries.every((d) => d.status === 'succeeded')).toBe(true);
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
  }, 150_000);
});
