import { describe, expect, it } from 'vitest';
import type { Reply } from '../../shared/reply.js';
import { exportScript, importScript, scriptFileName, scriptNameOf } from './script-file.js';
import { tableOf } from './table.js';

const bulk = (v: string): Reply => ({ t: 'bulk', v });
const arr = (...v: Reply[]): Reply => ({ t: 'array', v });

describe('tableOf', () => {
  it('makes an array one row an element, each cell as the terminal prints it', () => {
    expect(tableOf(arr(bulk('a'), { t: 'int', v: 2 }, bulk('\xff')), ['LRANGE', 'l', '0', '-1'], 2)).toEqual({
      columns: ['index', 'value'],
      rows: [
        ['1', '"a"'],
        ['2', '(integer) 2'],
        ['3', '"\\xff"'],
      ],
    });
  });

  it('pairs WITHSCORES, HGETALL and CONFIG GET in RESP2; a map in RESP3', () => {
    expect(tableOf(arr(bulk('ann'), bulk('10'), bulk('bob'), bulk('20')), ['zrange', 'z', '0', '-1', 'WithScores'], 2)?.rows).toEqual([
      ['"ann"', '"10"'],
      ['"bob"', '"20"'],
    ]);
    expect(tableOf(arr(bulk('f'), bulk('v')), ['HGETALL', 'h'], 2)?.columns).toEqual(['field', 'value']);
    expect(tableOf(arr(bulk('maxmemory'), bulk('0')), ['CONFIG', 'GET', 'max*'], 2)?.columns).toEqual(['key', 'value']);
    expect(tableOf({ t: 'map', v: [[bulk('f'), bulk('v')]] }, ['HGETALL', 'h'], 3)).toEqual({ columns: ['field', 'value'], rows: [['"f"', '"v"']] });
    // RESP3 WITHSCORES: an array of [member, score] pairs, the score a double.
    expect(tableOf(arr(arr(bulk('ann'), { t: 'double', v: 10, s: '10' })), ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'], 3)).toEqual({
      columns: ['member', 'score'],
      rows: [['"ann"', '(double) 10']],
    });
  });

  it('has no table for a scalar, nil or an empty collection', () => {
    expect(tableOf(bulk('x'), ['GET', 'k'], 2)).toBeNull();
    expect(tableOf({ t: 'array', v: null }, ['BLPOP', 'k', '1'], 2)).toBeNull();
    expect(tableOf(arr(), ['KEYS', '*'], 2)).toBeNull();
    expect(tableOf(null, [], 2)).toBeNull();
  });
});

describe('.redis files', () => {
  it('exports one command a line, comments and blank lines left out', () => {
    expect(exportScript('# set up\nSET a 1\n\n  GET a  \n#end')).toBe('SET a 1\n  GET a  \n');
    expect(exportScript('# nothing')).toBe('');
  });
  it('imports any line ends, without a byte-order mark', () => {
    expect(importScript('\ufeffSET a 1\r\nGET a\r\n')).toBe('SET a 1\nGET a');
  });
  it('names files from scripts and scripts from files', () => {
    expect(scriptFileName('My script: 1/2')).toBe('My-script-1-2.redis');
    expect(scriptFileName('키 정리')).toBe('키-정리.redis');
    expect(scriptFileName('  ')).toBe('script.redis');
    expect(scriptNameOf('cache-aside.redis')).toBe('cache-aside');
  });
});
