import { beforeEach, describe, expect, it } from 'vitest';
import { CommandBench } from './test-support.js';

const t = new CommandBench();
const { r } = t;

beforeEach(() => t.reset());

describe('HyperLogLog commands', () => {
  it('PFADD and PFCOUNT: a string value in Redis format', () => {
    expect(r('PFADD', 'h', 'a', 'b', 'c')).toBe(':1');
    expect(r('PFADD', 'h', 'a')).toBe(':0');
    expect(r('PFCOUNT', 'h')).toBe(':3');
    expect(r('TYPE', 'h')).toBe('string');
    expect(r('OBJECT', 'ENCODING', 'h')).toBe('"raw"');
    expect(r('PFDEBUG', 'ENCODING', 'h')).toBe('sparse');
    expect(r('PFCOUNT', 'missing')).toBe(':0');
  });

  it('the course example counts 1001', () => {
    r('PFADD', 'visitors', ...Array.from({ length: 1000 }, (_, i) => String(i)));
    expect(r('PFCOUNT', 'visitors')).toBe(':1001');
  });

  it('emits pfadd for PFADD and PFMERGE, none when nothing changed', () => {
    r('PFADD', 'h', 'a');
    r('PFADD', 'h', 'a');
    r('PFMERGE', 'd', 'h');
    expect(t.events).toEqual(['pfadd:h', 'pfadd:d']);
  });

  it('PFCOUNT caching touches WATCHed keys, as in Redis', () => {
    r('PFADD', 'h', 'a');
    const other = t.e.createClient();
    t.e.execute(other, ['WATCH', 'h']);
    t.e.execute(other, ['MULTI']);
    t.e.execute(other, ['PING']);
    r('PFCOUNT', 'h');
    expect(t.rAs(other, 'EXEC')).toBe('nil[]');
  });

  it('errors', () => {
    r('SET', 's', 'not an hll');
    r('RPUSH', 'l', 'x');
    expect(r('PFADD', 's', 'a')).toBe('!WRONGTYPE Key is not a valid HyperLogLog string value.');
    expect(r('PFCOUNT', 'l')).toBe('!WRONGTYPE Operation against a key holding the wrong kind of value');
    expect(r('PFDEBUG', 'GETREG', 'nope')).toBe('!ERR The specified key does not exist');
    r('PFADD', 'h');
    expect(r('PFDEBUG', 'WHAT', 'h')).toBe("!ERR Unknown PFDEBUG subcommand 'WHAT'");
    r('APPEND', 'h', 'x');
    expect(r('PFCOUNT', 'h')).toBe('!INVALIDOBJ Corrupted HLL object detected');
  });

  it('PFSELFTEST says OK', () => {
    expect(r('PFSELFTEST')).toBe('OK');
  });
});
