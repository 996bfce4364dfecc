import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timeIndependentEqual } from './constant-time.js';

describe('timeIndependentEqual', () => {
  it('is string equality', () => {
    expect(timeIndependentEqual('secret', 'secret')).toBe(true);
    expect(timeIndependentEqual('', '')).toBe(true);
    expect(timeIndependentEqual('secreT', 'secret')).toBe(false);
    expect(timeIndependentEqual('secret', 'secretsecret')).toBe(false);
    expect(timeIndependentEqual('secretsecret', 'secret')).toBe(false);
    expect(timeIndependentEqual('', 'x')).toBe(false);
    expect(timeIndependentEqual('x', '')).toBe(false);
    expect(timeIndependentEqual('\0', '')).toBe(false);
    expect(timeIndependentEqual('\xff\x00', '\xff\x00')).toBe(true);
  });

  it('agrees with === on any pair of byte strings (property)', () => {
    const bytes = fc.string({ unit: fc.constantFrom('a', 'b', '\0', '\xff'), maxLength: 6 });
    fc.assert(
      fc.property(bytes, bytes, (a, b) => timeIndependentEqual(a, b) === (a === b)),
      { numRuns: 2000 },
    );
  });
});
