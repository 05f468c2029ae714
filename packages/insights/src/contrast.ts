// Contrast: which words of a comment carry its point. In a sentence with an
// inner "but" ("however", "yet") the words before it count half and the
// words after it one and a half times; in English a sentence that opens with
// "But" answers the sentences before it, a clause-final "though" closes the
// clause that counts, and a concessive clause ("although …") counts half
// against the rest of its sentence.
import type { Token } from './tokenize.js';

const BEFORE_BUT = 0.5;
const AFTER_BUT = 1.5;
// "Although the food was good, …": the clause it opens concedes; the rest is the point.
const CONCESSIVE = new Set(['although', 'though', 'whereas']);

/** A token's contrast factor and the reason in words. */
export interface Contrast { scale: number; why: string }

/** Per token (by index), its contrast factor; `undefined` for a comment with no contrast word. */
export function contrastOf(tokens: readonly Token[], en: boolean): Contrast[] | undefined {
  let out: Contrast[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.role !== 'contrast') continue;
    const first = i === 0 || tokens[i - 1]!.sentence !== t.sentence;
    const last = i === tokens.length - 1 || tokens[i + 1]!.sentence !== t.sentence;
    out ??= [];
    if (en && CONCESSIVE.has(t.word) && !last) {
      // The clause it opens (up to the next clause boundary) concedes; the rest of the sentence counts more.
      const conceded = { scale: BEFORE_BUT, why: `×${BEFORE_BUT} conceded by "${t.text}"` };
      const main = { scale: AFTER_BUT, why: `×${AFTER_BUT} against "${t.text}"` };
      for (let k = i - 1; k >= 0 && tokens[k]!.sentence === t.sentence; k--) out[k] ??= main;
      for (let k = i + 1; k < tokens.length && tokens[k]!.sentence === t.sentence; k++) out[k] = tokens[k]!.clause === t.clause ? conceded : main;
    } else if (first) {
      if (!en || t.sentence === 0) continue;
      // A sentence that opens with "But" or "However" answers the ones before it (measured in English only).
      for (let k = 0; k < tokens.length && tokens[k]!.sentence <= t.sentence; k++) {
        out[k] ??= tokens[k]!.sentence < t.sentence ? { scale: BEFORE_BUT, why: `×${BEFORE_BUT} before "${t.text}"` } : { scale: AFTER_BUT, why: `×${AFTER_BUT} after "${t.text}"` };
      }
    } else {
      // "but", "however", "yet" and a clause-final "though": the clause it closes or opens is the point.
      // (The tokeniser starts a clause at the contrast word, so a final "though" closes the clause before it.)
      const from = last ? tokens.findIndex((x) => x.clause === tokens[i - 1]!.clause) : i;
      for (let k = 0; k < tokens.length; k++) {
        if (tokens[k]!.sentence !== t.sentence) continue;
        out[k] = k < from ? { scale: BEFORE_BUT, why: `×${BEFORE_BUT} before "${t.text}"` } : { scale: AFTER_BUT, why: `×${AFTER_BUT} after "${t.text}"` };
      }
    }
  }
  return out;
}

