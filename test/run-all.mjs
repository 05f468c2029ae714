// Runs every test runner (vitest for unit/component/collector tests,
// Playwright for real-Chromium tests), then prints one closing line summed
// over both: `N passed, N failed`. Exits non-zero when anything failed or a
// runner crashed without reporting.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const vitestJson = join(root, '.vitest-results.json');
const pwJson = join(root, '.playwright-results.json');
rmSync(vitestJson, { force: true });
rmSync(pwJson, { force: true });

const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status;

let passed = 0;
let failed = 0;
let crashed = false;

// --- vitest ---
const vStatus = run(bin('vitest'), [
  'run', '--config', 'test/vitest.config.mts',
  '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`,
]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // A file that fails to load counts as a failure even with no test inside it.
  const loadFailures = (r.testResults ?? []).filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  failed += loadFailures;
  if (vStatus !== 0 && r.numFailedTests + loadFailures === 0) {
    failed += 1; // unhandled error or similar: never report green
    console.error(`vitest exited ${vStatus}`);
  }
} else {
  crashed = true;
  console.error(`vitest exited ${vStatus} without a report`);
}

// --- Playwright (only when there are specs) ---
const hasSpecs = (dir) =>
  existsSync(dir) &&
  readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith('.spec.ts'));
if (hasSpecs(join(root, 'test', 'browser'))) {
  const pStatus = run(bin('playwright'), ['test', '--config', 'test/playwright.config.ts', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
  });
  if (existsSync(pwJson)) {
    const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats;
    passed += s.expected + (s.flaky ?? 0);
    failed += s.unexpected;
    if (pStatus !== 0 && s.unexpected === 0) {
      failed += 1; // e.g. a global setup error: never report green
      console.error(`playwright exited ${pStatus}`);
    }
  } else {
    crashed = true;
    console.error(`playwright exited ${pStatus} without a report`);
  }
}

if (crashed) failed += 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
