import { expect, test } from 'vitest';
import { csvCell, csvLine } from './csv.js';

test('cells that a spreadsheet would run as formulas become text', () => {
  // The OWASP "CSV Injection" payloads.
  expect(csvCell('=HYPERLINK("http://evil.test","x")')).toBe(`"'=HYPERLINK(""http://evil.test"",""x"")"`);
  expect(csvCell('+1+1')).toBe(`"'+1+1"`);
  expect(csvCell('-2+3')).toBe(`"'-2+3"`);
  expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
  expect(csvCell('\t=1')).toBe(`"'\t=1"`);
  expect(csvCell('\r=1')).toBe(`"'\r=1"`);
});

test('ordinary values, numbers, quotes, commas and newlines stay intact', () => {
  expect(csvCell('fine, "really"\nyes')).toBe('"fine, ""really""\nyes"');
  expect(csvCell(-3)).toBe('"-3"');
  expect(csvCell(null)).toBe('""');
  expect(csvCell({ plan: '=x' })).toBe('"{""plan"":""=x""}"');
  expect(csvLine(['a', 1])).toBe('"a","1"\r\n');
});
