// The dataset as commands (src/engine/aof-rewrite.ts): the `.redis` file the browser downloads,
// run by the real redis-cli into a real redis-server, rebuilds the same dataset: every type,
// binary values, expiries, streams with groups and pending entries, functions.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { datasetRedisLines } from '../../src/engine/aof-rewrite.js';
import { useDiff } from './harness.js';
import { readDataset } from './dataset-support.js';

const SETUP: string[][] = [
  ['SET', 's', 'plain'],
  ['SET', 'bin', '\x00\xff "quoted" \\ \r\n' + Buffer.from('안녕').toString('latin1')],
  ['SET', 'with space', ''],
  ['SET', 'ttl', 'v', 'PX', '86400000'],
  ['RPUSH', 'l', ...Array.from({ length: 150 }, (_, i) => `item ${i}`)],
  ['SADD', 'ints', '1', '2', '-3'],
  ['SADD', 'strs', ...Array.from({ length: 70 }, (_, i) => `m${i}`)],
  ['ZADD', 'z', '1.5', 'a', '-inf', 'b', '0.1', 'c', '1e300', 'd'],
  ['HSET', 'h', 'f', 'v', 'n', '1', 'e', ''],
  ['SELECT', '7'],
  ['SET', 'in7', 'x'],
  ['SELECT', '0'],
  ['XADD', 'x', '1-1', 'f', 'v'],
  ['XADD', 'x', '2-2', 'f', 'w', 'g', 'z'],
  ['XDEL', 'x', '1-1'],
  ['XGROUP', 'CREATE', 'x', 'grp', '0'],
  ['XREADGROUP', 'GROUP', 'grp', 'alice', 'STREAMS', 'x', '>'],
  ['XGROUP', 'CREATECONSUMER', 'x', 'grp', 'bob'],
  ['XADD', 'empty', '5-5', 'f', 'v'],
  ['XDEL', 'empty', '5-5'],
  ['FUNCTION', 'LOAD', "#!lua name=lib\nredis.register_function('f', function() return 'it\\'s \"f\"' end)"],
];

describe('the dataset as a .redis file of commands', () => {
  const d = useDiff();

  it('rebuilds the same dataset when redis-cli runs it against real Redis', async () => {
    for (const argv of SETUP) await d.pair.ours.send(argv);
    const file = datasetRedisLines(d.engine);
    expect(file.split('\n')[0]).toBe("FUNCTION LOAD \"#!lua name=lib\\nredis.register_function('f', function() return 'it\\\\'s \\\"f\\\"' end)\"");
    const cli = spawnSync('redis-cli', ['-p', String(d.redis.port)], { input: Buffer.from(file, 'latin1'), encoding: 'latin1' });
    expect(cli.stdout).not.toContain('ERR');
    expect(await readDataset(d.pair.real)).toEqual(await readDataset(d.pair.ours));
  });
});
