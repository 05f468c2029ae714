// The parsers' schemas are built at module load from factory calls, which a
// bundler keeps unless it knows them pure (`@__NO_SIDE_EFFECTS__` in
// validate.ts). These tests bundle the package two ways: from source with
// rollup, as the widget's script-tag build does, and as an app's esbuild (or
// size-limit) sees the published file: rollup's one-file ESM, then esbuild
// importing a few names from it. An app importing only scoring or ids must
// get none of the parser code, and parseSurvey none of the response-only
// checks. A top-level `2 ** 31` (esbuild keeps it) or an unmarked factory
// would silently undo this.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { describe, expect, it } from 'vitest';

const index = fileURLToPath(new URL('./index.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Rollup from source; `names` is `*` for the whole package (what dist/index.js holds). */
async function rollupBundle(names: string): Promise<string> {
  const bundle = await rollup({
    input: 'entry',
    plugins: [
      { name: 'entry', resolveId: (id) => (id === 'entry' ? id : null), load: (id) => (id === 'entry' ? `export ${names === '*' ? '*' : `{ ${names} }`} from ${JSON.stringify(index)};` : null) },
      esbuild({ target: 'es2020', tsconfig: `${root}tsconfig.json` }),
    ],
  });
  const { output } = await bundle.generate({ format: 'es' });
  return output[0].code;
}

let whole: Promise<string> | undefined;

/** esbuild importing `names` from the whole package as one ESM file, as an app bundling the npm package does. */
async function esbuildBundle(names: string): Promise<string> {
  const dist = await (whole ??= rollupBundle('*'));
  const result = await build({
    stdin: { contents: `export { ${names} } from 'core';` },
    bundle: true,
    format: 'esm',
    write: false,
    plugins: [{ name: 'core', setup: (b) => { b.onResolve({ filter: /^core$/ }, () => ({ path: 'core', namespace: 'core' })); b.onLoad({ filter: /.*/, namespace: 'core' }, () => ({ contents: dist, loader: 'js' })); } }],
  });
  return result.outputFiles[0]!.text;
}

const BUNDLERS = [
  ['rollup from source', rollupBundle],
  ['esbuild from the built file', esbuildBundle],
] as const;

// Strings only the parsers contain: the shared kit, the survey schema, the response/event checks.
const KIT = ['unknown key', 'at most', ', got ${'];
const SURVEY_ONLY = ['exit-intent', 'a BCP 47 language tag'];
const RECORD_ONLY = ['a hex HMAC-SHA256', 'an ISO 8601 date-time', 'a UUID'];
const present = (code: string, needles: string[]) => needles.filter((s) => code.includes(s));

describe.each(BUNDLERS)('tree-shaking of the parsers: %s', { timeout: 60_000 }, (_name, bundle) => {
  it.each(['nps', 'uuidv7', 'scoreBand, defaultScale', 'SaysoError, isSaysoError'])('importing { %s } bundles no parser code', async (names) => {
    expect(present(await bundle(names), [...KIT, ...SURVEY_ONLY, ...RECORD_ONLY])).toEqual([]);
  });

  it('parseSurvey bundles no response or event checks', async () => {
    const code = await bundle('parseSurvey');
    expect(present(code, [...KIT, ...SURVEY_ONLY])).toEqual([...KIT, ...SURVEY_ONLY]);
    expect(present(code, RECORD_ONLY)).toEqual([]);
  });

  it('parseEvent bundles no survey schema', async () => {
    const code = await bundle('parseEvent');
    expect(present(code, RECORD_ONLY)).toEqual(RECORD_ONLY);
    expect(present(code, SURVEY_ONLY)).toEqual([]);
  });
});
