// Type-level tests: the parsers are the typed doors into the data model.
// (Checked by tsc in `pnpm check`; the runtime assertions keep vitest honest.)
import { describe, expectTypeOf, it } from 'vitest';
import { parseEvent, parseResponse, parseSurvey, type Survey, type SurveyEvent, type SurveyResponse } from './index.js';
import { words, type Check, type Shape, type Words } from './validate.js';

describe('parser types', () => {
  it('return the data model types and accept anything', () => {
    expectTypeOf(parseSurvey).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(parseSurvey).returns.toEqualTypeOf<Survey>();
    expectTypeOf(parseResponse).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(parseResponse).returns.toEqualTypeOf<SurveyResponse>();
    expectTypeOf(parseEvent).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(parseEvent).returns.toEqualTypeOf<SurveyEvent>();
  });

  it('make a shape list every key of its type, with checkers of the right type', () => {
    expectTypeOf<Shape<{ a: string; b?: number }>>().toEqualTypeOf<{ a: Check<string>; b: Check<number> }>();
    expectTypeOf<Words<'light dark auto'>>().toEqualTypeOf<'light' | 'dark' | 'auto'>();
    expectTypeOf(words('a b')).toEqualTypeOf<Check<'a' | 'b'>>();
  });
});
