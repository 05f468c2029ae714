// Where the bytes of a script-tag bundle come from: builds the entry as
// rollup.config.mjs does (esbuild, terser), then attributes each minified
// byte to its source file through the source map. A tool for keeping the
// always-loaded SDK inside its size-limit budget, not a test.
//   node test/size/by-source.mjs [entry]   (default: the always-loaded sayso.js)
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { SourceMapConsumer } from 'source-map-js';

const input = process.argv[2] ?? 'packages/widget/src/script-tag.ts';
const bundle = await rollup({
  input,
  plugins: [
    { name: 'core-source', resolveId: (id) => (id === '@sayso/core' ? resolve('packages/core/src/index.ts') : null) },
    nodeResolve({ browser: true }),
    esbuild({ target: 'es2020', tsconfig: 'tsconfig.json', define: { DEBUG: 'false' } }),
    terser({ ecma: 2020, compress: { passes: 3, unsafe_arrows: true }, format: { comments: false } }),
  ],
});
const [{ code, map }] = (await bundle.generate({ format: 'iife', sourcemap: true })).output;
const lines = code.split('\n');
const mappings = [];
new SourceMapConsumer(map).eachMapping((m) => mappings.push(m));
mappings.sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn);
const bytes = new Map();
mappings.forEach((m, i) => {
  const next = mappings[i + 1];
  const end = next?.generatedLine === m.generatedLine ? next.generatedColumn : lines[m.generatedLine - 1].length;
  const source = (m.source ?? '(none)').replace(/^.*?packages\//, '');
  bytes.set(source, (bytes.get(source) ?? 0) + end - m.generatedColumn);
});
console.log(`${input}: ${code.length} B minified, ${gzipSync(code, { level: 9 }).length} B gzip`);
for (const [source, n] of [...bytes].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(7)}  ${source}`);
