import { describe, expect, it } from 'vitest';
import { oneOf, parseOptions, type Option } from './options.js';
import { renderReply } from './render-reply.js';
import { error, type Reply } from '../shared/reply.js';

interface Opts {
  readonly n: number;
  flag: boolean;
  list: string[];
  late: boolean;
}

const OPTIONS: readonly Option<Opts>[] = [
  { name: 'flag', read: (o) => void (o.flag = true) },
  // As many values as the call says (ZUNION's WEIGHTS).
  { name: 'list', values: (o) => o.n, read: (o, argv, at) => void o.list.push(...argv.slice(at + 1, at + 1 + o.n)) },
  // Counts only after FLAG; otherwise the word falls through to the next entry of that name.
  { name: 'late', when: (o) => o.flag, read: (o) => void (o.late = true) },
  { name: 'late', values: 1, read: () => error('ERR late without flag') },
];

const fresh = (n = 2): Opts => ({ n, flag: false, list: [], late: false });
const show = (r: number | Reply): string | number => (typeof r === 'number' ? r : renderReply(r));

describe('parseOptions', () => {
  it('reads option words as C strings, in any case and order', () => {
    const o = fresh();
    expect(parseOptions(['cmd', 'FLAG\0x', 'List', 'a', 'b', 'late'], 1, OPTIONS, o)).toBe(6);
    expect(o).toEqual({ n: 2, flag: true, list: ['a', 'b'], late: true });
  });

  it('takes a value count from the call, and a word short of its values is no option', () => {
    expect(show(parseOptions(['cmd', 'list', 'a'], 1, OPTIONS, fresh()))).toBe('!ERR syntax error');
    const o = fresh(3);
    expect(parseOptions(['cmd', 'list', 'a', 'b', 'c'], 1, OPTIONS, o)).toBe(5);
    expect(o.list).toEqual(['a', 'b', 'c']);
  });

  it('tries the next entry of the same name when a condition fails; the first error ends the walk', () => {
    expect(show(parseOptions(['cmd', 'late', 'x', 'flag'], 1, OPTIONS, fresh()))).toBe('!ERR late without flag');
    expect(show(parseOptions(['cmd', 'late'], 1, OPTIONS, fresh()))).toBe('!ERR syntax error');
  });

  it("stops at the first other argument with 'stop', or answers what onOther says", () => {
    expect(parseOptions(['cmd', 'flag', '1.5', 'flag'], 1, OPTIONS, fresh(), 'stop')).toBe(2);
    expect(show(parseOptions(['cmd', 'flag', 'what'], 1, OPTIONS, fresh(), (arg, at) => error(`ERR ${arg} at ${at}`)))).toBe('!ERR what at 2');
  });
});

describe('oneOf', () => {
  it('answers the word matched, as isOpt compares', () => {
    const ends = ['left', 'right'] as const;
    expect(oneOf('LEFT', ends)).toBe('left');
    expect(oneOf('rIgHt\0junk', ends)).toBe('right');
    expect(oneOf('lef', ends)).toBeNull();
    expect(oneOf('leftx', ends)).toBeNull();
    expect(oneOf('', ends)).toBeNull();
  });
});
