import { describe, expect, it } from 'vitest';
import type { Client } from './client.js';
import { VirtualClock } from './clock.js';
import { Engine } from './engine.js';
import { late } from './late.js';
import { latin1FromBytes } from './rdb-encodings.js';
import { readRdb } from './rdb.js';
import { renderReply } from './render-reply.js';
import type { Reply } from '../shared/reply.js';

function setup(config: Record<string, string> = {}) {
  const clock = new VirtualClock(1_700_000_000_000);
  const engine = new Engine({ late, clock, config });
  const writer = engine.createClient();
  const run = (c: Client, ...argv: string[]) => renderReply(engine.execute(c, argv));
  /** A client whose delivered bytes (the stream) are collected. */
  const replicaClient = () => {
    const c = engine.createClient();
    const stream: string[] = [];
    c.deliver = (r: Reply) => stream.push(r.t === 'raw' ? r.v : renderReply(r));
    return { c, stream };
  };
  return { engine, clock, writer, run, replicaClient };
}

/** The RDB payload of a SYNC reply ($<len>\r\n<bytes>, no CRLF after it), with what precedes it. */
function payload(reply: Reply | null): { head: string; rdb: string } {
  if (reply?.t !== 'raw') throw new Error(`not a raw reply: ${renderReply(reply)}`);
  const at = reply.v.indexOf('$');
  const nl = reply.v.indexOf('\r\n', at);
  const len = Number(reply.v.slice(at + 1, nl));
  const rdb = reply.v.slice(nl + 2);
  expect(rdb.length).toBe(len);
  return { head: reply.v.slice(0, at), rdb };
}

const bytes = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0));

describe('SYNC and the replication stream', () => {
  it('sends the dataset as an RDB payload, then every write with the SELECT it needs', () => {
    const { engine, writer, run, replicaClient } = setup();
    run(writer, 'SET', 'a', '1');
    run(writer, 'SELECT', '2');
    run(writer, 'RPUSH', 'l', 'x');
    const { c, stream } = replicaClient();
    const { head, rdb } = payload(engine.execute(c, ['SYNC']));
    expect(head).toBe('');
    const keys = readRdb(bytes(rdb), { now: engine.now }).keys.map((k) => `${k.db}:${k.key}`);
    expect(keys.sort()).toEqual(['0:a', '2:l']);

    run(writer, 'INCR', 'n');
    run(writer, 'SELECT', '0');
    run(writer, 'EXPIRE', 'a', '100');
    expect(stream.join('')).toBe(
      '*2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n' +
        `*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$9\r\nPEXPIREAT\r\n$1\r\na\r\n$13\r\n${engine.now + 100_000}\r\n`,
    );
    // A second SYNC on the same connection is ignored; CLIENT LIST flags it S.
    expect(engine.execute(c, ['SYNC'])).toBeNull();
    expect(run(writer, 'CLIENT', 'LIST')).toMatch(/flags=S /);
    expect(run(writer, 'INFO', 'replication')).toMatch(/connected_slaves:1\r\nslave0:ip=127\.0\.0\.1,port=0,state=online,offset=0,lag=0\r\n/);
    // Its stream stops when it goes.
    engine.closeClient(c);
    run(writer, 'SET', 'b', '2');
    expect(stream.join('')).not.toContain('$1\r\nb\r\n');
    expect(run(writer, 'INFO', 'replication')).toMatch(/connected_slaves:0\r\n/);
  });

  it('PSYNC: +FULLRESYNC with the replication ID and offset, then +CONTINUE from the backlog', () => {
    const { engine, writer, run, replicaClient } = setup();
    const first = replicaClient();
    expect(run(first.c, 'REPLCONF', 'listening-port', '6380', 'capa', 'eof', 'capa', 'psync2')).toBe('OK');
    const { head } = payload(engine.execute(first.c, ['PSYNC', '?', '-1']));
    const [, replid, offset] = /^\+FULLRESYNC ([0-9a-f]{40}) (\d+)\r\n$/.exec(head)!;
    expect(offset).toBe('0');
    run(writer, 'SET', 'k', 'v');
    const fed = first.stream.join('');
    expect(run(writer, 'INFO', 'replication')).toContain(`master_repl_offset:${fed.length}\r\n`);
    expect(run(writer, 'ROLE')).toBe(`["master",:${fed.length},[]]`.replace('[]]', '[["127.0.0.1","6380","0"]]]'));
    expect(run(first.c, 'REPLCONF', 'ACK', String(fed.length))).toBe('none');
    expect(run(writer, 'ROLE')).toBe(`["master",:${fed.length},[["127.0.0.1","6380","${fed.length}"]]]`);

    // A replica that had the first 10 bytes gets the rest, named by the ID (capa psync2).
    const again = replicaClient();
    run(again.c, 'REPLCONF', 'capa', 'psync2');
    const cont = engine.execute(again.c, ['PSYNC', replid!, '11']);
    expect(cont).toEqual({ t: 'raw', v: `+CONTINUE ${replid}\r\n` + fed.slice(10) });
    // Another history, or an offset past ours: a full resync.
    const other = replicaClient();
    expect(payload(engine.execute(other.c, ['PSYNC', 'f'.repeat(40), '1'])).head).toMatch(/^\+FULLRESYNC /);
    expect(run(writer, 'INFO', 'stats')).toMatch(/sync_full:2\r\nsync_partial_ok:1\r\nsync_partial_err:1\r\n/);
  });

  it('REPLCONF: errors as Redis words them, ACK answers nothing', () => {
    const { writer, run } = setup();
    expect(run(writer, 'REPLCONF', 'listening-port')).toBe('!ERR syntax error');
    expect(run(writer, 'REPLCONF', 'listening-port', 'x')).toBe('!ERR value is not an integer or out of range');
    expect(run(writer, 'REPLCONF', 'nope', '1')).toBe('!ERR Unrecognized REPLCONF option: nope');
    expect(run(writer, 'REPLCONF', 'rdb-only', '2')).toBe('!ERR value is out of range, value must between 0 and 1');
    expect(run(writer, 'REPLCONF', 'rdb-filter-only', 'keys')).toBe('!ERR Unsupported rdb-filter-only option: keys');
    expect(run(writer, 'REPLCONF', 'ip-address', 'x'.repeat(256))).toBe('!ERR REPLCONF ip-address provided by replica instance is too long: 256 bytes');
    expect(run(writer, 'REPLCONF', 'ACK', '5')).toBe('none');
    expect(run(writer, 'REPLCONF')).toBe('OK');
    expect(run(writer, 'MULTI')).toBe('OK');
    expect(run(writer, 'SYNC')).toBe('!ERR Command not allowed inside a transaction');
  });

  it('rdb-only and rdb-filter-only: the payload alone, without keys unless asked', () => {
    const { engine, writer, run, replicaClient } = setup();
    run(writer, 'SET', 'a', '1');
    const { c, stream } = replicaClient();
    run(c, 'REPLCONF', 'rdb-only', '1', 'rdb-filter-only', '');
    const { rdb } = payload(engine.execute(c, ['SYNC']));
    expect(readRdb(bytes(rdb), { now: engine.now }).keys).toEqual([]);
    expect(c.closeAfterReply).toBe(true);
    run(writer, 'SET', 'b', '2');
    expect(stream).toEqual([]);
    expect(latin1FromBytes(bytes(rdb)).startsWith('REDIS0010')).toBe(true);
  });

  it('PINGs its replicas every repl-ping-replica-period seconds from serverCron', () => {
    const { engine, run, replicaClient } = setup();
    const { c, stream } = replicaClient();
    engine.execute(c, ['SYNC']);
    run(c, 'CONFIG', 'SET', 'repl-ping-replica-period', '1');
    engine.replication!.cron();
    expect(stream).toEqual([]);
    engine.now += 1000;
    engine.replication!.cron();
    expect(stream).toEqual(['*1\r\n$4\r\nPING\r\n']);
  });
});

describe('what only replicas get, and what replicas need', () => {
  it('PUBLISH goes to the replication stream but not to the AOF or other feeds', () => {
    const { engine, writer, run, replicaClient } = setup();
    const other: string[] = [];
    engine.propagation.feeds.add({ feed: (op) => other.push(op.argv.join(' ')) });
    const { c, stream } = replicaClient();
    engine.execute(c, ['SYNC']);
    run(writer, 'PUBLISH', 'ch', 'hi');
    run(writer, 'SET', 'k', 'v');
    expect(stream.join('')).toBe('*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$7\r\nPUBLISH\r\n$2\r\nch\r\n$2\r\nhi\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n');
    expect(other).toEqual(['SET k v']);
  });

  it('min-replicas-to-write refuses writes (NOREPLICAS) until enough replicas were heard from lately', () => {
    const { engine, clock, writer, run, replicaClient } = setup();
    run(writer, 'CONFIG', 'SET', 'min-replicas-to-write', '1');
    expect(run(writer, 'SET', 'k', 'v')).toBe('!NOREPLICAS Not enough good replicas to write.');
    expect(run(writer, 'GET', 'k')).toBe('nil');
    // A script with a shebang is a write unless it says no-writes; one without is judged by its calls.
    expect(run(writer, 'EVAL', "#!lua\nreturn redis.call('get', 'k')", '0')).toBe('!NOREPLICAS Not enough good replicas to write.');
    expect(run(writer, 'EVAL', "#!lua flags=no-writes\nreturn redis.call('get', 'k')", '0')).toBe('nil');
    expect(run(writer, 'EVAL', "return redis.call('get', 'k')", '0')).toBe('nil');
    const { c } = replicaClient();
    engine.execute(c, ['SYNC']);
    expect(run(writer, 'SET', 'k', 'v')).toBe('OK');
    expect(run(writer, 'INFO', 'replication')).toContain('min_slaves_good_slaves:1\r\n');
    // Not heard from for more than min-replicas-max-lag (10 s): no longer good.
    clock.advance(11_000);
    expect(run(writer, 'EVAL', "return redis.call('set', 'k', 'w')", '0')).toBe(
      '!NOREPLICAS Not enough good replicas to write. script: 92d9bd2bb14ec0e5800f5bc76118e977c539ac71, on @user_script:1.',
    );
  });
});

describe('DEBUG for replication tests', () => {
  it('REPLICATE feeds a command to the replicas alone; SET-DISABLE-DENY-SCRIPTS lets scripts run noscript commands', () => {
    const { engine, writer, run, replicaClient } = setup({ 'enable-debug-command': 'yes' });
    const { c, stream } = replicaClient();
    engine.execute(c, ['SYNC']);
    expect(run(writer, 'DEBUG', 'REPLICATE', 'SET', 'only', 'replicas')).toBe('OK');
    expect(stream.join('')).toBe('*3\r\n$3\r\nSET\r\n$4\r\nonly\r\n$8\r\nreplicas\r\n');
    expect(run(writer, 'EXISTS', 'only')).toBe(':0');
    const script = "return redis.call('config', 'get', 'maxmemory')";
    expect(run(writer, 'EVAL', script, '0')).toMatch(/^!ERR This Redis command is not allowed from script/);
    expect(run(writer, 'DEBUG', 'SET-DISABLE-DENY-SCRIPTS', '1')).toBe('OK');
    expect(run(writer, 'EVAL', script, '0')).toBe('["maxmemory","0"]');
  });
});

describe('the backlog', () => {
  it('keeps the newest repl-backlog-size bytes, and +CONTINUE sends exactly what follows the offset asked', () => {
    const { engine, writer, run, replicaClient } = setup();
    run(writer, 'CONFIG', 'SET', 'repl-backlog-size', '100');
    const first = replicaClient();
    engine.execute(first.c, ['SYNC']);
    for (let i = 0; i < 50; i++) run(writer, 'SET', `key:${i}`, 'v'.repeat(i % 7));
    const fed = first.stream.join('');
    const info = run(writer, 'INFO', 'replication');
    expect(info).toContain(`master_repl_offset:${fed.length}\r\n`);
    expect(info).toContain('repl_backlog_histlen:100\r\n');
    expect(info).toContain(`repl_backlog_first_byte_offset:${fed.length - 99}\r\n`);
    const replid = /master_replid:([0-9a-f]{40})/.exec(info)![1]!;
    // The oldest byte kept, and one before it (gone: a full resync).
    const again = replicaClient();
    expect(engine.execute(again.c, ['PSYNC', replid, String(fed.length - 99)])).toEqual({ t: 'raw', v: '+CONTINUE\r\n' + fed.slice(-100) });
    const late = replicaClient();
    expect(payload(engine.execute(late.c, ['PSYNC', replid, String(fed.length - 100)])).head).toMatch(/^\+FULLRESYNC /);
  });
});
