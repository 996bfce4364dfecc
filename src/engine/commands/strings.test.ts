import { beforeEach, describe, expect, it } from 'vitest';
import type { RObj, StringObj } from '../objects.js';
import { stringEncoding } from '../objects.js';
import { Engine } from '../engine.js';
import { stringCommands } from './strings.js';
import { CommandBench, T0 } from './test-support.js';

const t = new CommandBench();
const { run, r } = t;

function obj(key: string): StringObj | undefined {
  const o = t.c.db.dict.get(key);
  return o?.type === 'string' ? o : undefined;
}

function ttl(key: string): number | undefined {
  const when = t.c.db.expires.get(key);
  return when === undefined ? undefined : when - t.clock.now();
}

beforeEach(() => t.reset());

describe('stringEncoding', () => {
  const enc = (value: string, fixed?: StringObj['enc']) => stringEncoding({ type: 'string', value, enc: fixed });

  it('derives int, embstr and raw like tryObjectEncoding', () => {
    expect(enc('0')).toBe('int');
    expect(enc('-9223372036854775808')).toBe('int');
    expect(enc('9223372036854775807')).toBe('int');
    expect(enc('9223372036854775808')).toBe('embstr');
    expect(enc('-0')).toBe('embstr');
    expect(enc('01')).toBe('embstr');
    expect(enc(' 1')).toBe('embstr');
    expect(enc('')).toBe('embstr');
    expect(enc('x'.repeat(44))).toBe('embstr');
    expect(enc('x'.repeat(45))).toBe('raw');
    expect(enc('1'.repeat(45))).toBe('raw');
  });

  it('a fixed encoding wins', () => {
    expect(enc('1', 'raw')).toBe('raw');
    expect(enc('1.5', 'embstr')).toBe('embstr');
  });

  it('follows each write', () => {
    run('SET', 'k', '12');
    expect(stringEncoding(obj('k')!)).toBe('int');
    run('APPEND', 'k', '3');
    expect(stringEncoding(obj('k')!)).toBe('raw');
    run('INCR', 'k');
    expect(stringEncoding(obj('k')!)).toBe('int');
    run('INCRBYFLOAT', 'k', '1');
    expect(stringEncoding(obj('k')!)).toBe('embstr');
    run('SETRANGE', 'k', '0', '9');
    expect(stringEncoding(obj('k')!)).toBe('raw');
    run('SET', 'k', 'x'.repeat(45));
    expect(stringEncoding(obj('k')!)).toBe('raw');
    run('INCRBYFLOAT', 'f', '1e40');
    expect(obj('f')!.value).toBe('9999999999999999999783686092270256259072');
    expect(stringEncoding(obj('f')!)).toBe('embstr');
    run('INCRBYFLOAT', 'f', '1e50');
    expect(stringEncoding(obj('f')!)).toBe('raw');
  });
});

describe('SET and GET', () => {
  it('round-trips bytes', () => {
    expect(r('SET', 'k', '\x00\xff')).toBe('OK');
    expect(r('GET', 'k')).toBe('"\\u0000ÿ"');
    expect(r('GET', 'nope')).toBe('nil');
  });

  it('EX, PX, EXAT, PXAT store absolute times; the key expires lazily', () => {
    run('SET', 'a', 'v', 'EX', '10');
    expect(ttl('a')).toBe(10_000);
    run('SET', 'b', 'v', 'PX', '1500');
    expect(ttl('b')).toBe(1500);
    run('SET', 'c', 'v', 'EXAT', String(T0 / 1000 + 20));
    expect(ttl('c')).toBe(20_000);
    run('SET', 'd', 'v', 'PXAT', String(T0 + 5));
    expect(ttl('d')).toBe(5);
    t.clock.advance(1500);
    // Redis expires a key once the clock is strictly past its time.
    expect(r('GET', 'b')).toBe('"v"');
    t.clock.advance(1);
    expect(r('GET', 'b')).toBe('nil');
    expect(r('GET', 'a')).toBe('"v"');
    expect(r('GET', 'd')).toBe('nil');
    t.clock.advance(8500);
    expect(r('GET', 'a')).toBe('nil');
    expect(r('GET', 'c')).toBe('"v"');
    expect(t.events).toContain('expired:a');
  });

  it('keeps the TTL with KEEPTTL and clears it otherwise', () => {
    run('SET', 'k', 'v', 'EX', '10');
    run('SET', 'k', 'w', 'KEEPTTL');
    expect(ttl('k')).toBe(10_000);
    run('SET', 'k', 'x');
    expect(ttl('k')).toBeUndefined();
  });

  it('NX on a logically expired key succeeds (lazy expiry first)', () => {
    run('SET', 'k', 'v', 'PX', '10');
    t.clock.advance(11);
    expect(r('SET', 'k', 'w', 'NX', 'GET')).toBe('nil');
    expect(r('GET', 'k')).toBe('"w"');
  });

  it('stores huge absolute times without losing the key', () => {
    expect(r('SET', 'k', 'v', 'PXAT', '9223372036854775807')).toBe('OK');
    expect(t.c.db.expires.get('k')).toBe(2 ** 63); // 9223372036854775807 as a double
    expect(r('SET', 'k', 'v', 'EXAT', '9223372036854775')).toBe('OK');
    expect(t.c.db.expires.get('k')).toBe(9223372036854775000);
    expect(r('SET', 'k', 'v', 'EX', '9223372036854775')).toBe("!ERR invalid expire time in 'set' command");
    expect(r('SET', 'k', 'v', 'PX', String(9223372036854775807n - BigInt(T0)))).toBe('OK');
    expect(r('SET', 'k', 'v', 'PX', String(9223372036854775807n - BigInt(T0) + 1n))).toBe("!ERR invalid expire time in 'set' command");
  });

  it('names the command in expire errors', () => {
    expect(r('SETEX', 'k', '0', 'v')).toBe("!ERR invalid expire time in 'setex' command");
    expect(r('PSETEX', 'k', '0', 'v')).toBe("!ERR invalid expire time in 'psetex' command");
    expect(r('set', 'k', 'v', 'px', '0')).toBe("!ERR invalid expire time in 'set' command");
    run('SET', 'k', 'v');
    expect(r('GETEX', 'k', 'PX', '0')).toBe("!ERR invalid expire time in 'getex' command");
  });

  it('notifies set, then expire', () => {
    run('SET', 'k', 'v', 'EX', '5');
    run('SET', 'k', 'v', 'NX');
    run('SETNX', 'n', 'v');
    run('SETEX', 's', '5', 'v');
    expect(t.events).toEqual(['set:k', 'expire:k', 'set:n', 'set:s', 'expire:s']);
  });

  it('touches watchers', () => {
    const w = t.e.createClient();
    t.e.watch(w, w.db, 'k');
    run('GET', 'k');
    expect(w.dirtyCas).toBe(false);
    run('SET', 'k', 'v', 'XX');
    expect(w.dirtyCas).toBe(false);
    run('SET', 'k', 'v');
    expect(w.dirtyCas).toBe(true);
  });

  it('counts hits and misses on GET', () => {
    run('SET', 'k', 'v');
    run('GET', 'k');
    run('GET', 'x');
    run('MGET', 'k', 'x', 'y');
    expect(t.e.stats.keyspaceHits).toBe(2);
    expect(t.e.stats.keyspaceMisses).toBe(3);
  });
});

describe('GETEX, GETDEL, GETSET', () => {
  it('GETEX sets, persists and deletes with events', () => {
    run('SET', 'k', 'v');
    t.events = [];
    expect(r('GETEX', 'k', 'EX', '3')).toBe('"v"');
    expect(ttl('k')).toBe(3000);
    expect(r('GETEX', 'k', 'PERSIST')).toBe('"v"');
    expect(ttl('k')).toBeUndefined();
    expect(r('GETEX', 'k', 'PERSIST')).toBe('"v"');
    expect(r('GETEX', 'k', 'PXAT', String(T0))).toBe('"v"');
    expect(obj('k')).toBeUndefined();
    expect(t.events).toEqual(['expire:k', 'persist:k', 'del:k']);
  });

  it('GETEX signals watchers when it changes the TTL', () => {
    run('SET', 'k', 'v');
    const w = t.e.createClient();
    t.e.watch(w, w.db, 'k');
    run('GETEX', 'k');
    run('GETEX', 'k', 'PERSIST');
    expect(w.dirtyCas).toBe(false);
    run('GETEX', 'k', 'EX', '10');
    expect(w.dirtyCas).toBe(true);
  });

  it('GETDEL and GETSET notify', () => {
    run('SET', 'k', 'v', 'EX', '5');
    t.events = [];
    expect(r('GETSET', 'k', 'w')).toBe('"v"');
    expect(ttl('k')).toBeUndefined();
    expect(r('GETDEL', 'k')).toBe('"w"');
    expect(r('GETDEL', 'k')).toBe('nil');
    expect(t.events).toEqual(['set:k', 'del:k']);
  });
});

describe('wrong type', () => {
  beforeEach(() => {
    // Stand-in for a non-string value until the other types exist.
    t.c.db.put('l', { type: 'list' } as unknown as RObj, 0);
  });

  it('every reader and writer refuses it, MGET answers nil', () => {
    const WT = '!WRONGTYPE Operation against a key holding the wrong kind of value';
    for (const argv of [
      ['GET', 'l'],
      ['GETSET', 'l', 'v'],
      ['GETDEL', 'l'],
      ['GETEX', 'l'],
      ['SET', 'l', 'v', 'GET'],
      ['APPEND', 'l', 'v'],
      ['STRLEN', 'l'],
      ['GETRANGE', 'l', '0', '1'],
      ['SETRANGE', 'l', '0', 'v'],
      ['INCR', 'l'],
      ['DECRBY', 'l', '2'],
      ['INCRBYFLOAT', 'l', '1'],
    ]) {
      expect(r(...argv), argv.join(' ')).toBe(WT);
    }
    expect(r('MGET', 'l')).toBe('[nil]');
    expect(r('LCS', 'l', 'x')).toBe('!ERR The specified keys must contain string values');
    expect(r('SETNX', 'l', 'v')).toBe(':0');
    expect(r('MSETNX', 'l', 'v')).toBe(':0');
    expect(r('SET', 'l', 'v')).toBe('OK');
    expect(r('GET', 'l')).toBe('"v"');
  });
});

describe('MSET, MSETNX', () => {
  it('sets every pair with a set event each', () => {
    expect(r('MSET', 'a', '1', 'b', '2')).toBe('OK');
    expect(r('MSETNX', 'b', '3', 'c', '4')).toBe(':0');
    expect(r('MSETNX', 'c', '3', 'd', '4')).toBe(':1');
    expect(r('MGET', 'a', 'b', 'c', 'd', 'e')).toBe('["1","2","3","4",nil]');
    expect(t.events).toEqual(['set:a', 'set:b', 'set:c', 'set:d']);
  });

  it('odd argument counts name the command', () => {
    expect(r('MSET', 'a', 'b', 'c')).toBe("!ERR wrong number of arguments for 'mset' command");
    expect(r('msetnx', 'a', 'b', 'c')).toBe("!ERR wrong number of arguments for 'msetnx' command");
  });
});

describe('counters', () => {
  it('INCR family keeps int64 exactness and the TTL', () => {
    run('SET', 'n', '9007199254740991', 'EX', '100');
    expect(r('INCR', 'n')).toBe(':9007199254740992');
    expect(r('INCRBY', 'n', '9007199254740992')).toBe(':18014398509481984');
    expect(r('DECRBY', 'n', '18014398509481984')).toBe(':0');
    expect(ttl('n')).toBe(100_000);
    expect(stringEncoding(obj('n')!)).toBe('int');
    expect(r('INCRBY', 'm', '9223372036854775807')).toBe(':9223372036854775807');
    expect(r('INCR', 'm')).toBe('!ERR increment or decrement would overflow');
    expect(r('DECRBY', 'm', '-9223372036854775808')).toBe('!ERR decrement would overflow');
    expect(r('DECRBY', 'z', '9223372036854775807')).toBe(':-9223372036854775807');
    expect(r('DECR', 'z')).toBe(':-9223372036854775808');
    expect(r('DECR', 'z')).toBe('!ERR increment or decrement would overflow');
    expect(t.events.filter((x) => x.startsWith('incrby')).length).toBe(6);
  });

  it('INCRBYFLOAT', () => {
    expect(r('INCRBYFLOAT', 'f', '0.1')).toBe('"0.1"');
    expect(r('INCRBYFLOAT', 'f', '0.2')).toBe('"0.3"');
    expect(r('INCRBYFLOAT', 'f', 'inf')).toBe('!ERR increment would produce NaN or Infinity');
    expect(r('INCRBYFLOAT', 'f', 'x')).toBe('!ERR value is not a valid float');
    expect(r('GET', 'f')).toBe('"0.3"');
    expect(t.events).toEqual(['incrbyfloat:f', 'incrbyfloat:f']);
  });
});

describe('APPEND, SETRANGE, GETRANGE', () => {
  it('APPEND and SETRANGE notify and signal', () => {
    const w = t.e.createClient();
    t.e.watch(w, w.db, 'k');
    run('APPEND', 'k', 'ab');
    expect(w.dirtyCas).toBe(true);
    run('SETRANGE', 'k', '5', 'z');
    expect(r('GET', 'k')).toBe('"ab\\u0000\\u0000\\u0000z"');
    run('SETRANGE', 'k', '0', '');
    run('SETRANGE', 'x', '3', '');
    expect(t.events).toEqual(['append:k', 'setrange:k']);
    expect(obj('x')).toBeUndefined();
  });

  it('refuses lengths JS strings cannot hold even when the limit allows them', () => {
    const big = new Engine({ clock: t.clock, config: { 'proto-max-bulk-len': '1073741824' } });
    const bc = big.createClient();
    expect(big.execute(bc, ['SETRANGE', 'k', '600000000', 'x'])).toEqual({
      t: 'error',
      v: 'ERR string exceeds maximum allowed size (proto-max-bulk-len)',
    });
  });

  it('GETRANGE compares huge negative indexes exactly', () => {
    run('SET', 's', 'Hello');
    expect(r('GETRANGE', 's', '-9223372036854775807', '-9223372036854775808')).toBe('""');
    expect(r('GETRANGE', 's', '-9223372036854775808', '-9223372036854775807')).toBe('"H"');
    expect(r('SUBSTR', 's', '1', '-2')).toBe('"ell"');
  });
});

describe('LCS', () => {
  it('LEN with two rows agrees with the full table', () => {
    let seed = 1;
    const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let t = 0; t < 30; t++) {
      const a = Array.from({ length: Math.floor(rnd() * 40) }, () => 'abc'[Math.floor(rnd() * 3)]).join('');
      const b = Array.from({ length: Math.floor(rnd() * 40) }, () => 'abc'[Math.floor(rnd() * 3)]).join('');
      run('MSET', 'a', a, 'b', b);
      const text = run('LCS', 'a', 'b') as { v: string };
      const len = run('LCS', 'a', 'b', 'LEN') as { v: number };
      expect(text.v.length).toBe(len.v);
    }
  });

  it('IDX gives a map with matches and len', () => {
    run('MSET', 'key1', 'ohmytext', 'key2', 'mynewtext');
    expect(r('LCS', 'key1', 'key2', 'IDX', 'MINMATCHLEN', '4', 'WITHMATCHLEN')).toBe('{"matches":[[[:4,:7],[:5,:8],:4]],"len"::6}');
  });
});

describe('the command table entries', () => {
  it('declares the 22 string commands, each in the string group', () => {
    const names = stringCommands.map((s) => s.name).sort();
    expect(names).toEqual([
      'append',
      'decr',
      'decrby',
      'get',
      'getdel',
      'getex',
      'getrange',
      'getset',
      'incr',
      'incrby',
      'incrbyfloat',
      'lcs',
      'mget',
      'mset',
      'msetnx',
      'psetex',
      'set',
      'setex',
      'setnx',
      'setrange',
      'strlen',
      'substr',
    ]);
    for (const s of stringCommands) expect(s.group).toBe('string');
  });
});
