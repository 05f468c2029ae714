// `pnpm bench`: nps / csat / ces on 10^7 scores, from the BUILT package
// (dist/index.js, what users import), held in a Uint8Array and in a plain
// array, against a naive `array.filter` baseline timed in the same run.
// Prints scores per second and the ratio. Never fails on timing; it fails only
// if the fast path and the baseline disagree on a score.
import { performance } from 'node:perf_hooks';
import { ces, csat, nps } from '../dist/index.js';

const N = 10_000_000;
// The naive baseline takes seconds per call at this size, so it gets fewer runs.
const RUNS = 7;
const NAIVE_RUNS = 3;

// Reproducible data (xorshift32) with a realistic, skewed spread.
let seed = 0x9e3779b9;
const rand = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
};
function scores(min, max, skew) {
  const out = new Uint8Array(N);
  const span = max - min + 1;
  for (let i = 0; i < N; i++) out[i] = min + Math.min(span - 1, Math.floor(span * rand() ** skew));
  return out;
}

/** Median wall time in ms of `runs` calls (after one warm-up), and the last result. */
function time(fn, runs = RUNS) {
  let result = fn();
  const ms = [];
  for (let r = 0; r < runs; r++) {
    globalThis.gc?.();
    const t0 = performance.now();
    result = fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { ms: ms[runs >> 1], result };
}

// The naive way: one filter per band over the raw scores.
const naive = {
  nps: (a) => (100 * (a.filter((s) => s >= 9).length - a.filter((s) => s <= 6).length)) / a.length,
  csat: (a) => (100 * a.filter((s) => s >= 4).length) / a.length,
  ces: (a) => (100 * a.filter((s) => s >= 5).length) / a.length,
};
const fast = {
  nps: (a) => nps(a).score,
  csat: (a) => csat(a).score,
  ces: (a) => ces(a).score,
};
const data = { nps: scores(0, 10, 0.6), csat: scores(1, 5, 0.7), ces: scores(1, 7, 0.7) };

const rate = (ms) => `${((N / ms) * 1000 / 1e6).toFixed(0).padStart(6)} M scores/s`;
let mismatch = false;
console.log(`@sayso/core scoring, ${N.toExponential(0)} scores, median of ${RUNS} runs (naive: ${NAIVE_RUNS}) (Node ${process.version})`);
console.log('metric  storage     sayso (ms)                       naive filter (ms)              speed-up');
for (const kind of ['nps', 'csat', 'ces']) {
  const bytes = data[kind];
  const plain = Array.from(bytes);
  const naivePlainMs = [];
  const oursBytesMs = [];
  for (const [storage, a] of [['Uint8Array', bytes], ['Array', plain]]) {
    const ours = time(() => fast[kind](a));
    const base = time(() => naive[kind](a), NAIVE_RUNS);
    if (Math.abs(ours.result - base.result) > 1e-9) {
      mismatch = true;
      console.error(`MISMATCH ${kind} ${storage}: sayso ${ours.result} vs naive ${base.result}`);
    }
    if (storage === 'Array') naivePlainMs.push(base.ms);
    else oursBytesMs.push(ours.ms);
    console.log(
      `${kind.padEnd(7)} ${storage.padEnd(11)} ${ours.ms.toFixed(1).padStart(7)} ${rate(ours.ms)}   ${base.ms.toFixed(1).padStart(7)} ${rate(base.ms)}   ${(base.ms / ours.ms).toFixed(1).padStart(6)}×`,
    );
  }
  // The comparison the target is set on: sayso on a Uint8Array vs the naive filter over a plain array.
  console.log(`${kind.padEnd(7)} sayso on Uint8Array vs naive filter on a plain array: ${(naivePlainMs[0] / oursBytesMs[0]).toFixed(1)}× (target ≥ 20×)`);
}
if (mismatch) process.exit(1);
