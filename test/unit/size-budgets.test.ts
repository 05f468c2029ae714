// Size budgets are checked on every test run (so in CI), not only by
// `pnpm size`: each size-limit entry in the root package.json must pass
// against the freshly built packages (`pnpm test` builds first).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const entries: Array<{ name: string }> = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))['size-limit'];

interface SizeResult {
  name: string;
  passed: boolean;
  size: number;
  sizeLimit: number;
}

function measure(): SizeResult[] {
  let out: string;
  try {
    out = execFileSync(join(root, 'node_modules', '.bin', 'size-limit'), ['--json'], { cwd: root, encoding: 'utf8' });
  } catch (err) {
    // size-limit exits 1 when a budget fails but still prints its JSON.
    out = String((err as { stdout?: string }).stdout ?? '');
    if (!out.trim()) throw err;
  }
  return JSON.parse(out) as SizeResult[];
}

describe('bundle size budgets (gzip)', () => {
  const results = measure();

  it('measures every entry', () => {
    expect(results.map((r) => r.name)).toEqual(entries.map((e) => e.name));
  });

  for (const entry of entries) {
    it(`${entry.name} is within its limit`, () => {
      const r = results.find((x) => x.name === entry.name)!;
      expect(r.size, `${r.size} B > ${r.sizeLimit} B`).toBeLessThanOrEqual(r.sizeLimit);
      expect(r.passed).toBe(true);
    });
  }
});
