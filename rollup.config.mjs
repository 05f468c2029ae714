// One config builds every package: ESM + CJS + .d.ts for each library entry,
// plus the widget's script-tag (IIFE) builds. esbuild transpiles (fast, no
// type-checking); `pnpm check` runs tsc for types.
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import esbuild from 'rollup-plugin-esbuild';
import { dts } from 'rollup-plugin-dts';

const pkg = (dir) => JSON.parse(readFileSync(`packages/${dir}/package.json`, 'utf8'));

/** Bare imports that stay imports: a package's dependencies and Node's built-ins. */
function externalFor(dir) {
  const { dependencies = {}, peerDependencies = {} } = pkg(dir);
  const names = [...Object.keys(dependencies), ...Object.keys(peerDependencies)];
  return (id) =>
    id.startsWith('node:') ||
    builtinModules.includes(id) ||
    names.some((n) => id === n || id.startsWith(`${n}/`));
}

const esbuildPlugin = (extra = {}) =>
  esbuild({
    target: 'es2020',
    tsconfig: 'tsconfig.json',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    ...extra,
  });

/**
 * ESM + CJS + types for a package's entries.
 * @param {string} dir folder under packages/
 * @param {Record<string, string>} entries output name -> source file
 * @param {{ banner?: (chunk: { name: string }) => string, define?: Record<string,string> }} [opts]
 */
function library(dir, entries, opts = {}) {
  const input = Object.fromEntries(
    Object.entries(entries).map(([name, file]) => [name, `packages/${dir}/${file}`]),
  );
  const external = externalFor(dir);
  const outDir = `packages/${dir}/dist`;
  return [
    {
      input,
      external,
      plugins: [esbuildPlugin(opts.define ? { define: opts.define } : {})],
      output: [
        { dir: outDir, format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', banner: opts.banner },
        { dir: outDir, format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs', banner: opts.banner, exports: 'named' },
      ],
    },
    {
      input,
      external,
      plugins: [dts({ tsconfig: 'tsconfig.json', compilerOptions: { noEmit: false } })],
      output: [
        { dir: outDir, format: 'es', entryFileNames: '[name].d.ts' },
        { dir: outDir, format: 'es', entryFileNames: '[name].d.cts' },
      ],
    },
  ];
}

// SAYSO_BUILD=core,widget builds only those packages (handy while working on one).
const only = process.env.SAYSO_BUILD ? process.env.SAYSO_BUILD.split(',') : null;
const wanted = (dir) => !only || only.includes(dir);

const configs = [];

// ---- @sayso/core ----
if (wanted('core')) configs.push(...library('core', { index: 'src/index.ts' }));

// ---- @sayso/insights ----
if (wanted('insights') && existsSync('packages/insights/src/index.ts')) configs.push(...library('insights', { index: 'src/index.ts' }));

// ---- @sayso/widget: npm entry (ESM/CJS/types) ----
if (wanted('widget') && existsSync('packages/widget/src/index.ts')) {
  configs.push(...library('widget', { index: 'src/index.ts', testing: 'src/testing.ts' }));
}

// ---- @sayso/widget: UI script-tag chunk (dist/sayso-ui.js + locale chunks) ----
// sayso-ui.js is an IIFE that sets window.__saysoui (Preact, the components,
// styles and English strings bundled in). An IIFE cannot import(),
// so each other language is its own tiny IIFE, sayso-ui-<lang>.js, registering
// on window.__saysoUiL10n; src/ui/load-locale-script.ts (swapped in below for
// load-locale.ts, which import()s the same files for npm users) adds it.
if (wanted('widget') && existsSync('packages/widget/src/ui/script-tag.ts')) {
  const { nodeResolve } = await import('@rollup/plugin-node-resolve');
  const { default: terser } = await import('@rollup/plugin-terser');
  const uiDir = `${process.cwd()}/packages/widget/src/ui`;
  const uiScriptTag = {
    name: 'sayso-ui-script-tag',
    resolveId(source, importer) {
      if (source === './load-locale.js' && importer?.startsWith(uiDir)) return `${uiDir}/load-locale-script.ts`;
      // Bundle core from source: no dependence on build order.
      if (source === '@sayso/core') return `${process.cwd()}/packages/core/src/index.ts`;
      return null;
    },
  };
  // sayso-ui.js only (its 12 kB budget is tight): JSX goes through Preact's
  // createElement, which the chunk carries anyway (see src/ui/jsx-script.ts),
  // rather than a second vnode factory from preact/jsx-runtime; and Preact's
  // internal property names, which its own build already mangles to `__k`,
  // `__e`, `__` and so on, are mangled again to one or two letters (they
  // appear some 250 times). They never leave the chunk: no vnode or
  // component crosses to sayso.js or to a page's own Preact. `__html` and
  // `__sayso*` are longer, so the pattern leaves them alone.
  // A third pass and arrows for `function` expressions that use no `this`
  // (none of them is called with `new`) save the last few bytes.
  const uiJsx = {
    name: 'sayso-ui-jsx',
    resolveId: (source, importer) => (source === 'preact/jsx-runtime' && importer?.startsWith(uiDir) ? `${uiDir}/jsx-script.ts` : null),
  };
  const uiIife = (input, file, name, exports = 'none', chunk = false) => ({
    input,
    plugins: [
      uiScriptTag,
      ...(chunk ? [uiJsx] : []),
      nodeResolve({ browser: true }),
      esbuildPlugin(),
      terser({
        ecma: 2020,
        compress: chunk ? { passes: 3, unsafe_arrows: true } : { passes: 2 },
        ...(chunk ? { mangle: { properties: { regex: /^__[a-zA-Z]?$/ } } } : {}),
        format: { comments: false },
      }),
    ],
    output: { file, format: 'iife', name, extend: true, exports },
  });
  configs.push(uiIife(`${uiDir}/script-tag.ts`, 'packages/widget/dist/sayso-ui.js', undefined, 'none', true));
  for (const file of readdirSync(`${uiDir}/locales`).filter((f) => f.endsWith('.ts') && !f.includes('.test.'))) {
    const lang = file.slice(0, -3);
    configs.push(uiIife(`${uiDir}/locales/${file}`, `packages/widget/dist/sayso-ui-${lang}.js`, `__saysoUiL10n.${lang}`, 'default'));
  }
}
// (end of the UI script-tag chunk section)

// ---- @sayso/widget: SDK script-tag build (dist/sayso.js, dist/snippet.min.js) ----
// (section owned by the SDK work)
if (wanted('widget') && existsSync('packages/widget/src/script-tag.ts')) {
  const { default: sdkTerser } = await import('@rollup/plugin-terser');
  const { nodeResolve: sdkResolve } = await import('@rollup/plugin-node-resolve');
  const { resolve: sdkPath } = await import('node:path');
  // @sayso/core from source, so this IIFE never depends on core's dist being built first.
  const coreFromSource = {
    name: 'sayso-core-source',
    resolveId: (id) => (id === '@sayso/core' ? sdkPath('packages/core/src/index.ts') : null),
  };
  // ecma 2020 (the SDK's esbuild target) lets terser use the newer, shorter forms.
  const minify = (extra = {}) => sdkTerser({ compress: { passes: 3, unsafe_arrows: true }, format: { comments: false }, ...extra });
  configs.push(
    {
      input: 'packages/widget/src/script-tag.ts',
      plugins: [coreFromSource, sdkResolve({ browser: true }), esbuildPlugin({ define: { DEBUG: 'false' } }), minify({ ecma: 2020 })],
      output: { file: 'packages/widget/dist/sayso.js', format: 'iife' },
    },
    {
      // The engine (parseSurvey and delivery), loaded by sayso.js only when it needs it.
      input: 'packages/widget/src/sdk/engine-script.ts',
      plugins: [coreFromSource, sdkResolve({ browser: true }), esbuildPlugin({ define: { DEBUG: 'false' } }), minify({ ecma: 2020 })],
      output: { file: 'packages/widget/dist/sayso-engine.js', format: 'iife' },
    },
    {
      // Preview links and "why isn't it showing?": loaded by sayso.js only on a page that asks (src/sdk/debug-flag.ts).
      input: 'packages/widget/src/debug/script.ts',
      plugins: [coreFromSource, sdkResolve({ browser: true }), esbuildPlugin({ define: { DEBUG: 'false' } }), minify({ ecma: 2020 })],
      output: { file: 'packages/widget/dist/sayso-debug.js', format: 'iife' },
    },
    {
      input: 'packages/widget/src/snippet/snippet.js',
      plugins: [minify()],
      output: { file: 'packages/widget/dist/snippet.min.js', format: 'es' },
    },
  );
}

// ---- examples/spa: the Preact SPA, built against the real @sayso/widget (its dist, built above) ----
if ((wanted('widget') || wanted('examples')) && existsSync('examples/spa/src/main.tsx')) {
  const { nodeResolve: spaResolve } = await import('@rollup/plugin-node-resolve');
  configs.push({
    input: 'examples/spa/src/main.tsx',
    plugins: [spaResolve({ browser: true, rootDir: 'examples/spa' }), esbuildPlugin({ minify: true })],
    output: { dir: 'examples/spa/dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
  });
}

// ---- @sayso/collector ----
if (wanted('collector') && existsSync('packages/collector/src/index.ts')) {
  configs.push(
    ...library(
      'collector',
      { index: 'src/index.ts', ...(existsSync('packages/collector/src/cli.ts') ? { cli: 'src/cli.ts' } : {}) },
      { banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : '') },
    ),
  );
  // The link survey's browser script: a small IIFE the collector serves at /_sayso/link.js.
  for (const name of ['link']) {
    if (!existsSync(`packages/collector/src/client/${name}.ts`)) continue;
    configs.push({
      input: `packages/collector/src/client/${name}.ts`,
      plugins: [esbuildPlugin({ minify: true })],
      output: { file: `packages/collector/dist/client/${name}.js`, format: 'iife' },
    });
  }
}

// ---- @sayso/collector: the studio (dist/studio, served at /studio) ----
// Preact, @preact/signals, @sayso/core (from source) and the widget code the
// studio runs (URL matching, strings) bundled as hashed, minified ES modules;
// uPlot splits into a chunk of its own that only the report loads (its CSS
// joins the studio's stylesheet). The
// preview frame's script is an IIFE, so it can read its own nonce
// (document.currentScript) for the widget's one <style>. Each build writes a
// manifest (manifest.<name>.json) naming its hashed files for the collector's
// HTML shells, and first removes the files of its previous build.
if (wanted('collector') && existsSync('packages/collector/src/studio/main.tsx')) {
  const { nodeResolve: studioResolve } = await import('@rollup/plugin-node-resolve');
  const { default: studioTerser } = await import('@rollup/plugin-terser');
  const { readdirSync: list, rmSync, mkdirSync } = await import('node:fs');
  const { resolve: studioPath } = await import('node:path');
  const outDir = 'packages/collector/dist/studio';
  const studioSources = {
    name: 'sayso-studio-sources',
    resolveId: (id) => (id === '@sayso/core' ? studioPath('packages/core/src/index.ts') : null),
  };
  /** Removes the previous build's files of `name`, and writes manifest.<name>.json; `css` files are joined into one stylesheet. */
  const manifest = (name, css = []) => ({
    name: 'sayso-studio-manifest',
    buildStart() {
      mkdirSync(outDir, { recursive: true });
      for (const f of list(outDir)) if (f.startsWith(`${name}-`) || f === `manifest.${name}.json` || (name === 'studio' && f.startsWith('chunk-'))) rmSync(`${outDir}/${f}`);
      for (const file of css) this.addWatchFile(file);
    },
    generateBundle(_options, bundle) {
      const out = {};
      if (css.length) out.css = this.getFileName(this.emitFile({ type: 'asset', name: `${name}.css`, source: css.map((file) => readFileSync(file, 'utf8')).join('\n') }));
      for (const file of Object.values(bundle)) if (file.type === 'chunk' && file.isEntry) out.js = file.fileName;
      this.emitFile({ type: 'asset', fileName: `manifest.${name}.json`, source: JSON.stringify(out) });
    },
  });
  const plugins = (name, css) => [
    studioSources,
    studioResolve({ browser: true }),
    esbuildPlugin({ define: { DEBUG: 'false' } }),
    studioTerser({ ecma: 2020, compress: { passes: 2 }, format: { comments: false } }),
    manifest(name, css),
  ];
  configs.push(
    {
      input: { studio: 'packages/collector/src/studio/main.tsx' },
      // uPlot's own stylesheet (its legend, cursor and axes) after the studio's, as one file: no second request, no other path to serve.
      plugins: plugins('studio', ['packages/collector/src/studio/studio.css', 'packages/collector/node_modules/uplot/dist/uPlot.min.css']),
      output: { dir: outDir, format: 'es', entryFileNames: '[name]-[hash].js', chunkFileNames: 'chunk-[name]-[hash].js', assetFileNames: '[name]-[hash][extname]' },
    },
    {
      input: { preview: 'packages/collector/src/studio/preview/frame.ts' },
      plugins: plugins('preview'),
      output: { dir: outDir, format: 'iife', entryFileNames: '[name]-[hash].js' },
    },
  );
}

export default configs;
