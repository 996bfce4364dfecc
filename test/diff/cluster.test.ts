// Cluster and module commands on a standalone server without cluster support, as Redis 7.0.15
// answers them (the default config: cluster-enabled no, enable-module-command no).

import { describe, it } from 'vitest';
import { useDiff } from './harness.js';

describe('CLUSTER, READONLY, READWRITE, ASKING and MODULE, against real Redis', () => {
  const d = useDiff();

  it('CLUSTER: every subcommand says cluster support is disabled, HELP too', () =>
    d.run([
      ['CLUSTER', 'INFO'],
      ['CLUSTER', 'HELP'],
      ['CLUSTER', 'KEYSLOT', 'a'],
      ['CLUSTER', 'SLOTS'],
      ['CLUSTER', 'SHARDS'],
      ['CLUSTER', 'MYID'],
      ['CLUSTER', 'NODES'],
      ['cluster', 'addslotsrange', '0', '10'],
      ['CLUSTER', 'RESET', 'HARD'],
      ['CLUSTER', 'SETSLOT', '1', 'STABLE'],
    ]));

  it('CLUSTER: arity and unknown subcommands first', () =>
    d.run([
      ['CLUSTER'],
      ['CLUSTER', 'FOO'],
      ['CLUSTER', 'KEYSLOT'],
      ['CLUSTER', 'INFO', 'x'],
      ['CLUSTER', 'ADDSLOTSRANGE', '1', '2', '3'],
      ['CLUSTER', 'MEET', 'a'],
    ]));

  it('READONLY, READWRITE and ASKING', () => d.run([['READONLY'], ['READWRITE'], ['ASKING'], ['ASKING', 'x'], ['READONLY', 'x']]));

  it('MODULE: an empty list, LOAD/LOADEX/UNLOAD refused, HELP', () =>
    d.run([
      ['MODULE', 'LIST'],
      ['MODULE', 'HELP'],
      ['MODULE', 'LOAD', '/tmp/x.so'],
      ['MODULE', 'LOADEX', '/tmp/x.so', 'CONFIG', 'a', 'b'],
      ['MODULE', 'UNLOAD', 'x'],
      ['MODULE'],
      ['MODULE', 'FOO'],
      ['MODULE', 'LIST', 'x'],
      ['MODULE', 'UNLOAD'],
    ]));

  it('inside MULTI they queue and answer in EXEC as Redis does', () => d.run([['MULTI'], ['CLUSTER', 'INFO'], ['MODULE', 'LIST'], ['READONLY'], ['EXEC']]));

  it('protected commands are refused at once, even inside MULTI, which then aborts', () =>
    d.run([['MULTI'], ['MODULE', 'UNLOAD', 'NX'], ['DEBUG', 'SLEEP', '0'], ['SET', 'k', 'v'], ['EXEC'], ['GET', 'k'], ['DEBUG']]));

  it('COMMAND COUNT and COMMAND INFO for them', () => d.run([['COMMAND', 'INFO', 'asking', 'readonly', 'module|list', 'cluster|keyslot']]));
});
