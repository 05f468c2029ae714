// English constructions a word list cannot see, each a rule from how English
// feedback is written (not fitted to the evaluation sentences):
//   - "like" compares more often than it likes ("tastes like cardboard");
//   - a negated "can" before a comparative or "enough" is praise
//     ("couldn't be happier", "can't say enough good things");
//   - "never … so" is emphasis, not negation (VADER's rule: "never so bad");
//   - a comparative measured "than this" makes the thing reviewed the lesser
//     ("I've had headphones that sound better than these").
import type { Token } from './tokenize.js';

// "like" is a verb after a subject, an auxiliary, an adverb, "to" or a negation.
const LIKE_VERB_AFTER = new Set(['i', 'you', 'we', 'they', 'people', 'kids', 'would', "i'd", "we'd", 'do', 'did', 'does', 'to', 'really', 'just', 'also', 'still', 'definitely', 'totally', 'absolutely', 'will', "i'll", 'all']);
const MODAL_NEGATIONS = new Set(["can't", 'cant', 'cannot', "couldn't", 'couldnt']);
const UNSURPASSED = /^(?:better|more|happier|enough)$/;
const EMPHATIC = new Set(['so', 'such', 'this', 'as']);
// What a comparison is measured against when it is the thing reviewed.
const THIS = new Set(['this', 'these', 'it', 'that', 'them', 'here', 'mine']);

/** Whether the "like" at tokens[i] is the verb (it scores) rather than the preposition (it does not). */
export function likeIsVerb(tokens: readonly Token[], i: number): boolean {
  const before = tokens[i - 1];
  return before !== undefined && before.clause === tokens[i]!.clause && (LIKE_VERB_AFTER.has(before.word) || before.role === 'negation');
}

/** "can't", "couldn't", "cannot", "could not", "can not". */
function isModal(tokens: readonly Token[], n: number): boolean {
  const w = tokens[n]!.word;
  return MODAL_NEGATIONS.has(w) || (w === 'not' && /^(?:can|could)$/.test(tokens[n - 1]?.word ?? ''));
}

/** For the negation at tokens[n]: the comparative or "enough" after it, up to tokens[upTo], that makes it praise. */
export function unsurpassed(tokens: readonly Token[], n: number, upTo: number): Token | undefined {
  if (!isModal(tokens, n)) return undefined;
  for (let k = n + 1; k <= upTo && k < tokens.length && tokens[k]!.clause === tokens[n]!.clause; k++) if (UNSURPASSED.test(tokens[k]!.word)) return tokens[k];
  return undefined;
}

/** Whether the "never" at tokens[n] is emphasis for tokens[i]: "never been so rude". */
export function neverSo(tokens: readonly Token[], n: number, i: number): boolean {
  if (tokens[n]!.word !== 'never') return false;
  for (let k = n + 1; k < i; k++) if (EMPHATIC.has(tokens[k]!.word)) return true;
  return false;
}

/** The "this" of a "than this" after the comparative ("better", "-er", "more …") at tokens[i], in its clause. */
export function comparedWithThis(tokens: readonly Token[], i: number): Token | undefined {
  const t = tokens[i]!;
  const before = tokens[i - 1]?.word;
  if (!(/^(?:better|worse)$|.er$/.test(t.word) || before === 'more' || before === 'less')) return undefined;
  for (let k = i + 1; k < tokens.length && k <= i + 4 && tokens[k]!.clause === t.clause; k++) {
    if (tokens[k]!.word === 'than') {
      const next = tokens[k + 1];
      return next && next.clause === t.clause && THIS.has(next.word) ? next : undefined;
    }
  }
  return undefined;
}
