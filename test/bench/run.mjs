// `pnpm bench`: runs every benchmark file under test/bench and the packages'
// bench/ folders in turn. Benchmarks print figures and ratios against a
// baseline measured in the same run; they never fail on timing.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const only = process.argv[2];
const files = [];
for (const dir of [join(root, 'test', 'bench'), ...readdirSync(join(root, 'packages')).map((p) => join(root, 'packages', p, 'bench'))]) {
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir).sort()) {
    if (/\.bench\.(mjs|js)$/.test(f) && (!only || f.includes(only))) files.push(join(dir, f));
  }
}
let status = 0;
for (const f of files) {
  console.log(`\n=== ${f.slice(root.length)}`);
  const r = spawnSync(process.execPath, ['--expose-gc', f], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) status = 1;
}
process.exit(status);
