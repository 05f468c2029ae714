// Package-shape checks for every publishable package: publint (exports map,
// files, types) and @arethetypeswrong/cli (types resolve under every module
// resolution). Run by `pnpm check` after a build.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (n) => join(root, 'node_modules', '.bin', n);
let failures = 0;
for (const dir of readdirSync(join(root, 'packages'))) {
  const pkgDir = join(root, 'packages', dir);
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  if (pkg.private) continue;
  console.log(`\n## ${pkg.name}`);
  for (const [cmd, args] of [
    ['publint', ['--strict', pkgDir]],
    ['attw', ['--pack', pkgDir, '--format', 'table-flipped']],
  ]) {
    const r = spawnSync(bin(cmd), args, { stdio: 'inherit', cwd: root });
    if (r.status !== 0) failures++;
  }
}
if (failures) {
  console.error(`\n${failures} package check(s) failed`);
  process.exit(1);
}
