// `sayso-collector surveys export` / `import`, run as a user runs them: the
// built CLI in its own process, on PGlite data folders.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createCollector } from './collector.js';
import { testConfig } from './test-fixtures.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const cli = join(repo, 'packages/collector/dist/cli.js');
let dir = '';

function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd: dir, timeout: 60_000 }, (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }));
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sayso-cli-surveys-'));
  // A data folder holding the config file's surveys, as a first start leaves it.
  const c = await createCollector({ config: testConfig(), dataDir: join(dir, 'a'), logLevel: 'silent', sdkDir: false, examplesDir: false, compactEveryMs: 0, countTermsEveryMs: 0, refreshSitesEveryMs: 0 });
  await c.close();
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

test.runIf(existsSync(cli))('export, import elsewhere, export again: the same file; a bad survey is refused with its path and writes nothing', async () => {
  const exported = await run('surveys', 'export', '--data-dir', join(dir, 'a'), '--out', join(dir, 'a.json'));
  expect(exported, exported.err).toMatchObject({ code: 0 });
  const text = await readFile(join(dir, 'a.json'), 'utf8');
  const doc = JSON.parse(text) as { sites: Array<{ id: string; surveys: Array<{ id: string; versions: unknown[]; draft: Record<string, unknown> }> }> };
  expect(doc.sites[0]!.surveys.map((s) => [s.id, s.versions.length])).toEqual([
    ['nps-main', 1],
    ['csat-checkout', 1],
  ]);

  const bad = structuredClone(doc);
  bad.sites[0]!.surveys[1]!.draft.kind = 'stars';
  await writeFile(join(dir, 'bad.json'), JSON.stringify(bad));
  const refused = await run('surveys', 'import', join(dir, 'bad.json'), '--data-dir', join(dir, 'b'));
  expect(refused.code).toBe(1);
  expect(refused.err).toContain('sites[0].surveys[1].draft.kind');
  const empty = await run('surveys', 'export', '--data-dir', join(dir, 'b'));
  expect(JSON.parse(empty.out)).toEqual({ format: 'sayso-surveys', formatVersion: 1, sites: [] });

  const imported = await run('surveys', 'import', join(dir, 'a.json'), '--data-dir', join(dir, 'b'));
  expect(imported, imported.err).toMatchObject({ code: 0, out: expect.stringContaining('imported 2 surveys') });
  const again = await run('surveys', 'export', '--data-dir', join(dir, 'b'));
  expect(again.out).toBe(text);
  expect((await run('surveys', 'export', '--site', 'nope', '--data-dir', join(dir, 'b'))).code).toBe(1);
  expect((await run('surveys', 'frobnicate', '--data-dir', join(dir, 'b'))).err).toContain('usage: sayso-collector surveys export');
}, 180_000);
