import { describe, expect, it } from 'vitest';
import { EMPTY_ARRAY, error, NIL, NIL_ARRAY, OK, QUEUED, simple, type Reply } from '../shared/reply.js';
import { cAtoi, formatPrompt, PromptState } from './prompt.js';

describe('formatPrompt', () => {
  it('has the forms redis-cli prints', () => {
    const p = { host: '127.0.0.1', port: 6379, db: 0, inMulti: false };
    expect(formatPrompt(p)).toBe('127.0.0.1:6379> ');
    expect(formatPrompt({ ...p, db: 2 })).toBe('127.0.0.1:6379[2]> ');
    expect(formatPrompt({ ...p, inMulti: true })).toBe('127.0.0.1:6379(TX)> ');
    expect(formatPrompt({ ...p, db: 15, inMulti: true })).toBe('127.0.0.1:6379[15](TX)> ');
    expect(formatPrompt({ ...p, db: -1 })).toBe('127.0.0.1:6379[-1]> ');
    expect(formatPrompt({ ...p, host: '::1' })).toBe('[::1]:6379> ');
    expect(formatPrompt({ ...p, host: 'h'.repeat(200) })).toHaveLength(127);
  });
});

describe('cAtoi', () => {
  it('reads like glibc atoi', () => {
    expect(cAtoi('2')).toBe(2);
    expect(cAtoi('2abc')).toBe(2);
    expect(cAtoi('  7')).toBe(7);
    expect(cAtoi('+3')).toBe(3);
    expect(cAtoi('-1')).toBe(-1);
    expect(cAtoi('x')).toBe(0);
    expect(cAtoi('')).toBe(0);
    expect(cAtoi('4294967298')).toBe(2); // (int) of a long
    expect(cAtoi('99999999999999999999')).toBe(-1); // LONG_MAX, cut to int
  });
});

describe('PromptState follows the replies like redis-cli', () => {
  const run = (s: PromptState, steps: [string[], Reply][]) => {
    for (const [argv, reply] of steps) s.afterReply(argv, reply);
    return s.prompt;
  };

  it('SELECT changes the db unless it failed', () => {
    const s = new PromptState();
    expect(run(s, [[['select', '3'], OK]])).toBe('127.0.0.1:6379[3]> ');
    expect(run(s, [[['SELECT', '16'], error('ERR DB index is out of range')]])).toBe('127.0.0.1:6379[3]> ');
    expect(run(s, [[['SELECT', '1', '2'], error('ERR wrong number of arguments')]])).toBe('127.0.0.1:6379[3]> ');
    expect(run(s, [[['Select', '0'], OK]])).toBe('127.0.0.1:6379> ');
  });

  it('MULTI/EXEC/DISCARD and SELECT inside a transaction', () => {
    const s = new PromptState('127.0.0.1', 7000);
    expect(run(s, [[['MULTI'], OK]])).toBe('127.0.0.1:7000(TX)> ');
    // the reply is QUEUED, not an error: the prompt shows the db at once
    expect(run(s, [[['SELECT', '4'], QUEUED]])).toBe('127.0.0.1:7000[4](TX)> ');
    expect(run(s, [[['EXEC'], { t: 'array', v: [OK] }]])).toBe('127.0.0.1:7000[4]> ');
    // a failed EXEC (EXECABORT) or a nil one (WATCH) goes back to the db before MULTI
    expect(
      run(s, [
        [['MULTI'], OK],
        [['SELECT', '9'], QUEUED],
        [['EXEC'], error('EXECABORT x')],
      ]),
    ).toBe('127.0.0.1:7000[4]> ');
    expect(
      run(s, [
        [['MULTI'], OK],
        [['SELECT', '9'], QUEUED],
        [['EXEC'], NIL_ARRAY],
      ]),
    ).toBe('127.0.0.1:7000[4]> ');
    expect(
      run(s, [
        [['MULTI'], OK],
        [['SELECT', '9'], QUEUED],
        [['DISCARD'], OK],
      ]),
    ).toBe('127.0.0.1:7000[4]> ');
    // a nested MULTI fails and changes nothing; MULTI with arguments is not MULTI to redis-cli
    expect(
      run(s, [
        [['MULTI'], OK],
        [['MULTI'], error('ERR MULTI calls can not be nested')],
      ]),
    ).toBe('127.0.0.1:7000[4](TX)> ');
    expect(run(s, [[['EXEC'], EMPTY_ARRAY]])).toBe('127.0.0.1:7000[4]> ');
    expect(run(s, [[['MULTI', 'x'], error('ERR wrong number of arguments')]])).toBe('127.0.0.1:7000[4]> ');
    // EXEC outside MULTI: nothing to leave
    expect(run(s, [[['EXEC'], error('ERR EXEC without MULTI')]])).toBe('127.0.0.1:7000[4]> ');
    expect(run(s, [[['DISCARD'], error('ERR DISCARD without MULTI')]])).toBe('127.0.0.1:7000[4]> ');
  });

  it('a successful DISCARD outside what redis-cli saw still restores the db', () => {
    const s = new PromptState();
    run(s, [[['SELECT', '2'], OK]]);
    expect(run(s, [[['DISCARD'], NIL]])).toBe('127.0.0.1:6379> ');
  });

  it('RESET goes back to db 0 outside MULTI', () => {
    const s = new PromptState();
    expect(
      run(s, [
        [['SELECT', '5'], OK],
        [['MULTI'], OK],
        [['RESET'], simple('RESET')],
      ]),
    ).toBe('127.0.0.1:6379> ');
  });

  it('reconnecting starts in db 0 and selects the remembered db again', () => {
    const s = new PromptState();
    run(s, [
      [['SELECT', '6'], OK],
      [['MULTI'], OK],
    ]);
    expect(s.reconnected()).toBe(6);
    expect(s.prompt).toBe('127.0.0.1:6379> ');
    s.selected(6);
    expect(s.prompt).toBe('127.0.0.1:6379[6]> ');
  });
});
