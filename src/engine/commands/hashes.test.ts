import { beforeEach, describe, expect, it } from 'vitest';
import type { HashObj } from '../objects.js';
import type { Reply } from '../../shared/reply.js';
import { createHash, hashSet, RANDOM_REPEAT_LIMIT, scanCollection } from './hashes.js';
import { renderReply } from '../render-reply.js';
import { CommandBench } from './test-support.js';

const t = new CommandBench();
const { run, r } = t;

function hash(key: string): HashObj | undefined {
  const o = t.c.db.dict.get(key);
  return o?.type === 'hash' ? o : undefined;
}

/** The strings of an array reply. */
function strings(x: Reply | null): string[] {
  if (x === null || x.t !== 'array' || x.v === null) throw new Error('not an array: ' + renderReply(x));
  return x.v.map((i) => (i.t === 'bulk' && i.v !== null ? i.v : renderReply(i)));
}

beforeEach(() => t.reset());

describe('HSET, HMSET, HSETNX, HGET, HMGET', () => {
  it('adds and updates fields, counting only new ones', () => {
    expect(r('HSET', 'h', 'a', '1', 'b', '2')).toBe(':2');
    expect(r('HSET', 'h', 'a', '10', 'c', '3')).toBe(':1');
    expect(r('HSET', 'h', 'a', '11', 'a', '12')).toBe(':0');
    expect(r('HGET', 'h', 'a')).toBe('"12"');
    expect(r('HGET', 'h', 'zz')).toBe('nil');
    expect(r('HGET', 'nokey', 'a')).toBe('nil');
    expect(r('HMSET', 'h', 'd', '4')).toBe('OK');
    expect(r('HMGET', 'h', 'a', 'zz', 'd')).toBe('["12",nil,"4"]');
    expect(r('HMGET', 'nokey', 'a', 'b')).toBe('[nil,nil]');
    expect(t.events).toEqual(['hset:h', 'hset:h', 'hset:h', 'hset:h']);
  });

  it('an odd number of arguments is an arity error in the command name', () => {
    expect(r('HSET', 'h', 'a', '1', 'b')).toBe("!ERR wrong number of arguments for 'hset' command");
    expect(r('hmset', 'h', 'a', '1', 'b')).toBe("!ERR wrong number of arguments for 'hmset' command");
    expect(r('HSET', 'h', 'a')).toBe("!ERR wrong number of arguments for 'hset' command");
    expect(t.c.db.dict.has('h')).toBe(false);
  });

  it('HSETNX sets only a missing field', () => {
    expect(r('HSETNX', 'h', 'a', '1')).toBe(':1');
    expect(r('HSETNX', 'h', 'a', '2')).toBe(':0');
    expect(r('HGET', 'h', 'a')).toBe('"1"');
    expect(t.events).toEqual(['hset:h']);
  });

  it('refuses other types', () => {
    run('SET', 's', 'v');
    const wrong = '!WRONGTYPE Operation against a key holding the wrong kind of value';
    for (const argv of [
      ['HSET', 's', 'a', '1'],
      ['HSETNX', 's', 'a', '1'],
      ['HGET', 's', 'a'],
      ['HMGET', 's', 'a'],
      ['HDEL', 's', 'a'],
      ['HLEN', 's'],
      ['HSTRLEN', 's', 'a'],
      ['HEXISTS', 's', 'a'],
      ['HKEYS', 's'],
      ['HVALS', 's'],
      ['HGETALL', 's'],
      ['HINCRBY', 's', 'a', '1'],
      ['HINCRBYFLOAT', 's', 'a', '1'],
      ['HRANDFIELD', 's'],
      ['HRANDFIELD', 's', '2'],
      ['HSCAN', 's', '0'],
    ]) {
      expect(r(...argv), argv.join(' ')).toBe(wrong);
    }
  });

  it('keeps the TTL of the key it writes', () => {
    run('HSET', 'h', 'a', '1');
    run('PEXPIRE', 'h', '5000');
    run('HSET', 'h', 'b', '2');
    run('HINCRBY', 'h', 'a', '1');
    run('HDEL', 'h', 'b');
    expect(r('PTTL', 'h')).toBe(':5000');
  });

  it('breaks WATCH on every successful write only', () => {
    run('HSET', 'h', 'a', '1');
    const other = t.e.createClient();
    t.e.execute(other, ['WATCH', 'h']);
    run('HSETNX', 'h', 'a', '2');
    run('HDEL', 'h', 'zz');
    expect(other.dirtyCas).toBe(false);
    run('HINCRBYFLOAT', 'h', 'a', '0.5');
    expect(other.dirtyCas).toBe(true);
  });
});

describe('listpack and hashtable encodings', () => {
  it('follow hash-max-listpack-entries (512) and -value (64)', () => {
    for (let i = 0; i < 512; i++) run('HSET', 'h', 'f' + i, 'v');
    expect(hash('h')!.enc).toBe('listpack');
    run('HSET', 'h', 'f0', 'again');
    expect(hash('h')!.enc).toBe('listpack');
    run('HSET', 'h', 'f512', 'v');
    expect(hash('h')!.enc).toBe('hashtable');
    // Never back to listpack.
    run('HDEL', 'h', 'f512', 'f511');
    expect(hash('h')!.enc).toBe('hashtable');

    run('HSET', 'v', 'a', 'x'.repeat(64));
    expect(hash('v')!.enc).toBe('listpack');
    run('HSET', 'v', 'x'.repeat(65), '1');
    expect(hash('v')!.enc).toBe('hashtable');
  });

  it('HSET converts for a long argument even when nothing changes', () => {
    run('HSET', 'h', 'a', 'x'.repeat(65));
    expect(hash('h')!.enc).toBe('hashtable');
    run('HSET', 'g', 'a', '1');
    expect(r('HSETNX', 'g', 'a', 'x'.repeat(65))).toBe(':0');
    expect(hash('g')!.enc).toBe('listpack');
  });

  it('HINCRBYFLOAT converts when its result is too long', () => {
    run('HINCRBYFLOAT', 'h', 'f', '1e70');
    expect(hash('h')!.enc).toBe('hashtable');
  });

  it('CONFIG SET of the thresholds applies to later writes', () => {
    run('HSET', 'h', 'a', '1', 'b', '2', 'c', '3');
    expect(r('CONFIG', 'SET', 'hash-max-listpack-entries', '2')).toBe('OK');
    expect(hash('h')!.enc).toBe('listpack');
    run('HSET', 'h', 'a', '5');
    expect(hash('h')!.enc).toBe('hashtable');
    expect(r('CONFIG', 'SET', 'hash-max-listpack-value', '0')).toBe('OK');
    run('HSET', 'e', '', '');
    expect(hash('e')!.enc).toBe('listpack');
    run('HSET', 'e', 'x', '');
    expect(hash('e')!.enc).toBe('hashtable');
  });

  it('hashSet reports updates', () => {
    const h = createHash();
    expect(hashSet(t.e, h, 'a', '1')).toBe(false);
    expect(hashSet(t.e, h, 'a', '2')).toBe(true);
    expect([...h.value]).toEqual([['a', '2']]);
  });

  it('listpack hashes keep insertion order, updates in place', () => {
    run('HSET', 'h', 'b', '1', 'a', '2', 'c', '3');
    run('HSET', 'h', 'a', '20');
    run('HDEL', 'h', 'b');
    run('HSET', 'h', 'b', '10');
    expect(r('HGETALL', 'h')).toBe('{"a":"20","c":"3","b":"10"}');
    expect(r('HKEYS', 'h')).toBe('["a","c","b"]');
    expect(r('HVALS', 'h')).toBe('["20","3","10"]');
  });
});

describe('HDEL, HLEN, HSTRLEN, HEXISTS, HKEYS, HVALS, HGETALL', () => {
  it('deletes fields and the emptied key', () => {
    run('HSET', 'h', 'a', '1', 'b', '2');
    expect(r('HDEL', 'h', 'a', 'a', 'zz')).toBe(':1');
    expect(r('HLEN', 'h')).toBe(':1');
    expect(r('HDEL', 'h', 'b', 'zz')).toBe(':1');
    expect(t.c.db.dict.has('h')).toBe(false);
    expect(r('HDEL', 'h', 'b')).toBe(':0');
    expect(t.events).toEqual(['hset:h', 'hdel:h', 'hdel:h', 'del:h']);
  });

  it('answer for missing keys and fields', () => {
    expect(r('HLEN', 'x')).toBe(':0');
    expect(r('HSTRLEN', 'x', 'f')).toBe(':0');
    expect(r('HEXISTS', 'x', 'f')).toBe(':0');
    expect(r('HKEYS', 'x')).toBe('[]');
    expect(r('HVALS', 'x')).toBe('[]');
    expect(r('HGETALL', 'x')).toBe('{}');
    run('HSET', 'h', 'f', '\xec\x95\x88', 'n', '-123');
    expect(r('HSTRLEN', 'h', 'f')).toBe(':3');
    expect(r('HSTRLEN', 'h', 'n')).toBe(':4');
    expect(r('HSTRLEN', 'h', 'zz')).toBe(':0');
    expect(r('HEXISTS', 'h', 'f')).toBe(':1');
    expect(r('HEXISTS', 'h', 'F')).toBe(':0');
  });
});

describe('HINCRBY', () => {
  it('counts from 0 and across 2^53 exactly', () => {
    expect(r('HINCRBY', 'h', 'n', '5')).toBe(':5');
    expect(r('HINCRBY', 'h', 'n', '-10')).toBe(':-5');
    expect(r('HINCRBY', 'h', 'n', '9007199254740991')).toBe(':9007199254740986');
    expect(r('HINCRBY', 'h', 'n', '10')).toBe(':9007199254740996');
    expect(r('HGET', 'h', 'n')).toBe('"9007199254740996"');
    expect(r('HINCRBY', 'h', 'm', '9223372036854775807')).toBe(':9223372036854775807');
    expect(r('HINCRBY', 'h', 'm', '1')).toBe('!ERR increment or decrement would overflow');
    expect(r('HINCRBY', 'h', 'm', '-9223372036854775807')).toBe(':0');
    expect(r('HINCRBY', 'h', 'k', '-9223372036854775808')).toBe(':-9223372036854775808');
    expect(r('HINCRBY', 'h', 'k', '-1')).toBe('!ERR increment or decrement would overflow');
    expect(t.events.filter((x) => x.startsWith('hincrby')).length).toBe(7);
  });

  it('checks the increment first, then the type, then the stored value', () => {
    run('SET', 's', 'v');
    expect(r('HINCRBY', 's', 'f', 'x')).toBe('!ERR value is not an integer or out of range');
    expect(r('HINCRBY', 's', 'f', '1')).toBe('!WRONGTYPE Operation against a key holding the wrong kind of value');
    run('HSET', 'h', 'f', '1.5', 'g', ' 1', 'z', '01');
    for (const f of ['f', 'g', 'z']) expect(r('HINCRBY', 'h', f, '1')).toBe('!ERR hash value is not an integer');
    expect(r('HINCRBY', 'h', 'f', '9223372036854775808')).toBe('!ERR value is not an integer or out of range');
  });
});

describe('HINCRBYFLOAT', () => {
  it('adds in long double and prints like Redis', () => {
    expect(r('HINCRBYFLOAT', 'h', 'f', '0.1')).toBe('"0.1"');
    expect(r('HINCRBYFLOAT', 'h', 'f', '0.2')).toBe('"0.3"');
    expect(r('HINCRBYFLOAT', 'h', 'f', '-0.3')).toBe('"0"');
    expect(r('HINCRBYFLOAT', 'h', 'g', '5.0e3')).toBe('"5000"');
    expect(r('HINCRBYFLOAT', 'h', 'g', '0x10')).toBe('"5016"');
    expect(r('HGET', 'h', 'g')).toBe('"5016"');
  });

  it('has its own order of errors', () => {
    run('SET', 's', 'v');
    expect(r('HINCRBYFLOAT', 's', 'f', 'abc')).toBe('!ERR value is not a valid float');
    expect(r('HINCRBYFLOAT', 's', 'f', 'inf')).toBe('!ERR value is NaN or Infinity');
    expect(r('HINCRBYFLOAT', 's', 'f', '-Infinity')).toBe('!ERR value is NaN or Infinity');
    expect(r('HINCRBYFLOAT', 's', 'f', 'nan')).toBe('!ERR value is not a valid float');
    expect(r('HINCRBYFLOAT', 's', 'f', '1')).toBe('!WRONGTYPE Operation against a key holding the wrong kind of value');
    run('HSET', 'h', 'f', 'abc', 'i', 'inf', 'sp', ' 1');
    expect(r('HINCRBYFLOAT', 'h', 'f', '1')).toBe('!ERR hash value is not a float');
    expect(r('HINCRBYFLOAT', 'h', 'sp', '1')).toBe('!ERR hash value is not a float');
    expect(r('HINCRBYFLOAT', 'h', 'i', '1')).toBe('!ERR increment would produce NaN or Infinity');
    run('HSET', 'h', 'big', '1e4932');
    expect(r('HINCRBYFLOAT', 'h', 'big', '1e4932')).toBe('!ERR increment would produce NaN or Infinity');
    expect(t.events).toEqual(['set:s', 'hset:h', 'hset:h']);
  });
});

describe('HRANDFIELD', () => {
  beforeEach(() => {
    run('HSET', 'h', 'a', '1', 'b', '2', 'c', '3', 'd', '4', 'e', '5', 'f', '6', 'g', '7');
  });

  it('one field, or nil for a missing key', () => {
    const f = run('HRANDFIELD', 'h');
    expect(f?.t === 'bulk' && 'abcdefg'.includes(f.v!)).toBe(true);
    expect(r('HRANDFIELD', 'nokey')).toBe('nil');
    expect(r('HRANDFIELD', 'nokey', '3')).toBe('[]');
  });

  it('positive counts are distinct, negative ones may repeat', () => {
    for (let n = 1; n <= 9; n++) {
      const got = strings(run('HRANDFIELD', 'h', String(n)));
      expect(got.length).toBe(Math.min(n, 7));
      expect(new Set(got).size).toBe(got.length);
    }
    const rep = strings(run('HRANDFIELD', 'h', '-50'));
    expect(rep.length).toBe(50);
    expect(new Set(rep).size).toBeLessThan(50);
    for (const f of rep) expect('abcdefg').toContain(f);
    expect(r('HRANDFIELD', 'h', '0')).toBe('[]');
  });

  it('a count of at least the size gives the whole hash in its order', () => {
    expect(r('HRANDFIELD', 'h', '7')).toBe('["a","b","c","d","e","f","g"]');
    expect(r('HRANDFIELD', 'h', '9223372036854775807')).toBe('["a","b","c","d","e","f","g"]');
  });

  it('a small listpack sample keeps listpack order', () => {
    for (let i = 0; i < 20; i++) {
      const got = strings(run('HRANDFIELD', 'h', '2'));
      expect(got).toEqual([...got].sort());
    }
  });

  it('WITHVALUES: flat pairs in RESP2, nested pairs in RESP3', () => {
    const flat = strings(run('HRANDFIELD', 'h', '-3', 'WITHVALUES'));
    expect(flat.length).toBe(6);
    for (let i = 0; i < 6; i += 2) expect(String(flat[i]!.charCodeAt(0) - 96)).toBe(flat[i + 1]);
    t.c.resp = 3;
    const nested = run('HRANDFIELD', 'h', '3', 'withvalues');
    expect(nested?.t).toBe('array');
    const pairs = (nested as { v: Reply[] }).v;
    expect(pairs.length).toBe(3);
    for (const p of pairs) expect(strings(p).length).toBe(2);
  });

  it('errors: count, option, ranges', () => {
    expect(r('HRANDFIELD', 'h', 'x')).toBe('!ERR value is not an integer or out of range');
    expect(r('HRANDFIELD', 'h', '-9223372036854775808')).toBe('!ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807');
    expect(r('HRANDFIELD', 'h', '1', 'WITHVALUE')).toBe('!ERR syntax error');
    expect(r('HRANDFIELD', 'h', '1', 'WITHVALUES', 'x')).toBe('!ERR syntax error');
    expect(r('HRANDFIELD', 'h', '4611686018427387904', 'WITHVALUES')).toBe('!ERR value is out of range');
    expect(r('HRANDFIELD', 'h', '-4611686018427387904', 'WITHVALUES')).toBe('!ERR value is out of range');
    expect(strings(run('HRANDFIELD', 'h', '4611686018427387903', 'WITHVALUES')).length).toBe(14);
    expect(r('HRANDFIELD', 'h', String(-RANDOM_REPEAT_LIMIT - 1))).toMatch(/^!ERR count is too large/);
  });

  it('hashtable hashes: distinct picks too', () => {
    for (let i = 0; i < 600; i++) run('HSET', 'big', 'f' + i, String(i));
    for (const n of [5, 300, 599]) {
      const got = strings(run('HRANDFIELD', 'big', String(n)));
      expect(new Set(got).size).toBe(n);
    }
  });
});

describe('HSCAN', () => {
  it('listpack: everything at once, cursor 0, MATCH on fields', () => {
    run('HSET', 'h', 'a1', 'x', 'b1', 'y', 'a2', 'z');
    expect(r('HSCAN', 'h', '0')).toBe('["0",["a1","x","b1","y","a2","z"]]');
    expect(r('HSCAN', 'h', '123', 'MATCH', 'a*', 'COUNT', '1')).toBe('["0",["a1","x","a2","z"]]');
    expect(r('HSCAN', 'nokey', '0', 'COUNT', '0')).toBe('["0",[]]');
  });

  it('errors', () => {
    run('HSET', 'h', 'a', '1');
    expect(r('HSCAN', 'h', 'x')).toBe('!ERR invalid cursor');
    expect(r('HSCAN', 'h', '0', 'COUNT', '0')).toBe('!ERR syntax error');
    expect(r('HSCAN', 'h', '0', 'COUNT', 'x')).toBe('!ERR value is not an integer or out of range');
    expect(r('HSCAN', 'h', '0', 'TYPE', 'string')).toBe('!ERR syntax error');
    expect(r('HSCAN', 'h', '0', 'MATCH')).toBe('!ERR syntax error');
  });

  it('hashtable: batches until cursor 0, every field exactly once', () => {
    for (let i = 0; i < 1000; i++) run('HSET', 'h', 'f' + i, 'v' + i);
    const seen = new Map<string, string>();
    let cursor = '0';
    let calls = 0;
    do {
      const [next, items] = (run('HSCAN', 'h', cursor, 'COUNT', '25') as { v: Reply[] }).v as [Reply, Reply];
      cursor = (next as { v: string }).v;
      const flat = strings(items);
      expect(flat.length).toBeLessThanOrEqual(50);
      for (let i = 0; i < flat.length; i += 2) {
        expect(seen.has(flat[i]!)).toBe(false);
        seen.set(flat[i]!, flat[i + 1]!);
      }
      calls++;
    } while (cursor !== '0');
    expect(seen.size).toBe(1000);
    expect(calls).toBeGreaterThanOrEqual(40);
    expect(seen.get('f7')).toBe('v7');
  });

  it('keeps the SCAN guarantee while the hash changes', () => {
    for (let i = 0; i < 1000; i++) run('HSET', 'h', 'f' + i, 'v');
    const seen = new Set<string>();
    let cursor = '0';
    let step = 0;
    do {
      const [next, items] = (run('HSCAN', 'h', cursor) as { v: Reply[] }).v as [Reply, Reply];
      cursor = (next as { v: string }).v;
      const flat = strings(items);
      for (let i = 0; i < flat.length; i += 2) seen.add(flat[i]!);
      // Meanwhile: delete fields at the front (f0..), add new ones.
      run('HDEL', 'h', 'f' + step);
      run('HSET', 'h', 'new' + step, 'v');
      step++;
    } while (cursor !== '0');
    // Every field never deleted during the iteration came back.
    for (let i = step; i < 1000; i++) expect(seen.has('f' + i), 'f' + i).toBe(true);
    for (const f of seen) expect(f.startsWith('new')).toBe(false);
  });

  it('interleaved iterations by several clients do not disturb each other', () => {
    const coll = new Map<string, number>();
    for (let i = 0; i < 100; i++) coll.set('e' + i, i);
    const walks = [0, 0, 0].map(() => ({ cursor: 0, seen: new Set<string>(), done: false }));
    let started = false;
    while (!started || walks.some((w) => !w.done)) {
      started = true;
      for (const w of walks) {
        if (w.done) continue;
        w.cursor = scanCollection(
          coll,
          () => coll.keys(),
          (k) => coll.has(k),
          w.cursor,
          7,
          (k) => w.seen.add(k),
        );
        if (w.cursor === 0) w.done = true;
      }
    }
    for (const w of walks) expect(w.seen.size).toBe(100);
  });
});

describe('course scenarios', () => {
  it('user01/user02, hat:56854717, sessions and user:1', () => {
    expect(r('HSET', 'user01', 'name', 'Kim', 'age', '30')).toBe(':2');
    expect(r('HSET', 'user02', 'name', 'Lee', 'age', '25')).toBe(':2');
    expect(r('HGET', 'user01', 'name')).toBe('"Kim"');
    expect(r('HGETALL', 'user02')).toBe('{"name":"Lee","age":"25"}');
    expect(r('HSET', 'hat:56854717', 'quantity', '5', 'npurchased', '0')).toBe(':2');
    expect(r('HINCRBY', 'hat:56854717', 'quantity', '-1')).toBe(':4');
    expect(r('HINCRBY', 'hat:56854717', 'npurchased', '1')).toBe(':1');
    expect(r('HSET', 'user:1', 'name', 'Alice', 'email', 'alice@example.com', 'age', '29')).toBe(':3');
    expect(r('HINCRBY', 'user:1', 'age', '1')).toBe(':30');
    expect(r('OBJECT', 'ENCODING', 'user:1')).toBe('"listpack"');
  });
});
