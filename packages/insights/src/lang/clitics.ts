// Clitics that Korean, Arabic and Hebrew write onto the word they belong to.
// Stripping them lets "배송이" and "배송은", "والتوصيل" and "التوصيل",
// "והמשלוח" and "משלוח" count as one word. These are short rule lists, not a
// morphological analyser: a word that merely begins (or ends) with the same
// letters can lose them, which is why each rule keeps a minimum remainder and
// a few common feedback words are protected.
import type { Language } from './index.js';

const known = (l: Language, w: string): boolean =>
  l.stopwords.has(w) || l.negations.has(w) || l.boosters.has(w) || l.dampeners.has(w) || l.contrasts.has(w);

// Korean particles (조사), longest first. Single-syllable ones that also end
// ordinary words (이, 가, 도, 의, …) need two syllables left.
const KO_LONG = ['에서는', '에게서', '으로는', '에서도', '이라고', '께서', '에서', '에게', '한테', '으로', '까지', '부터', '보다', '처럼', '마저', '조차', '이나', '이랑', '하고', '은', '는', '을', '를'];
const KO_SHORT = ['이', '가', '도', '의', '로', '에', '와', '과', '만', '랑'];

export function stripKorean(l: Language, w: string): string {
  if (known(l, w)) return w;
  for (const p of KO_LONG) if (w.length > p.length && w.endsWith(p)) return w.slice(0, -p.length);
  for (const p of KO_SHORT) if (w.length - p.length >= 2 && w.endsWith(p)) return w.slice(0, -p.length);
  return w;
}

// Arabic: the conjunctions و/ف, then the article ال alone or after ب/ك/ل/ف/و.
const AR_PROTECTED = new Set(['وقت', 'وصول', 'واجهة', 'وظيفة', 'وزن', 'وسيلة', 'فيلم', 'فكرة', 'فريق', 'فاتورة', 'فترة', 'فرق']);
const AR_ARTICLE = ['بال', 'كال', 'فال', 'وال', 'لل', 'ال'];

export function stripArabic(l: Language, w: string): string {
  if (known(l, w) || AR_PROTECTED.has(w)) return w;
  let word = w;
  if ((word[0] === 'و' || word[0] === 'ف') && !AR_ARTICLE.some((p) => word.startsWith(p))) {
    const rest = word.slice(1);
    if (known(l, rest) || (rest.length >= 3 && !AR_PROTECTED.has(word))) word = rest;
  }
  if (AR_PROTECTED.has(word) || known(l, word)) return word;
  for (const p of AR_ARTICLE) if (word.startsWith(p) && word.length - p.length >= 2) return word.slice(p.length);
  return word;
}

// Hebrew: ו (and), then one of ש/כש/מ/ל/ב/כ, leaving three and four
// letters ("שבור", broken, is a word), then the article ה, leaving four. Common words that begin with these letters stay whole.
const HE_PROTECTED = new Set([
  'שירות', 'משלוח', 'מחיר', 'מחירים', 'מוצר', 'מוצרים', 'מהיר', 'מהירה', 'לקוח', 'לקוחות', 'בעיה', 'בעיות', 'הזמנה', 'הזמנות',
  'כסף', 'כמו', 'כל', 'ממש', 'מאוד', 'היה', 'הייתה', 'שלי', 'שלך', 'שלנו', 'מעולה', 'מעולם', 'משהו', 'מישהו', 'בסדר', 'לאט', 'מצוין', 'מצוינת', 'הכי', 'שעה', 'שעות', 'ממשק', 'מערכת', 'כרטיס', 'בית', 'מוקד', 'מנוי',
]);

export function stripHebrew(l: Language, w: string): string {
  const keep = (s: string): boolean => known(l, s) || HE_PROTECTED.has(s);
  if (keep(w)) return w;
  let i = 0;
  const left = (n: number): number => w.length - i - n;
  if (w[i] === 'ו' && left(1) >= 3) i++;
  if (!keep(w.slice(i))) {
    if (w.startsWith('כש', i) && left(2) >= 3) i += 2;
    else if ('שמלבכ'.includes(w[i] ?? '') && left(1) >= 4) i++;
  }
  // The article needs four letters behind it: "הגיע" (arrived) and "היום" (today) are words.
  if (!keep(w.slice(i)) && w[i] === 'ה' && left(1) >= 4) i++;
  return w.slice(i);
}
