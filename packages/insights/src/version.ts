// Which text machinery produced a set of terms. Terms from different Unicode
// or ICU versions (or a runtime without Intl.Segmenter) may differ for the
// same text, so stored counts record this and can be rebuilt when it changes.

/** The versions behind {@link terms}: bump `algorithm` whenever terms change for the same text. */
export interface TextVersion {
  /** This package's term rules (tokeniser, stopwords, stemmers, bigrams). */
  algorithm: number;
  /** The runtime's Unicode version (`process.versions.unicode` in Node), `null` where unknown. */
  unicode: string | null;
  /** The runtime's ICU version, `null` where unknown (browsers do not say). */
  icu: string | null;
  /** Whether Intl.Segmenter split Japanese and Chinese (else the script-run fallback). */
  segmenter: boolean;
}

export const ALGORITHM = 2;

let cached: (TextVersion & { id: string }) | undefined;

/**
 * The versions that produce terms in this runtime, and the same as one string
 * (`'terms/1 unicode/15.1 icu/74.2 segmenter'`) to store beside counts.
 */
export function textVersion(): TextVersion & { id: string } {
  if (!cached) {
    const versions = (globalThis as { process?: { versions?: Record<string, string | undefined> } }).process?.versions;
    const v: TextVersion = {
      algorithm: ALGORITHM,
      unicode: versions?.unicode ?? null,
      icu: versions?.icu ?? null,
      segmenter: typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function',
    };
    const id = `terms/${v.algorithm} unicode/${v.unicode ?? 'unknown'} icu/${v.icu ?? 'unknown'} ${v.segmenter ? 'segmenter' : 'no-segmenter'}`;
    cached = Object.freeze({ ...v, id });
  }
  return cached;
}
