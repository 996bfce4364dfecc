// SORTED SET group, part 1: ZADD with every option and conflict, ZINCRBY, ZSCORE, ZMSCORE, ZRANK,
// ZREVRANK, ZCARD, ZREM, score parsing and printing, the course documents' leaderboards,
// WRONGTYPE and arity paths, RESP3 replies.
import { describe, it } from 'vitest';
import { useDiff } from './harness.js';
import { expectEncoding, resp3 } from './zsets-support.js';

describe('ZADD', () => {
  const d = useDiff();

  it('adds members and answers how many were new', () =>
    d.run([
      ['ZADD', 'z', '1', 'a'],
      ['ZADD', 'z', '2', 'b', '3', 'c'],
      ['ZADD', 'z', '5', 'a', '4', 'd'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZADD', 'z', '1', 'x', '2', 'x', '3', 'x'],
      ['ZSCORE', 'z', 'x'],
      ['ZCARD', 'z'],
      ['ZADD', 'z', '0', ''],
      ['ZADD', 'z', '0', '\xec\x95\x88', '0', '\xff\x00\r\n'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['zadd', 'z', '1', 'lower'],
      ['TYPE', 'z'],
    ]));

  it('NX, XX and CH', () =>
    d.run([
      ['ZADD', 'z', '1', 'a', '2', 'b'],
      ['ZADD', 'z', 'NX', '10', 'a', '3', 'c'],
      ['ZADD', 'z', 'XX', '10', 'a', '4', 'd'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZADD', 'z', 'CH', '11', 'a', '2', 'b', '5', 'e'],
      ['ZADD', 'z', 'XX', 'CH', '12', 'a', '6', 'f'],
      ['ZADD', 'z', 'NX', 'CH', '13', 'a', '7', 'g'],
      ['ZADD', 'z', 'ch', 'xx', '12', 'a'],
      ['ZADD', 'missing', 'XX', '1', 'a'],
      ['EXISTS', 'missing'],
      ['ZADD', 'z', 'nx', 'NX', '1', 'h'],
      ['ZADD', 'z', 'CH', 'CH', '1', 'h'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
    ]));

  it('GT and LT update existing members only in one direction, new members always', () =>
    d.run([
      ['ZADD', 'z', '5', 'a', '5', 'b'],
      ['ZADD', 'z', 'GT', '6', 'a', '4', 'b', '1', 'c'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZADD', 'z', 'LT', 'CH', '7', 'a', '3', 'b', '1', 'd'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZADD', 'z', 'XX', 'GT', 'CH', '100', 'a', '100', 'new'],
      ['ZADD', 'z', 'XX', 'LT', 'CH', '-100', 'a', '-100', 'new'],
      ['ZADD', 'z', 'GT', 'CH', '-100', 'a'],
      ['ZADD', 'z', 'GT', 'CH', '-100', 'a', '-100', 'a'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZADD', 'z', 'GT', 'CH', 'inf', 'b'],
      ['ZADD', 'z', 'LT', 'CH', '-inf', 'b'],
      ['ZADD', 'z', 'GT', 'CH', 'inf', 'b'],
      ['ZSCORE', 'z', 'b'],
    ]));

  it('INCR increments one member and answers the new score or nil', () =>
    d.run([
      ['ZADD', 'z', 'INCR', '1.5', 'a'],
      ['ZADD', 'z', 'INCR', '1.5', 'a'],
      ['ZADD', 'z', 'INCR', '-10', 'a'],
      ['ZADD', 'z', 'XX', 'INCR', '1', 'nope'],
      ['ZADD', 'missing', 'XX', 'INCR', '1', 'a'],
      ['ZADD', 'z', 'NX', 'INCR', '1', 'a'],
      ['ZADD', 'z', 'NX', 'INCR', '1', 'b'],
      ['ZADD', 'z', 'GT', 'INCR', '-1', 'a'],
      ['ZADD', 'z', 'GT', 'INCR', '1', 'a'],
      ['ZADD', 'z', 'LT', 'INCR', '1', 'a'],
      ['ZADD', 'z', 'LT', 'INCR', '-1', 'a'],
      ['ZADD', 'z', 'INCR', '0', 'a'],
      ['ZADD', 'z', 'CH', 'INCR', '0', 'a'],
      ['ZADD', 'z', 'incr', 'ch', '2', 'a'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
    ]));

  it('rejects conflicting options with exact errors, in Redis order', () =>
    d.run([
      ['ZADD', 'z', 'NX', 'XX', '1', 'a'],
      ['ZADD', 'z', 'GT', 'LT', '1', 'a'],
      ['ZADD', 'z', 'NX', 'GT', '1', 'a'],
      ['ZADD', 'z', 'NX', 'LT', '1', 'a'],
      ['ZADD', 'z', 'NX', 'XX', 'GT', 'LT', '1', 'a'],
      ['ZADD', 'z', 'INCR', '1', 'a', '2', 'b'],
      ['ZADD', 'z', 'NX', 'XX', '1', 'a', '2'],
      ['ZADD', 'z', 'INCR', 'GT', 'LT', '1', 'a', '2', 'b'],
      ['ZADD', 'z', 'INCR', 'x', 'a', '2', 'b'],
      ['ZADD', 'z', '1'],
      ['ZADD', 'z', 'NX'],
      ['ZADD', 'z', 'NX', 'XX'],
      ['ZADD', 'z', '1', 'a', '2'],
      ['ZADD', 'z', 'BAD', '1', 'a'],
      ['ZADD', 'z', '1', 'a', 'NX', 'b'],
      ['ZADD', 'z', '1', 'a', 'x', 'b'],
      ['ZADD', 'z', 'nx\x00junk', '1', 'a'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['EXISTS', 'z'],
    ]));

  it('reads options as C strings, and reports a bad score before a conflict only once options end', () =>
    d.run([
      ['ZADD', 'z', 'GT\x00x', '1', 'm'],
      ['ZADD', 'z', 'gt\x00', 'CH\x00y', '0', 'm', '5', 'n'],
      ['ZADD', 'z', 'INCR\x00', '2', 'm'],
      ['ZADD', 'z', 'XX\x00a', 'NX\x00b', '1', 'm'],
      ['ZADD', 'z', 'NX', 'XX', 'abc', 'm'],
      ['ZADD', 'z', 'GT', 'LT', 'abc', 'm'],
      ['ZADD', 'z', 'INCR', 'abc', 'm', '1', 'n'],
      ['ZADD', 'z', 'G\x00T', '1', 'm'],
      ['ZINCRBY', 'z', 'GT\x00', '1'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
    ]));

  it('parses scores as Redis does (string2d) and prints them with %.17g', () =>
    d.run([
      ['ZADD', 'z', '1.1', 'a', '0.1', 'b', '-0.3', 'c', '1e300', 'd', '-1e-300', 'e', '3.0', 'f'],
      ['ZADD', 'z', '0x10', 'g', '1E3', 'h', '+5', 'i', '.5', 'j', '5.', 'k', 'inf', 'l', '-INF', 'm', '+Infinity', 'n'],
      ['ZADD', 'z', '4.9e-324', 'o', '1.7976931348623157e308', 'p', '9007199254740993', 'q', '123456789012345678', 'r'],
      ['ZADD', 'z', '0.1', 's', '100000000000000000000', 't', '1e17', 'u', '1e16', 'v', '-1e15', 'w'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZSCORE', 'z', 'a'],
      ['ZSCORE', 'z', 'o'],
      ['ZADD', 'z', 'nan', 'x'],
      ['ZADD', 'z', 'NaN', 'x'],
      ['ZADD', 'z', '', 'x'],
      ['ZADD', 'z', ' 1', 'x'],
      ['ZADD', 'z', '1 ', 'x'],
      ['ZADD', 'z', '1e400', 'x'],
      ['ZADD', 'z', '1e-400', 'x'],
      ['ZADD', 'z', '1\x00', 'x'],
      ['ZADD', 'z', 'abc', 'x'],
      ['ZADD', 'z', '1', 'ok', 'abc', 'x'],
      ['ZSCORE', 'z', 'ok'],
      ['ZADD', 'z', '(1', 'x'],
      ['ZADD', 'z', '0x', 'x'],
      ['ZADD', 'z', '1e', 'x'],
    ]));

  it('inf + -inf is NaN: the increment fails and changes nothing', () =>
    d.run([
      ['ZADD', 'z', 'inf', 'a', '1', 'b'],
      ['ZADD', 'z', 'INCR', '-inf', 'a'],
      ['ZINCRBY', 'z', '-inf', 'a'],
      ['ZINCRBY', 'z', 'inf', 'a'],
      ['ZINCRBY', 'z', '-inf', 'b'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZINCRBY', 'z', '+inf', 'b'],
      ['ZINCRBY', 'z', '-inf', 'b'],
    ]));

  it('-0: a listpack stores 0, the reply to the write itself says -0', async () => {
    await d.run([
      ['ZADD', 'z', '-0', 'a'],
      ['ZSCORE', 'z', 'a'],
      ['ZINCRBY', 'z2', '-0', 'a'],
      ['ZSCORE', 'z2', 'a'],
      ['ZADD', 'z3', 'INCR', '-0.0', 'a'],
      ['ZADD', 'z3', 'INCR', '-0', 'a'],
      ['ZADD', 'z3', '-0', 'b', '0', 'c', '-1e-320', 'd'],
      ['ZRANGE', 'z3', '0', '-1', 'WITHSCORES'],
      ['ZRANGEBYSCORE', 'z3', '-0', '0', 'WITHSCORES'],
      ['ZADD', 'z3', 'CH', '0', 'a', '-0', 'b'],
    ]);
    await expectEncoding(d, 'z3', 'listpack');
  });

  it('WRONGTYPE against another type, after the syntax and score checks', () =>
    d.run([
      ['SET', 's', 'v'],
      ['ZADD', 's', '1', 'a'],
      ['ZADD', 's', 'x', 'a'],
      ['ZADD', 's', 'NX', 'XX', '1', 'a'],
      ['ZADD', 's', 'XX', '1', 'a'],
      ['ZINCRBY', 's', '1', 'a'],
      ['ZINCRBY', 's', 'x', 'a'],
      ['GET', 's'],
    ]));

  it('arity', () =>
    d.run([
      ['ZADD', 'z'],
      ['ZADD', 'z', '1'],
      ['ZINCRBY', 'z', '1'],
      ['ZINCRBY', 'z', '1', 'a', 'b'],
      ['ZSCORE', 'z'],
      ['ZSCORE', 'z', 'a', 'b'],
      ['ZMSCORE', 'z'],
      ['ZRANK', 'z'],
      ['ZRANK', 'z', 'a', 'WITHSCORE'],
      ['ZREVRANK', 'z', 'a', 'WITHSCORE'],
      ['ZCARD'],
      ['ZCARD', 'z', 'y'],
      ['ZREM', 'z'],
    ]));
});

describe('ZINCRBY', () => {
  const d = useDiff();

  it('creates, increments and answers the new score', () =>
    d.run([
      ['ZINCRBY', 'z', '1', 'a'],
      ['ZINCRBY', 'z', '2.5', 'a'],
      ['ZINCRBY', 'z', '-3.5', 'a'],
      ['ZINCRBY', 'z', '0.1', 'b'],
      ['ZINCRBY', 'z', '0.2', 'b'],
      ['ZINCRBY', 'z', '1e308', 'c'],
      ['ZINCRBY', 'z', '1e308', 'c'],
      ['ZINCRBY', 'z', '-inf', 'd'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZINCRBY', 'z', 'abc', 'a'],
      ['ZINCRBY', 'z', '', 'a'],
      ['ZINCRBY', 'z', 'nan', 'a'],
    ]));

  it('reads its first argument after the key as ZADD options do', () =>
    d.run([
      ['ZINCRBY', 'z', 'nx', 'a'],
      ['ZINCRBY', 'z', 'XX', 'a'],
      ['ZINCRBY', 'z', 'incr', 'a'],
      ['ZINCRBY', 'z', 'GT', '1'],
      ['ZINCRBY', 'z', 'ch', '1'],
      ['ZINCRBY', 'z', '1', 'nx'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
    ]));
});

describe('ZSCORE, ZMSCORE, ZRANK, ZREVRANK, ZCARD', () => {
  const d = useDiff();

  it('read members', () =>
    d.run([
      ['ZADD', 'z', '1', 'a', '2', 'b', '2', 'c', '-5', 'd', '0', ''],
      ['ZSCORE', 'z', 'a'],
      ['ZSCORE', 'z', 'nope'],
      ['ZSCORE', 'z', ''],
      ['ZSCORE', 'missing', 'a'],
      ['ZMSCORE', 'z', 'a', 'nope', 'd', 'a', ''],
      ['ZMSCORE', 'missing', 'a', 'b'],
      ['ZRANK', 'z', 'd'],
      ['ZRANK', 'z', 'c'],
      ['ZRANK', 'z', 'nope'],
      ['ZRANK', 'missing', 'a'],
      ['ZREVRANK', 'z', 'd'],
      ['ZREVRANK', 'z', 'b'],
      ['ZREVRANK', 'z', 'nope'],
      ['ZREVRANK', 'missing', 'a'],
      ['ZCARD', 'z'],
      ['ZCARD', 'missing'],
    ]));

  it('WRONGTYPE', () =>
    d.run([
      ['SET', 's', 'v'],
      ['ZSCORE', 's', 'a'],
      ['ZMSCORE', 's', 'a'],
      ['ZRANK', 's', 'a'],
      ['ZREVRANK', 's', 'a'],
      ['ZCARD', 's'],
      ['ZREM', 's', 'a'],
      ['RPUSH', 'l', 'a'],
      ['ZSCORE', 'l', 'a'],
      ['HSET', 'h', 'f', 'v'],
      ['ZCARD', 'h'],
      ['SADD', 'st', 'a'],
      ['ZRANK', 'st', 'a'],
    ]));

  it('ranks in a large skiplist', () => {
    const add = ['ZADD', 'big'];
    for (let i = 0; i < 300; i++) add.push(String(i % 7), `m${i}`);
    return d.run([
      add,
      ['OBJECT', 'ENCODING', 'big'],
      ['ZRANK', 'big', 'm0'],
      ['ZRANK', 'big', 'm299'],
      ['ZREVRANK', 'big', 'm150'],
      ['ZRANK', 'big', 'm77'],
      ['ZSCORE', 'big', 'm77'],
      ['ZMSCORE', 'big', 'm1', 'm2', 'x'],
      ['ZCARD', 'big'],
    ]);
  });
});

describe('ZREM', () => {
  const d = useDiff();

  it('removes members and deletes the emptied key', () =>
    d.run([
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c'],
      ['ZREM', 'z', 'a', 'nope', 'a'],
      ['ZREM', 'z', 'nope'],
      ['ZREM', 'missing', 'a'],
      ['ZRANGE', 'z', '0', '-1'],
      ['ZREM', 'z', 'b', 'c', 'd'],
      ['EXISTS', 'z'],
      ['ZADD', 'z', '1', 'a'],
      ['ZREM', 'z', 'a', 'a'],
      ['TYPE', 'z'],
    ]));
});

describe('course leaderboards', () => {
  const d = useDiff();

  it("'scores': ZINCRBY, ZRANGE WITHSCORES, ZRANK, ZSCORE", () =>
    d.run([
      ['ZADD', 'scores', '100', 'Alice', '90', 'Bob', '80', 'Charlie'],
      ['ZINCRBY', 'scores', '3', 'Bob'],
      ['ZRANGE', 'scores', '0', '-1', 'WITHSCORES'],
      ['ZRANK', 'scores', 'Bob'],
      ['ZSCORE', 'scores', 'Bob'],
      ['ZREVRANGE', 'scores', '0', '-1'],
      ['ZCARD', 'scores'],
    ]));

  it("'leaderboard': ZREVRANGE WITHSCORES, ZREVRANK", () =>
    d.run([
      ['ZADD', 'leaderboard', '1500', 'Alice', '1300', 'Bob', '1700', 'Charlie'],
      ['ZREVRANGE', 'leaderboard', '0', '2', 'WITHSCORES'],
      ['ZREVRANK', 'leaderboard', 'Alice'],
      ['ZRANK', 'leaderboard', 'Alice'],
      ['ZRANGE', 'leaderboard', '0', '-1', 'REV', 'WITHSCORES'],
      ['ZREVRANGEBYSCORE', 'leaderboard', '+inf', '1400', 'WITHSCORES'],
    ]));

  it('the same under RESP3', async () => {
    await resp3(d);
    await d.run([
      ['ZADD', 'scores', '100', 'Alice', '90', 'Bob', '80', 'Charlie'],
      ['ZINCRBY', 'scores', '3', 'Bob'],
      ['ZRANGE', 'scores', '0', '-1', 'WITHSCORES'],
      ['ZRANK', 'scores', 'Bob'],
      ['ZSCORE', 'scores', 'Bob'],
      ['ZADD', 'leaderboard', '1500', 'Alice', '1300', 'Bob', '1700', 'Charlie'],
      ['ZREVRANGE', 'leaderboard', '0', '2', 'WITHSCORES'],
      ['ZREVRANK', 'leaderboard', 'Alice'],
    ]);
  });
});

describe('RESP3 replies', () => {
  const d = useDiff();

  it('scores are doubles, missing values are null', async () => {
    await resp3(d);
    await d.run([
      ['ZADD', 'z', '1.5', 'a', 'inf', 'b', '-inf', 'c', '3', 'd'],
      ['ZSCORE', 'z', 'a'],
      ['ZSCORE', 'z', 'b'],
      ['ZSCORE', 'z', 'c'],
      ['ZSCORE', 'z', 'nope'],
      ['ZSCORE', 'missing', 'a'],
      ['ZMSCORE', 'z', 'a', 'nope', 'b'],
      ['ZMSCORE', 'missing', 'a'],
      ['ZINCRBY', 'z', '1', 'd'],
      ['ZADD', 'z', 'INCR', '1', 'd'],
      ['ZADD', 'z', 'XX', 'INCR', '1', 'nope'],
      ['ZADD', 'z', 'INCR', '-0', 'zero'],
      ['ZRANK', 'z', 'nope'],
      ['ZREVRANK', 'z', 'a'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      ['ZRANGE', 'z', '0', '-1'],
      ['ZRANGE', 'missing', '0', '-1', 'WITHSCORES'],
    ]);
  });
});
