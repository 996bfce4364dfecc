// Our Lua against the real Lua 5.1 (Debian's `lua5.1`, the version Redis embeds): every program
// of cases.ts live (so the golden file the unit tests use cannot drift), and random expressions
// over numbers, numeric strings and the operators, printed through pcall so errors compare too.
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASES, SYNTAX_CASES } from '../../src/engine/lua/cases.js';
import { LUA51_DRIVER, runOurs } from '../../src/engine/lua/lua51-driver.js';

function lua51(src: string): string {
  return execFileSync('lua5.1', ['-e', LUA51_DRIVER], { input: src, encoding: 'latin1' });
}

describe('every program of cases.ts against lua5.1', () => {
  it.each([...CASES, ...SYNTAX_CASES])('%s', (src) => {
    expect(runOurs(src)).toBe(lua51(src));
  });
});

const atom = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.constantFrom('0', '1', '-1', '0.5', '1e15', '1e14', '123456789012345', '2^53', '1e-5', '0.1', '3.25', '1e300', '0x10', '(1/0)', '7'),
  fc.constantFrom('"10"', '"0x1A"', '" 5 "', '"abc"', '""', '"1e2"', '"-3.5"', '"z"', 'nil', 'true', 'false'),
);
const binop = fc.constantFrom('+', '-', '*', '/', '%', '^', '..', '==', '~=', '<', '<=', '>', '>=', 'and', 'or');
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.tuple(tie('e'), binop, tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    tie('e').map((a) => `(-${a})`),
    tie('e').map((a) => `(not ${a})`),
    tie('e').map((a) => `tostring(${a})`),
    tie('e').map((a) => `tonumber(${a})`),
    tie('e').map((a) => `#tostring(${a})`),
    tie('e').map((a) => `math.floor(${a})`),
    fc.tuple(fc.constantFrom('%g', '%.3f', '%d', '%5.1e', '%s', '%x', '%q'), tie('e')).map(([f, a]) => `string.format("${f}", ${a})`),
    fc.tuple(tie('e'), fc.integer({ min: -3, max: 5 }), fc.integer({ min: -3, max: 5 })).map(([a, i, j]) => `string.sub(tostring(${a}), ${i}, ${j})`),
  ),
})).e;

/** NaN's sign (x86's 0/0 prints "-nan") is not kept by JS numbers: both spellings compare
 *  equal; addresses of tables differ by nature. */
const unsign = (s: string): string => s.replace(/-?nan/g, 'nan').replace(/0x[0-9a-f]{10,}/g, '0xADDR');

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

describe('random expressions against lua5.1', () => {
  // one lua5.1 process a run: about 15 ms each on a loaded machine
  it('print the same values and errors', { timeout: 20_000 + RUNS * 30 }, () => {
    fc.assert(
      fc.property(fc.array(expr, { minLength: 1, maxLength: 8 }), (exprs) => {
        const src = exprs.map((e) => `print(pcall(function() return ${e} end))`).join('\n');
        expect(unsign(runOurs(src))).toBe(unsign(lua51(src)));
      }),
      { numRuns: RUNS, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) },
    );
  });
});
