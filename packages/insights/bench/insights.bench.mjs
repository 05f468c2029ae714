// `pnpm bench`: tokenise, count terms and score sentiment for feedback
// comments, from the BUILT package (dist/index.js, what users import), on one
// core, against a naive pipeline timed in the same run (lower-case, split on
// non-letters, a stopword Set, a Map of counts, and the `sentiment` package's
// AFINN scorer). Target: at least 50 000 comments a second. Never fails on
// timing; it fails only if a pipeline counts no terms.
import { createRequire } from 'node:module';
import { Bench } from 'tinybench';
import { sentiment, terms } from '../dist/index.js';

const require = createRequire(import.meta.url);
const Sentiment = require('sentiment');

// Reproducible (xorshift32) comments in the widget's languages, English most
// common, from feedback-like templates and vocabularies.
let seed = 0x2545f491;
const rand = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
};
const pick = (a) => a[Math.floor(rand() * a.length)];
const vocab = {
  en: [['The delivery', 'Support', 'The app', 'Checkout', 'The price', 'Login', 'Shipping'], ['was', 'is', 'has been', 'felt'], ['really slow', 'great', 'not working', 'too expensive', 'very helpful', 'confusing', 'fast and easy', 'broken again'], ['but the staff were friendly', 'and I will not order again', 'so thanks', 'which is annoying', '']],
  de: [['Die Lieferung', 'Der Support', 'Die App', 'Der Preis'], ['war', 'ist'], ['sehr langsam', 'super', 'nicht gut', 'zu teuer', 'freundlich'], ['aber okay', 'leider', '']],
  fr: [["L'application", 'La livraison', 'Le service client', 'Le prix'], ['est', 'était'], ['très lente', 'géniale', "pas terrible", 'trop cher', 'rapide'], ['mais bon', 'merci', '']],
  es: [['La entrega', 'La aplicación', 'El soporte', 'El precio'], ['fue', 'es'], ['muy lenta', 'genial', 'no funciona', 'demasiado caro'], ['pero bien', '']],
  pl: [['Dostawa', 'Aplikacja', 'Obsługa'], ['była', 'jest'], ['bardzo wolna', 'świetna', 'nie działa', 'za droga'], ['ale ok', '']],
  ja: [['配送が', 'アプリが', 'サポートは'], ['とても遅かった', '良かった', '使いにくい'], ['です。', 'ですが、また使います。']],
  ar: [['التوصيل', 'التطبيق', 'خدمة العملاء'], ['كان', ''], ['بطيئا جدا', 'ممتاز', 'سيئ'], ['لكن السعر مناسب', '']],
};
const mix = ['en', 'en', 'en', 'en', 'de', 'fr', 'es', 'pl', 'ja', 'ar'];
const comments = Array.from({ length: 20_000 }, () => {
  const lang = pick(mix);
  return { lang, text: vocab[lang].map(pick).join(' ').trim() + pick(['.', '!', '', ' :(', ' :)']) };
});
const BATCH = 1000;
let offset = 0;
const batch = () => {
  const b = comments.slice(offset, offset + BATCH);
  offset = (offset + BATCH) % comments.length;
  return b;
};

function sayso(list) {
  const counts = new Map();
  let total = 0;
  for (const c of list) {
    for (const t of terms(c.text, c.lang).terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    total += sentiment(c.text, c.lang).score;
  }
  return { counts, total };
}

const afinn = new Sentiment();
const STOP = new Set('the a an is was were be been has have and or but so to of in on it i which will again'.split(' '));
function naive(list) {
  const counts = new Map();
  let total = 0;
  for (const c of list) {
    for (const w of c.text.toLowerCase().split(/[^\p{L}]+/u)) if (w && !STOP.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
    total += afinn.analyze(c.text).comparative;
  }
  return { counts, total };
}

// Warm the lexicons and caches once, so the first timed batch is not a cold start.
if (sayso(comments.slice(0, 2000)).counts.size === 0 || naive(comments.slice(0, 2000)).counts.size === 0) {
  console.error('a pipeline counted no terms');
  process.exit(1);
}
const bench = new Bench({ time: 3000, warmupTime: 500 });
bench.add('@sayso/insights terms + sentiment', () => sayso(batch()));
bench.add('naive split + AFINN (sentiment package)', () => naive(batch()));
await bench.run();

// Wall time counts the waits of a shared machine; CPU time (user + system of
// this single-threaded process) is what one core spends, so both are printed.
function cpuRate(fn, rounds = 30) {
  const t0 = process.cpuUsage();
  for (let i = 0; i < rounds; i++) fn(batch());
  const { user, system } = process.cpuUsage(t0);
  return (rounds * BATCH) / ((user + system) / 1e6);
}
const cpu = [cpuRate(sayso), cpuRate(naive)];

console.log(`@sayso/insights: tokenise, count terms (unigrams + bigrams) and score sentiment, ${comments.length} comments in 7 languages, batches of ${BATCH} (Node ${process.version}, one core)`);
const rates = bench.tasks.map((t, i) => [t.name, (BATCH / t.result.period) * 1000, cpu[i]]);
const fmt = (n) => Math.round(n).toLocaleString('en').padStart(9);
for (const [name, wall, perCpu] of rates) console.log(`  ${name.padEnd(42)} ${fmt(wall)} comments/s wall, ${fmt(perCpu)} per CPU-second`);
const [ours, base] = rates;
console.log(`  ratio sayso / naive: ${(ours[1] / base[1]).toFixed(2)}× wall, ${(ours[2] / base[2]).toFixed(2)}× CPU (sayso also stems, makes bigrams, splits clauses, handles negation and 14 languages)`);
console.log(`  target ≥ 50 000 comments a second on one core: ${ours[2] >= 50_000 ? 'met' : 'NOT met'} (${fmt(ours[2]).trim()} per CPU-second)`);
