import { beforeEach, describe, expect, it } from 'vitest';
import type { ZSetObj } from '../objects.js';
import type { Reply } from '../../shared/reply.js';
import { zsetCommands } from './zsets.js';
import { parseZmpop, zpopGeneric, ZSET_MAX, ZSET_MIN } from './zsets.js';
import { listpackScoreString, parseLexRangeArgs, parseScoreRange, strtodBound } from './zsets-core.js';
import { renderReply } from '../render-reply.js';
import { CommandBench } from './test-support.js';

const t = new CommandBench();
const { run, r } = t;

function zobj(key: string): ZSetObj {
  const o = t.c.db.dict.get(key);
  if (o?.type !== 'zset') throw new Error(`${key} is not a zset`);
  return o;
}

function addMany(key: string, n: number, score: (i: number) => number = (i) => i): void {
  for (let i = 0; i < n; i += 500) {
    const argv = ['ZADD', key];
    for (let j = i; j < Math.min(n, i + 500); j++) argv.push(String(score(j)), `m${j}`);
    run(...argv);
  }
}

beforeEach(() => t.reset());

describe('the table', () => {
  it('declares the 35 sorted-set commands with handlers', () => {
    expect(zsetCommands.length).toBe(35);
    for (const cmd of zsetCommands) {
      expect(cmd.group).toBe('sorted-set');
      expect(typeof cmd.handler).toBe('function');
      expect(cmd.acl).toContain('sortedset');
    }
  });
});

describe('ZADD and ZINCRBY', () => {
  it('adds, updates and reports', () => {
    expect(r('ZADD', 'z', '1', 'a', '2', 'b')).toBe(':2');
    expect(r('ZADD', 'z', 'CH', '3', 'a', '2', 'b', '4', 'c')).toBe(':2');
    expect(r('ZRANGE', 'z', '0', '-1', 'WITHSCORES')).toBe('["b",,2,"a",,3,"c",,4]');
    expect(r('ZINCRBY', 'z', '0.5', 'b')).toBe(',2.5');
    expect(r('ZADD', 'z', 'XX', 'INCR', '1', 'nope')).toBe('nil');
    expect(r('ZADD', 'z', 'GT', 'INCR', '-1', 'a')).toBe('nil');
    expect(r('ZADD', 'z', 'NX', 'XX', '1', 'a')).toBe('!ERR XX and NX options at the same time are not compatible');
    expect(r('ZADD', 'z', 'GT', 'NX', '1', 'a')).toBe('!ERR GT, LT, and/or NX options at the same time are not compatible');
    expect(r('ZADD', 'z', 'INCR', '1', 'a', '1', 'b')).toBe('!ERR INCR option supports a single increment-element pair');
    expect(r('ZADD', 'z', 'x', 'a')).toBe('!ERR value is not a valid float');
    expect(r('ZADD', 'z', '1', 'a', '2')).toBe('!ERR syntax error');
  });

  it('refuses a NaN sum without changing anything', () => {
    run('ZADD', 'z', 'inf', 'a');
    expect(r('ZINCRBY', 'z', '-inf', 'a')).toBe('!ERR resulting score is not a number (NaN)');
    expect(r('ZSCORE', 'z', 'a')).toBe(',inf');
    expect(t.events).toEqual(['zadd:z']);
  });

  it('stores -0 as 0 in a listpack, keeps it in a skiplist', () => {
    expect(r('ZINCRBY', 'z', '-0', 'a')).toBe(',-0');
    expect(r('ZSCORE', 'z', 'a')).toBe(',0');
    t.e.config.set('zset-max-listpack-entries', '0');
    expect(r('ZADD', 'y', '-0', 'a')).toBe(':1');
    expect(zobj('y').enc).toBe('skiplist');
    expect(r('ZSCORE', 'y', 'a')).toBe(',-0');
    expect(r('ZADD', 'y', 'CH', '0', 'a')).toBe(':0');
    expect(r('ZSCORE', 'y', 'a')).toBe(',-0');
  });

  it('converts listpack → skiplist at the thresholds, never back', () => {
    addMany('z', 128);
    expect(zobj('z').enc).toBe('listpack');
    run('ZADD', 'z', '1', 'another');
    expect(zobj('z').enc).toBe('skiplist');
    run('ZREMRANGEBYRANK', 'z', '0', '-2');
    expect(zobj('z').enc).toBe('skiplist');
    run('ZADD', 'v', '1', 'x'.repeat(65));
    expect(zobj('v').enc).toBe('skiplist');
    run('ZADD', 'w', '1', 'x'.repeat(64));
    expect(zobj('w').enc).toBe('listpack');
  });
});

describe('keyspace events and WATCH', () => {
  it('fire where Redis fires them', () => {
    run('ZADD', 'z', '1', 'a', '2', 'b');
    run('ZADD', 'z', '1', 'a');
    run('ZADD', 'z', 'CH', '5', 'a');
    run('ZINCRBY', 'z', '0', 'a');
    run('ZINCRBY', 'z', '1', 'a');
    run('ZREM', 'z', 'nope');
    run('ZREM', 'z', 'a', 'b');
    run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    run('ZPOPMIN', 'z', '0');
    run('ZPOPMIN', 'z', '2');
    run('ZPOPMAX', 'z');
    run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    run('ZREMRANGEBYRANK', 'z', '5', '6');
    run('ZREMRANGEBYRANK', 'z', '0', '0');
    run('ZREMRANGEBYSCORE', 'z', '0', '10');
    run('ZADD', 'l', '0', 'a', '0', 'b');
    run('ZREMRANGEBYLEX', 'l', '-', '+');
    run('ZADD', 'z', '1', 'a');
    run('ZUNIONSTORE', 'd', '1', 'z');
    run('ZINTERSTORE', 'd', '1', 'z');
    run('ZDIFFSTORE', 'd', '1', 'z');
    run('ZINTERSTORE', 'd', '1', 'nope');
    run('ZINTERSTORE', 'd', '1', 'nope');
    run('ZRANGESTORE', 'd', 'z', '0', '-1');
    run('ZRANGESTORE', 'd', 'z', '5', '6');
    run('ZMPOP', '1', 'z', 'MIN');
    run('ZADD', 'z', 'XX', '1', 'q');
    expect(t.events.map((x) => x.split(':')[0])).toEqual(
      (
        'zadd zadd zincr zrem del zadd zpopmin zpopmax del zadd zremrangebyrank zremrangebyscore del zadd ' +
        'zremrangebylex del zadd zunionstore zinterstore zdiffstore del zrangestore del zpopmin del'
      ).split(' '),
    );
  });

  it('a change breaks WATCH, a no-op does not', () => {
    run('ZADD', 'z', '1', 'a');
    const other = t.e.createClient();
    t.e.execute(other, ['WATCH', 'z']);
    run('ZADD', 'z', '1', 'a');
    run('ZINCRBY', 'z', '0', 'a');
    run('ZREM', 'z', 'nope');
    run('ZREMRANGEBYSCORE', 'z', '5', '6');
    expect(other.dirtyCas).toBe(false);
    run('ZINCRBY', 'z', '1', 'a');
    expect(other.dirtyCas).toBe(true);
  });

  it('queues inside MULTI and runs at EXEC', () => {
    run('MULTI');
    expect(r('ZADD', 'z', '1', 'a')).toBe('QUEUED');
    expect(r('ZSCORE', 'z', 'a')).toBe('QUEUED');
    expect(r('EXEC')).toBe('[:1,,1]');
  });

  it('expired keys read as missing', () => {
    run('ZADD', 'z', '1', 'a');
    run('PEXPIRE', 'z', '100');
    t.clock.advance(101);
    expect(r('ZCARD', 'z')).toBe(':0');
    expect(r('ZRANGE', 'z', '0', '-1')).toBe('[]');
  });
});

describe('pops for blocking callers', () => {
  it('zpopGeneric gives the BZPOPMIN and ZMPOP shapes', () => {
    run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    expect(renderReply(zpopGeneric(t.c, ['z'], ZSET_MIN, true, -1, false, false))).toBe('["z","a",,1]');
    expect(renderReply(zpopGeneric(t.c, ['nope', 'z'], ZSET_MAX, true, 5, true, true))).toBe('["z",[["c",,3],["b",,2]]]');
    expect(renderReply(zpopGeneric(t.c, ['z'], ZSET_MAX, true, 5, true, true))).toBe('nil[]');
    expect(renderReply(zpopGeneric(t.c, ['z'], ZSET_MAX, false, -1, false, false))).toBe('[]');
  });

  it('parseZmpop', () => {
    expect(parseZmpop(['ZMPOP', '2', 'a', 'b', 'max', 'COUNT', '3'], 1)).toEqual({ keys: ['a', 'b'], where: ZSET_MAX, count: 3 });
    expect(renderReply(parseZmpop(['ZMPOP', '0', 'a', 'MIN'], 1) as Reply)).toBe('!ERR numkeys should be greater than 0');
    expect(renderReply(parseZmpop(['ZMPOP', '1', 'a', 'MIN', 'COUNT', '0'], 1) as Reply)).toBe('!ERR count should be greater than 0');
  });
});

describe('ranges over large skiplists', () => {
  it('agree with a sorted array', () => {
    const n = 5000;
    const score = (i: number) => (i * 7919) % 1000;
    addMany('z', n, score);
    const sorted = Array.from({ length: n }, (_, i) => [score(i), `m${i}`] as const).sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
    expect(zobj('z').enc).toBe('skiplist');
    expect(r('ZRANGE', 'z', '100', '104')).toBe(renderReply({ t: 'array', v: sorted.slice(100, 105).map(([, m]) => ({ t: 'bulk', v: m })) }));
    expect(r('ZRANGE', 'z', '0', '2', 'REV')).toBe(
      renderReply({
        t: 'array',
        v: sorted
          .slice(-3)
          .reverse()
          .map(([, m]) => ({ t: 'bulk', v: m })),
      }),
    );
    expect(r('ZCOUNT', 'z', '100', '(200')).toBe(':' + sorted.filter(([s]) => s >= 100 && s < 200).length);
    expect(r('ZRANK', 'z', sorted[2345]![1])).toBe(':2345');
    expect(r('ZRANGEBYSCORE', 'z', '500', '500', 'LIMIT', '2', '1')).toBe(`[${JSON.stringify(sorted.filter(([s]) => s === 500)[2]![1])}]`);
    expect(r('ZREMRANGEBYSCORE', 'z', '-inf', '(500')).toBe(':' + sorted.filter(([s]) => s < 500).length);
    expect(r('ZRANGE', 'z', '0', '0')).toBe(`[${JSON.stringify(sorted.find(([s]) => s >= 500)![1])}]`);
    zobj('z').value.checkInvariants();
  });
});

describe('ZSCAN cursors', () => {
  function scanAll(key: string, count: string, onStep?: (step: number) => void): string[] {
    const seen: string[] = [];
    let cursor = '0';
    let step = 0;
    do {
      const reply = run('ZSCAN', key, cursor, 'COUNT', count) as { t: 'array'; v: Reply[] };
      cursor = (reply.v[0] as { v: string }).v;
      const items = (reply.v[1] as { v: Reply[] }).v;
      for (let i = 0; i < items.length; i += 2) seen.push((items[i] as { v: string }).v);
      onStep?.(step++);
    } while (cursor !== '0');
    return seen;
  }

  it('visit every member of a skiplist exactly once', () => {
    addMany('z', 3000);
    const seen = scanAll('z', '17');
    expect(seen.length).toBe(3000);
    expect(new Set(seen).size).toBe(3000);
  });

  it('return members present throughout, exactly once, under churn', () => {
    addMany('z', 2000);
    const seen = scanAll('z', '25', (step) => {
      run('ZREM', 'z', `m${1500 + step}`);
      run('ZADD', 'z', String(-step), `new${step}`, '999999', `m${step}`);
    });
    const counts = new Map<string, number>();
    for (const m of seen) counts.set(m, (counts.get(m) ?? 0) + 1);
    for (let i = 0; i < 1500; i++) expect(counts.get(`m${i}`), `m${i}`).toBe(1);
  });

  it('a listpack answers at once', () => {
    run('ZADD', 'z', '1', 'a', '1e17', 'b');
    expect(r('ZSCAN', 'z', '0', 'COUNT', '1')).toBe('["0",["a","1","b","100000000000000000"]]');
  });
});

describe('parsers', () => {
  it('strtodBound reads bounds as zslParseRange does', () => {
    expect(strtodBound('')).toBe(0);
    expect(strtodBound(' 1.5')).toBe(1.5);
    expect(strtodBound('\t\n-2')).toBe(-2);
    expect(strtodBound(' ')).toBeNull();
    expect(strtodBound('1 ')).toBeNull();
    expect(strtodBound('1e400')).toBe(Infinity);
    expect(strtodBound('-1e400')).toBe(-Infinity);
    expect(Object.is(strtodBound('-1e-400'), -0)).toBe(true);
    expect(strtodBound('0x10')).toBe(16);
    expect(strtodBound('0x1p99999')).toBe(Infinity);
    expect(strtodBound('-0x1p-99999')).toBe(-0);
    expect(strtodBound('3\0junk')).toBe(3);
    expect(strtodBound('nan')).toBeNull();
    expect(strtodBound('inf')).toBe(Infinity);
    expect(strtodBound('+')).toBeNull();
    expect(strtodBound('0x')).toBeNull();
  });

  it('score and lex ranges', () => {
    expect(parseScoreRange('(1', '2')).toEqual({ min: 1, max: 2, minex: true, maxex: false });
    expect(parseScoreRange('(', '(')).toEqual({ min: 0, max: 0, minex: true, maxex: true });
    expect(parseScoreRange('[1', '2')).toBeNull();
    expect(parseLexRangeArgs('-', '+')).not.toBeNull();
    expect(parseLexRangeArgs('+\0x', '-\0')).not.toBeNull();
    expect(parseLexRangeArgs('+x', '-')).toBeNull();
    expect(parseLexRangeArgs('', '+')).toBeNull();
    expect(parseLexRangeArgs('[a\0b', '(c')).toEqual({ min: 'a\0b', minex: false, max: 'c', maxex: true });
  });

  it('listpack score text', () => {
    expect(listpackScoreString(1e17)).toBe('100000000000000000');
    expect(listpackScoreString(2 ** 62)).toBe('4611686018427387904');
    expect(listpackScoreString(2 ** 62 + 1024)).toBe('4.6116860184273889e+18');
    expect(listpackScoreString(-1.5)).toBe('-1.5');
    expect(listpackScoreString(-Infinity)).toBe('-inf');
    expect(listpackScoreString(-0)).toBe('0');
  });
});
