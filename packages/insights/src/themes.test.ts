import { describe, expect, it } from 'vitest';
import { defineThemes, matchThemes } from './themes.js';

const themes = defineThemes([
  { name: 'Pricing', words: ['price', 'expensive', 'cost', 'teuer', 'cher', 'caro', 'too much money'] },
  { name: 'Delivery', words: ['delivery', 'Lieferung', 'livraison', 'consegna', '配送'] },
]);

describe('custom themes', () => {
  it('match by stem in the comment’s language, across the theme’s languages', () => {
    expect(matchThemes('The prices went up', 'en', themes)).toEqual(['Pricing']);
    expect(matchThemes('Die Lieferungen sind zu teuer', 'de', themes)).toEqual(['Pricing', 'Delivery']);
    expect(matchThemes('Beaucoup trop cher', 'fr', themes)).toEqual(['Pricing']);
    expect(matchThemes('La consegna è stata veloce', 'it', themes)).toEqual(['Delivery']);
    expect(matchThemes('配送が遅い', 'ja', themes)).toEqual(['Delivery']);
    expect(matchThemes('Great app', 'en', themes)).toEqual([]);
  });

  it('match a phrase only as the same words in a row', () => {
    expect(matchThemes('It costs too much money', 'en', themes)).toEqual(['Pricing']);
    const phrase = defineThemes([{ name: 'Waste', words: ['too much money'] }]);
    expect(matchThemes('too much money', 'en', phrase)).toEqual(['Waste']);
    expect(matchThemes('money, too much', 'en', phrase)).toEqual([]);
  });

  it('refuse bad definitions with the path of the bad field', () => {
    expect(() => defineThemes([{ name: '', words: ['x'] }])).toThrow(expect.objectContaining({ code: 'E_ARGUMENT_INVALID', path: 'themes[0].name' }));
    expect(() => defineThemes([{ name: 'A', words: ['x'] }, { name: 'B', words: ['ok', 3 as unknown as string] }])).toThrow(
      expect.objectContaining({ path: 'themes[1].words[1]' }),
    );
    expect(() => defineThemes([{ name: 'A', words: [] }])).toThrow(expect.objectContaining({ path: 'themes[0].words' }));
    expect(() => defineThemes([{ name: 'A', words: ['x'] }, { name: 'A', words: ['y'] }])).toThrow(expect.objectContaining({ path: 'themes[1].name' }));
  });
});
