// Arbitraries for property tests of option parsers: option words as a client may send them
// (any case, a NUL and junk after the word, which Redis's strcasecmp on C strings ignores, or
// a near miss), each followed by values good or bad, in any order and number, with stray
// words mixed in. Replies of both servers must match, errors included, so the order in which
// Redis checks things is exercised too.

import fc from 'fast-check';

/** `word` in a random case, sometimes with a NUL and junk after it, sometimes a near miss. */
export function optionWord(word: string): fc.Arbitrary<string> {
  const cased = fc
    .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
    .map((upper) => [...word].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch.toLowerCase())).join(''));
  return fc.oneof(
    { weight: 6, arbitrary: cased },
    { weight: 2, arbitrary: fc.tuple(cased, fc.constantFrom('\0', '\0x', '\0' + word)).map(([w, tail]) => w + tail) },
    { weight: 1, arbitrary: fc.constantFrom(word + 'x', word.slice(0, -1), 'x' + word, word + ' ', '') },
  );
}

/** An option: its word and the arbitraries of the values that follow it. */
export interface OptionShape {
  word: string;
  values?: fc.Arbitrary<string>[];
}

/**
 * Up to `max` options drawn from `shapes` (values sometimes cut short, as at the end of a
 * command line), with stray values between them now and then, flattened into argv words.
 */
export function optionArgs(shapes: OptionShape[], stray: fc.Arbitrary<string>, max = 5): fc.Arbitrary<string[]> {
  const one = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...shapes).chain((s) => fc.tuple(optionWord(s.word), ...(s.values ?? [])).map((t) => [...t])) },
    { weight: 1, arbitrary: stray.map((w) => [w]) },
  );
  return fc.tuple(fc.array(one, { maxLength: max }), fc.nat({ max: 2 })).map(([groups, cut]) => {
    const flat = groups.flat();
    // Now and then the last option loses its last values.
    return cut > 0 && flat.length > 0 && groups.length > 0 && groups[groups.length - 1]!.length > cut ? flat.slice(0, -cut) : flat;
  });
}
