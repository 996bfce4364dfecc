import { beforeEach, describe, expect, it } from 'vitest';
import type { ListObj } from '../objects.js';
import type { Reply } from '../../shared/reply.js';
import { createList, listCommands, lmoveGeneric, mpopGeneric, parseListEnd, parseMpopArgs, popRangeWithKey, type MpopArgs } from './lists.js';
import { renderReply } from '../render-reply.js';
import { CommandBench } from './test-support.js';

const t = new CommandBench();
const { run, r } = t;

function list(key: string): string[] | undefined {
  const o = t.c.db.dict.get(key);
  if (o === undefined) return undefined;
  expect(o.type).toBe('list');
  return (o as ListObj).value.toArray();
}

beforeEach(() => t.reset());

describe('the LIST table', () => {
  it('declares every command once, with a handler, in the list group', () => {
    const names = listCommands.map((s) => s.name).sort();
    expect(names).toEqual(
      [
        'blmove',
        'blmpop',
        'blpop',
        'brpop',
        'brpoplpush',
        'linsert',
        'lindex',
        'llen',
        'lmove',
        'lmpop',
        'lpop',
        'lpos',
        'lpush',
        'lpushx',
        'lrange',
        'lrem',
        'lset',
        'ltrim',
        'rpop',
        'rpoplpush',
        'rpush',
        'rpushx',
      ].sort(),
    );
    for (const s of listCommands) {
      expect(s.handler, s.name).toBeTypeOf('function');
      expect(s.group).toBe('list');
      expect(s.summary.length).toBeGreaterThan(10);
    }
  });

  it('LMPOP reports its keys from numkeys', () => {
    const spec = listCommands.find((s) => s.name === 'lmpop')!;
    expect(spec.getKeys!(['lmpop', '2', 'a', 'b', 'LEFT'])).toEqual([2, 3]);
    expect(spec.getKeys!(['lmpop', '5', 'a', 'LEFT'])).toEqual([]);
    expect(spec.getKeys!(['lmpop', 'x', 'a', 'LEFT'])).toEqual([]);
  });
});

describe('push and pop', () => {
  it('LPUSH reverses, RPUSH appends, lengths are returned', () => {
    expect(r('LPUSH', 'l', 'a', 'b', 'c')).toBe(':3');
    expect(r('RPUSH', 'l', 'd')).toBe(':4');
    expect(list('l')).toEqual(['c', 'b', 'a', 'd']);
    expect(r('TYPE', 'l')).toBe('list');
    expect(r('OBJECT', 'ENCODING', 'l')).toBe('"quicklist"');
  });

  it('X variants do nothing on a missing key and create nothing', () => {
    expect(r('LPUSHX', 'l', 'a')).toBe(':0');
    expect(r('RPUSHX', 'l', 'a')).toBe(':0');
    expect(t.c.db.dict.has('l')).toBe(false);
    expect(t.events).toEqual([]);
  });

  it('pops single elements and deletes the emptied key', () => {
    run('RPUSH', 'l', 'a', 'b');
    expect(r('LPOP', 'l')).toBe('"a"');
    expect(r('RPOP', 'l')).toBe('"b"');
    expect(t.c.db.dict.has('l')).toBe(false);
    expect(r('LPOP', 'l')).toBe('nil');
    expect(t.events).toEqual(['rpush:l', 'lpop:l', 'rpop:l', 'del:l']);
  });

  it('pops with a count: nil array on a missing key (even count 0), empty array for 0', () => {
    expect(r('LPOP', 'l', '0')).toBe('nil[]');
    expect(r('RPOP', 'l', '3')).toBe('nil[]');
    run('RPUSH', 'l', '1', '2', '3', '4');
    expect(r('LPOP', 'l', '0')).toBe('[]');
    expect(r('RPOP', 'l', '2')).toBe('["4","3"]');
    expect(r('LPOP', 'l', '9223372036854775807')).toBe('["1","2"]');
    expect(t.c.db.dict.has('l')).toBe(false);
  });

  it('count errors use getPositiveLong wording, before the type check', () => {
    run('SET', 's', 'v');
    expect(r('LPOP', 's', '-1')).toBe('!ERR value is out of range, must be positive');
    expect(r('LPOP', 's', 'x')).toBe('!ERR value is out of range, must be positive');
    expect(r('LPOP', 's', '1')).toBe('!WRONGTYPE Operation against a key holding the wrong kind of value');
    expect(r('LPOP', 's', '1', '2')).toBe("!ERR wrong number of arguments for 'lpop' command");
    expect(r('RPOP', 's', '1', '2')).toBe("!ERR wrong number of arguments for 'rpop' command");
  });

  it('pushing onto an expired list starts a new one without TTL', () => {
    run('RPUSH', 'l', 'old');
    run('PEXPIRE', 'l', '100');
    expect(r('RPUSH', 'l', 'a')).toBe(':2');
    t.clock.advance(101);
    expect(r('RPUSH', 'l', 'new')).toBe(':1');
    expect(r('PTTL', 'l')).toBe(':-1');
    expect(list('l')).toEqual(['new']);
  });

  it('pushing and popping keep an existing TTL', () => {
    run('RPUSH', 'l', 'a', 'b', 'c');
    run('PEXPIRE', 'l', '5000');
    run('LPUSH', 'l', 'z');
    run('LPOP', 'l');
    run('LSET', 'l', '0', 'A');
    expect(r('PTTL', 'l')).toBe(':5000');
  });
});

describe('reads', () => {
  beforeEach(() => {
    run('RPUSH', 'l', 'a', 'b', 'c', 'd', 'e');
  });

  it('LRANGE clamps and converts negative indexes', () => {
    expect(r('LRANGE', 'l', '0', '-1')).toBe('["a","b","c","d","e"]');
    expect(r('LRANGE', 'l', '-2', '100')).toBe('["d","e"]');
    expect(r('LRANGE', 'l', '-100', '0')).toBe('["a"]');
    expect(r('LRANGE', 'l', '3', '2')).toBe('[]');
    expect(r('LRANGE', 'l', '5', '9')).toBe('[]');
    expect(r('LRANGE', 'l', '-9223372036854775808', '9223372036854775807')).toBe('["a","b","c","d","e"]');
    expect(r('LRANGE', 'l', 'x', '1')).toBe('!ERR value is not an integer or out of range');
    expect(r('LRANGE', 'nope', '0', '-1')).toBe('[]');
  });

  it('LINDEX and LLEN', () => {
    expect(r('LINDEX', 'l', '-1')).toBe('"e"');
    expect(r('LINDEX', 'l', '-6')).toBe('nil');
    expect(r('LINDEX', 'l', '5')).toBe('nil');
    expect(r('LINDEX', 'nope', 'x')).toBe('nil');
    expect(r('LINDEX', 'l', 'x')).toBe('!ERR value is not an integer or out of range');
    expect(r('LLEN', 'l')).toBe(':5');
    expect(r('LLEN', 'nope')).toBe(':0');
  });

  it('reads count keyspace hits and misses', () => {
    const hits = t.e.stats.keyspaceHits;
    const misses = t.e.stats.keyspaceMisses;
    run('LLEN', 'l');
    run('LRANGE', 'nope', '0', '1');
    run('LPOS', 'nope', 'a');
    expect(t.e.stats.keyspaceHits - hits).toBe(1);
    expect(t.e.stats.keyspaceMisses - misses).toBe(2);
  });
});

describe('LPOS', () => {
  beforeEach(() => {
    run('RPUSH', 'l', 'a', 'b', 'c', 'a', 'b', 'a');
  });

  it('RANK, COUNT and MAXLEN', () => {
    expect(r('LPOS', 'l', 'a')).toBe(':0');
    expect(r('LPOS', 'l', 'a', 'RANK', '2')).toBe(':3');
    expect(r('LPOS', 'l', 'a', 'RANK', '-1')).toBe(':5');
    expect(r('LPOS', 'l', 'a', 'RANK', '-3')).toBe(':0');
    expect(r('LPOS', 'l', 'a', 'RANK', '-4')).toBe('nil');
    expect(r('LPOS', 'l', 'a', 'COUNT', '0')).toBe('[:0,:3,:5]');
    expect(r('LPOS', 'l', 'a', 'COUNT', '2', 'RANK', '-1')).toBe('[:5,:3]');
    expect(r('LPOS', 'l', 'a', 'COUNT', '0', 'MAXLEN', '4')).toBe('[:0,:3]');
    expect(r('LPOS', 'l', 'z', 'COUNT', '1')).toBe('[]');
    expect(r('LPOS', 'nope', 'a', 'COUNT', '1')).toBe('[]');
    expect(r('LPOS', 'nope', 'a')).toBe('nil');
  });

  it('RANK LONG_MIN searches from the tail and ignores COUNT; LONG_MIN+1 matches nothing', () => {
    expect(r('LPOS', 'l', 'a', 'RANK', '-9223372036854775808')).toBe(':5');
    expect(r('LPOS', 'l', 'a', 'RANK', '-9223372036854775808', 'COUNT', '1')).toBe('[:5,:3,:0]');
    expect(r('LPOS', 'l', 'a', 'RANK', '-9223372036854775807')).toBe('nil');
  });

  it('errors', () => {
    expect(r('LPOS', 'l', 'a', 'RANK', '0')).toMatch(/^!ERR RANK can't be zero: use 1 to start/);
    expect(r('LPOS', 'l', 'a', 'COUNT', '-1')).toBe("!ERR COUNT can't be negative");
    expect(r('LPOS', 'l', 'a', 'MAXLEN', 'x')).toBe("!ERR MAXLEN can't be negative");
    expect(r('LPOS', 'l', 'a', 'RANK')).toBe('!ERR syntax error');
  });
});

describe('in-place writes', () => {
  it('LSET', () => {
    expect(r('LSET', 'l', '0', 'x')).toBe('!ERR no such key');
    run('RPUSH', 'l', 'a', 'b');
    expect(r('LSET', 'l', '-1', 'B')).toBe('OK');
    expect(r('LSET', 'l', '2', 'x')).toBe('!ERR index out of range');
    expect(list('l')).toEqual(['a', 'B']);
    expect(t.events).toEqual(['rpush:l', 'lset:l']);
  });

  it('LINSERT', () => {
    expect(r('LINSERT', 'l', 'BEFORE', 'a', 'x')).toBe(':0');
    run('RPUSH', 'l', 'a', 'b', 'a');
    expect(r('LINSERT', 'l', 'AFTER', 'a', 'x')).toBe(':4');
    expect(r('LINSERT', 'l', 'BEFORE', 'a', 'y')).toBe(':5');
    expect(r('LINSERT', 'l', 'BEFORE', 'nope', 'y')).toBe(':-1');
    expect(r('LINSERT', 'l', 'UNDER', 'a', 'y')).toBe('!ERR syntax error');
    expect(list('l')).toEqual(['y', 'a', 'x', 'b', 'a']);
  });

  it('LREM from either end, and deleting the emptied key', () => {
    run('RPUSH', 'l', 'a', 'b', 'a', 'c', 'a');
    expect(r('LREM', 'l', '-2', 'a')).toBe(':2');
    expect(list('l')).toEqual(['a', 'b', 'c']);
    expect(r('LREM', 'l', '1', 'zz')).toBe(':0');
    run('LREM', 'l', '0', 'a');
    run('LREM', 'l', '0', 'b');
    expect(r('LREM', 'l', '0', 'c')).toBe(':1');
    expect(t.c.db.dict.has('l')).toBe(false);
    expect(t.events.slice(1)).toEqual(['lrem:l', 'lrem:l', 'lrem:l', 'lrem:l', 'del:l']);
  });

  it('LTRIM keeps an inclusive range, always notifies, deletes when empty', () => {
    expect(r('LTRIM', 'l', '0', '1')).toBe('OK');
    expect(t.events).toEqual([]);
    run('RPUSH', 'l', 'a', 'b', 'c', 'd');
    expect(r('LTRIM', 'l', '1', '-2')).toBe('OK');
    expect(list('l')).toEqual(['b', 'c']);
    expect(r('LTRIM', 'l', '0', '-1')).toBe('OK');
    expect(r('LTRIM', 'l', '1', '0')).toBe('OK');
    expect(t.c.db.dict.has('l')).toBe(false);
    expect(t.events).toEqual(['rpush:l', 'ltrim:l', 'ltrim:l', 'ltrim:l', 'del:l']);
  });
});

describe('LMOVE / RPOPLPUSH / LMPOP', () => {
  it('moves between lists with pop-side and push-side events', () => {
    run('RPUSH', 's', '1', '2');
    t.events = [];
    expect(r('LMOVE', 's', 'd', 'RIGHT', 'LEFT')).toBe('"2"');
    expect(r('RPOPLPUSH', 's', 'd')).toBe('"1"');
    expect(list('d')).toEqual(['1', '2']);
    expect(t.c.db.dict.has('s')).toBe(false);
    expect(t.events).toEqual(['lpush:d', 'rpop:s', 'lpush:d', 'rpop:s', 'del:s']);
  });

  it('rotates a list onto itself, a one-element list included', () => {
    run('RPUSH', 'l', 'a', 'b', 'c');
    expect(r('LMOVE', 'l', 'l', 'LEFT', 'RIGHT')).toBe('"a"');
    expect(list('l')).toEqual(['b', 'c', 'a']);
    run('RPUSH', 'one', 'x');
    expect(r('RPOPLPUSH', 'one', 'one')).toBe('"x"');
    expect(list('one')).toEqual(['x']);
  });

  it('checks the destination type only when the source exists', () => {
    run('SET', 'str', 'v');
    expect(r('LMOVE', 'nope', 'str', 'LEFT', 'LEFT')).toBe('nil');
    run('RPUSH', 'l', 'a');
    expect(r('LMOVE', 'l', 'str', 'LEFT', 'LEFT')).toBe('!WRONGTYPE Operation against a key holding the wrong kind of value');
    expect(list('l')).toEqual(['a']);
  });

  it('LMPOP', () => {
    expect(r('LMPOP', '2', 'a', 'b', 'LEFT')).toBe('nil[]');
    run('RPUSH', 'b', '1', '2', '3');
    expect(r('LMPOP', '2', 'a', 'b', 'RIGHT', 'COUNT', '2')).toBe('["b",["3","2"]]');
    expect(r('LMPOP', '2', 'a', 'b', 'LEFT', 'COUNT', '5')).toBe('["b",["1"]]');
    expect(t.c.db.dict.has('b')).toBe(false);
    expect(r('LMPOP', '0', 'a', 'LEFT')).toBe('!ERR numkeys should be greater than 0');
    expect(r('LMPOP', '1', 'a', 'LEFT', 'COUNT', '0')).toBe('!ERR count should be greater than 0');
    expect(r('LMPOP', '3', 'a', 'LEFT')).toBe('!ERR syntax error');
  });
});

describe('exported helpers for the blocking variants', () => {
  it('parseListEnd follows strcasecmp on C strings', () => {
    expect(parseListEnd('LEFT')).toBe('left');
    expect(parseListEnd('rIgHt')).toBe('right');
    expect(parseListEnd('left\0junk')).toBe('left');
    expect(parseListEnd('lef')).toBeNull();
    expect(parseListEnd('leftx')).toBeNull();
  });

  it('parseMpopArgs at any numkeys position (BLMPOP has the timeout first)', () => {
    const args = parseMpopArgs(['blmpop', '0', '2', 'a', 'b', 'RIGHT', 'COUNT', '3'], 2) as MpopArgs;
    expect(args).toEqual({ firstKey: 3, numkeys: 2, end: 'right', count: 3 });
    expect(parseMpopArgs(['lmpop', '1', 'a', 'LEFT'], 1)).toEqual({ firstKey: 2, numkeys: 1, end: 'left', count: 1 });
    expect(renderReply(parseMpopArgs(['lmpop', '1', 'a'], 1) as Reply)).toBe('!ERR syntax error');
  });

  it('popRangeWithKey, mpopGeneric and lmoveGeneric act as the commands do', () => {
    const o = createList();
    o.value.pushBack('x');
    o.value.pushBack('y');
    t.c.db.put('k', o, 0);
    expect(renderReply(popRangeWithKey(t.c, o, 'k', 'left', 1))).toBe('["k",["x"]]');
    expect(renderReply(lmoveGeneric(t.c, 'k', 'd', 'left', 'right'))).toBe('"y"');
    expect(t.c.db.dict.has('k')).toBe(false);
    const argv = ['lmpop', '1', 'd', 'LEFT'];
    expect(renderReply(mpopGeneric(t.c, argv, parseMpopArgs(argv, 1) as MpopArgs))).toBe('["d",["y"]]');
    expect(t.events).toEqual(['lpop:k', 'rpush:d', 'lpop:k', 'del:k', 'lpop:d', 'del:d']);
  });
});

describe('WATCH, MULTI and dirty', () => {
  it('every successful write breaks a WATCH; no-op writes do not', () => {
    run('RPUSH', 'l', 'a', 'b');
    const cases: [string[], boolean][] = [
      [['LINSERT', 'l', 'BEFORE', 'zz', 'x'], false],
      [['LREM', 'l', '0', 'zz'], false],
      [['LSET', 'l', '5', 'x'], false],
      [['LPUSHX', 'nope', 'x'], false],
      [['LTRIM', 'l', '0', '-1'], true],
      [['LSET', 'l', '0', 'A'], true],
      [['LPUSH', 'l', 'z'], true],
      [['LPOP', 'l'], true],
      [['LMOVE', 'l', 'l', 'LEFT', 'RIGHT'], true],
    ];
    const other = t.e.createClient();
    for (const [argv, breaks] of cases) {
      expect(renderReply(t.e.execute(t.c, ['WATCH', 'l']))).toBe('OK');
      t.e.execute(other, argv);
      run('MULTI');
      run('LLEN', 'l');
      expect(r('EXEC') === 'nil[]', argv.join(' ')).toBe(breaks);
    }
  });

  it('counts one change per element pushed or removed', () => {
    const d0 = t.e.changesSinceLastSave;
    run('RPUSH', 'l', '1', '2', '3', '4', '5');
    expect(t.e.changesSinceLastSave - d0).toBe(5);
    run('LPOP', 'l', '2');
    expect(t.e.changesSinceLastSave - d0).toBe(7);
    run('LTRIM', 'l', '0', '-1');
    expect(t.e.changesSinceLastSave - d0).toBe(7);
    run('LMOVE', 'l', 'l', 'LEFT', 'LEFT');
    expect(t.e.changesSinceLastSave - d0).toBe(8);
  });

  it('commands queue in MULTI and run in EXEC', () => {
    run('MULTI');
    expect(r('RPUSH', 'l', 'a')).toBe('QUEUED');
    expect(r('LPOP', 'l', '2', '3')).toBe('QUEUED');
    expect(r('EXEC')).toBe("[:1,!ERR wrong number of arguments for 'lpop' command]");
  });
});

describe('large lists', () => {
  it('handle 200k pushes, ranges from both ends and trims', () => {
    const n = 200_000;
    for (let i = 0; i < n; i++) run('RPUSH', 'big', String(i));
    expect(r('LLEN', 'big')).toBe(':' + n);
    expect(r('LINDEX', 'big', '-1')).toBe(`"${n - 1}"`);
    expect(r('LRANGE', 'big', '100000', '100002')).toBe('["100000","100001","100002"]');
    run('LTRIM', 'big', '-10', '-1');
    expect(r('LRANGE', 'big', '0', '0')).toBe(`"${n - 10}"`.replace(/^/, '[').replace(/$/, ']'));
    expect(r('LPOS', 'big', String(n - 1))).toBe(':9');
  });
});
