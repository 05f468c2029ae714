// Languages: every chunk is complete and keeps the placeholders; chunks load
// through dynamic import (the npm path); unknown languages fall back to English.
import { describe, expect, it } from 'vitest';
import { LOCALES, baseLang, isRtl, stringsFor } from './locale.js';
import { en, type LocaleStrings } from './strings.js';

const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();

describe('locales', () => {
  it('ships every string in all 13 languages, with the same placeholders and 7 CES points', async () => {
    expect(LOCALES).toEqual(['de', 'fr', 'es', 'it', 'pt', 'nl', 'pl', 'sv', 'ja', 'zh', 'ko', 'ar', 'he']);
    for (const lang of LOCALES) {
      const chunk: LocaleStrings = (await import(`./locales/${lang}.ts`)).default;
      expect(Object.keys(chunk).sort(), lang).toEqual(Object.keys(en).sort());
      for (const [k, v] of Object.entries(en)) {
        const t = chunk[k as keyof typeof en]!;
        expect(placeholders(t), `${lang}.${k}`).toBe(placeholders(v));
        expect(t, `${lang}.${k}`).not.toBe('');
      }
      expect(chunk.ces!.split('|'), lang).toHaveLength(7);
    }
  });

  it('loads a language by its primary subtag and falls back to English', async () => {
    expect((await stringsFor('de-AT', {})).submit).toBe('Senden');
    expect((await stringsFor('pt_BR', {})).close).toBe('Fechar');
    expect((await stringsFor('he', {})).close).toBe('סגירה');
    expect(await stringsFor('xx', {})).toEqual(en);
    expect(await stringsFor('en-GB', {})).toEqual(en);
  });

  it('knows which languages run right to left', () => {
    expect(['ar', 'he', 'he-IL', 'fa', 'ur'].map(isRtl)).toEqual([true, true, true, true, true]);
    expect(['en', 'de', 'arn', 'ja'].map(isRtl)).toEqual([false, false, false, false]);
    expect(baseLang('zh-Hant-TW')).toBe('zh');
  });
});
