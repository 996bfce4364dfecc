import { beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../client.js';
import { VirtualClock } from '../clock.js';
import type { Command, KeySpec } from '../command.js';
import {
  Config,
  keyspaceEventsFlagsToString,
  keyspaceEventsStringToFlags,
  lookupConfig,
  memtoull,
  NOTIFY_ALL,
  NOTIFY_KEYEVENT,
  NOTIFY_KEYSPACE,
  NOTIFY_STRING,
  strtoll,
} from '../config.js';
import { attachAof, MemoryAofDir } from '../aof.js';
import { late } from '../late.js';
import { Engine } from '../engine.js';
import { createString } from '../objects.js';
import type { Reply } from '../../shared/reply.js';
import { commandHasKeys, commandKeys } from '../getkeys.js';
import { infoString } from '../info.js';
import { keyMemoryUsage } from '../memory.js';
import { mallocSize } from '../malloc.js';
import { slowlogRecord } from '../slowlog.js';
import { resetStats } from './server.js';
import { renderReply } from '../render-reply.js';

const T0 = 1_700_000_000_123.456;

let clock: VirtualClock;
let e: Engine;
let c: Client;

function run(...argv: string[]): Reply | null {
  return e.execute(c, argv);
}

function r(...argv: string[]): string {
  return renderReply(run(...argv));
}

function info(...sections: string[]): Map<string, string> {
  const reply = run('INFO', ...sections);
  if (reply === null || reply.t !== 'verbatim') throw new Error('INFO must answer text');
  const m = new Map<string, string>();
  for (const l of reply.v.split('\r\n')) {
    const i = l.indexOf(':');
    if (i > 0) m.set(l.slice(0, i), l.slice(i + 1));
  }
  return m;
}

beforeEach(() => {
  clock = new VirtualClock(T0);
  e = new Engine({ clock, random: () => 0.5, late });
  c = e.createClient();
});

describe('TIME', () => {
  it('reads the engine clock: seconds and microseconds as bulk strings', () => {
    expect(r('TIME')).toBe('["1700000000","123456"]');
    clock.advance(1000.5);
    expect(r('TIME')).toBe('["1700000001","123956"]');
    expect(r('TIME', 'x')).toBe("!ERR wrong number of arguments for 'time' command");
  });
});

describe('COMMAND', () => {
  it('INFO has the ten fields, flags and categories in Redis order', () => {
    expect(r('COMMAND', 'INFO', 'time')).toBe('[["time",:1,~[loading,stale,fast],:0,:0,:0,~[@fast],~["nondeterministic_output"],~[],~[]]]');
    expect(r('COMMAND', 'INFO', 'memory|usage')).toBe(
      '[["memory|usage",:-3,~[readonly],:2,:2,:1,~[@read,@slow],~[],~[{"flags":~[RO],"begin_search":{"type":"index","spec":{"index"::2}},"find_keys":{"type":"range","spec":{"lastkey"::0,"keystep"::1,"limit"::0}}}],~[]]]',
    );
    expect(r('COMMAND', 'INFO', 'nosuch', '', 'config|', 'config|get|x')).toBe('[nil,nil,nil,nil]');
  });

  it('prints flags in the canonical order and hides the hidden ones, whatever the spec says', () => {
    const cmd = e.commands.get('time')!;
    const fake: Command = { ...cmd, fullName: 'fake', flags: ['fast', 'may_replicate', 'write', 'protected'], acl: ['@slow', 'write'] };
    e.commands.set('fake', fake);
    expect(r('COMMAND', 'INFO', 'fake')).toContain('~[write,fast]');
    expect(r('COMMAND', 'INFO', 'fake')).toContain('~[@write,@slow]');
  });

  it('INFO of a container nests its subcommands; COUNT and LIST agree with the table', () => {
    const reply = run('COMMAND', 'INFO', 'config') as { v: { v: Reply[] }[] };
    const subs = reply.v[0]!.v[9]!;
    expect(subs.t).toBe('array');
    expect((subs as { v: Reply[] }).v).toHaveLength(5);
    expect(r('COMMAND', 'COUNT')).toBe(':' + e.commands.size);
    const list = run('COMMAND', 'LIST') as { v: Reply[] };
    let n = 0;
    for (const cmd of e.commands.values()) n += 1 + (cmd.subs?.size ?? 0);
    expect(list.v).toHaveLength(n);
  });

  it('LIST filters', () => {
    expect(r('COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'CONFIG|R*')).toBe('["config|resetstat","config|rewrite"]');
    expect(r('COMMAND', 'LIST', 'FILTERBY', 'ACLCAT', 'CONNECTION')).toContain('"command|docs"');
    expect(r('COMMAND', 'LIST', 'FILTERBY', 'ACLCAT', 'nosuch')).toBe('[]');
    expect(r('COMMAND', 'LIST', 'FILTERBY', 'MODULE', 'x')).toBe('[]');
    expect(r('COMMAND', 'LIST', 'FILTERBY', 'PATTERN')).toBe('!ERR syntax error');
  });

  it('DOCS: summary, since, group, complexity and subcommands; unknown names are skipped', () => {
    expect(r('COMMAND', 'DOCS', 'time', 'nosuch')).toMatch(/^\{"time":\{"summary":"[^"]+","since":"2\.6\.0","group":"server","complexity":"O\(1\)"\}\}$/);
    const docs = r('COMMAND', 'DOCS', 'config');
    expect(docs).toContain('"subcommands":{"config|get":{');
    expect(r('COMMAND', 'DOCS', 'nosuch')).toBe('{}');
  });

  it('DOCS sends non-ASCII summaries as UTF-8 bytes', () => {
    const cmd = e.commands.get('time')!;
    e.commands.set('fake', { ...cmd, fullName: 'fake', summary: 'a … b' });
    expect(r('COMMAND', 'DOCS', 'fake')).toContain(JSON.stringify('a \xe2\x80\xa6 b'));
  });

  it('GETKEYS and its errors', () => {
    expect(r('COMMAND', 'GETKEYS', 'MEMORY', 'USAGE', 'k')).toBe('["k"]');
    expect(r('COMMAND', 'GETKEYSANDFLAGS', 'memory', 'usage', 'k')).toBe('[["k",~[RO]]]');
    expect(r('COMMAND', 'GETKEYS', 'nosuch', 'a')).toBe('!ERR Invalid command specified');
    expect(r('COMMAND', 'GETKEYS', 'config', 'get', 'a')).toBe('!ERR The command has no key arguments');
    expect(r('COMMAND', 'GETKEYS', 'memory', 'usage')).toBe('!ERR Invalid number of arguments specified for command');
    expect(r('COMMAND', 'GETKEYS', 'get')).toBe("!ERR wrong number of arguments for 'command|getkeys' command");
  });

  it('finds keys with key specs: index/keyword begin, range/keynum find, and the native procs', () => {
    const base = e.commands.get('time')!;
    const fake = (name: string, keySpecs: Command['keySpecs'], flags: Command['flags'] = []): Command => ({
      ...base,
      name,
      fullName: name,
      arity: -2,
      flags,
      keySpecs,
    });
    const keyword = fake('kw', [{ flags: ['RO'], begin: { keyword: 'STREAMS', startfrom: 1 }, find: { range: [-1, 1, 2] } }]);
    expect(commandKeys(keyword, ['kw', 'COUNT', '2', 'streams', 'a', 'b', '0', '0']).map((k) => k.pos)).toEqual([4, 5]);
    const numkeys = fake('nk', [{ flags: ['RW'], begin: { index: 1 }, find: { keynum: [0, 1, 1] } }]);
    expect(commandKeys(numkeys, ['nk', '2', 'a', 'b', 'x']).map((k) => k.pos)).toEqual([2, 3]);
    expect(commandKeys(numkeys, ['nk', '5', 'a'])).toEqual([]);
    expect(commandKeys(numkeys, ['nk', '-1', 'a'])).toEqual([]);
    const backwards = fake('bw', [{ flags: ['OW'], begin: { keyword: 'STORE', startfrom: -2 }, find: { range: [0, 1, 0] } }]);
    expect(commandKeys(backwards, ['bw', 'x', 'STORE', 'dst', 'y']).map((k) => k.pos)).toEqual([3]);
    expect(commandHasKeys(fake('none', []))).toBe(false);
    expect(commandHasKeys(fake('nk2', [{ flags: ['not_key'], begin: { index: 1 }, find: { range: [0, 1, 0] } }]))).toBe(false);

    // Redis's getkeys procs, used when the specs are incomplete or have variable flags.
    const incomplete: KeySpec[] = [{ flags: ['RO', 'incomplete'], begin: { index: 1 }, find: { range: [0, 1, 0] } }];
    expect(commandKeys(fake('sort', incomplete), ['sort', 'k', 'BY', 'x', 'STORE', 'd', 'STORE', 'e'])).toEqual([
      { pos: 1, flags: ['RO', 'access'] },
      { pos: 7, flags: ['OW', 'update'] },
    ]);
    const zstore = fake('zunionstore', [
      { flags: ['OW'], begin: { index: 1 }, find: { range: [0, 1, 0] } },
      { flags: ['RO'], begin: { index: 2 }, find: { keynum: [0, 1, 1] } },
    ]);
    expect(commandKeys(zstore, ['zunionstore', 'd', '2', 'a', 'b']).map((k) => k.pos)).toEqual([1, 3, 4]);
    expect(commandKeys(zstore, ['zunionstore', 'd', '-1', 'a', 'b'])).toEqual([]);
    const varflags: KeySpec[] = [{ flags: ['RW', 'variable_flags'], begin: { index: 1 }, find: { range: [0, 1, 0] } }];
    expect(commandKeys(fake('set', varflags), ['set', 'k', 'v', 'get'])).toEqual([{ pos: 1, flags: ['RW', 'access', 'update'] }]);
    expect(commandKeys(fake('set', varflags), ['set', 'k', 'v', 'getx'])).toEqual([{ pos: 1, flags: ['OW', 'update'] }]);
    expect(commandKeys(fake('bitfield', varflags), ['bitfield', 'k', 'GET', 'u8', '0'])[0]!.flags).toEqual(['RO', 'access']);
    expect(commandKeys(fake('bitfield', varflags), ['bitfield', 'k', 'SET', 'u8', '0', '1'])[0]!.flags).toEqual(['RW', 'access', 'update']);
    expect(commandKeys(fake('georadius', incomplete), ['georadius', 'k', '1', '2', '3', 'km', 'STORE', 'd']).map((k) => k.pos)).toEqual([1, 7]);
    expect(commandKeys(fake('xread', incomplete), ['xread', 'COUNT', '1', 'STREAMS', 'a', 'b', '0', '0']).map((k) => k.pos)).toEqual([4, 5]);
    expect(commandKeys(fake('xread', incomplete), ['xread', 'STREAMS', 'a', 'b', '0'])).toEqual([]);
    expect(commandKeys(fake('migrate', incomplete), ['migrate', 'h', 'p', '', '0', '5', 'COPY', 'KEYS', 'a', 'b']).map((k) => k.pos)).toEqual([8, 9]);
    expect(commandKeys(fake('eval', incomplete), ['eval', 's', '2', 'a', 'b', 'c']).map((k) => k.pos)).toEqual([3, 4]);
    const own = { ...fake('mine', incomplete), getKeys: () => [2] };
    expect(commandKeys(own, ['mine', 'a', 'b'])).toEqual([{ pos: 2, flags: [] }]);
  });

  it('HELP lists the subcommands with Redis header and footer', () => {
    const help = run('command', 'help') as { v: Reply[] };
    expect(renderReply(help.v[0]!)).toBe('COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:');
    expect(renderReply(help.v[help.v.length - 1]!)).toBe('    Prints this help.');
  });
});

describe('INFO', () => {
  it('default sections, in order, CRLF-separated with a blank line between', () => {
    const reply = run('INFO') as { v: string };
    const heads = reply.v.split('\r\n').filter((l) => l.startsWith('#'));
    expect(heads).toEqual([
      '# Server',
      '# Clients',
      '# Memory',
      '# Persistence',
      '# Stats',
      '# Replication',
      '# CPU',
      '# Modules',
      '# Errorstats',
      '# Cluster',
      '# Keyspace',
    ]);
    expect(reply.v).toContain('\r\n\r\n# Clients\r\n');
    expect(reply.v.endsWith('\r\n')).toBe(true);
    expect(r('INFO', 'cluster')).toBe('txt:# Cluster\r\ncluster_enabled:0\r\n');
    expect(r('INFO', 'nosuch')).toBe('txt:');
    const all = (run('INFO', 'all') as { v: string }).v;
    expect(all).toContain('# Commandstats');
    expect(all).toContain('# Latencystats');
  });

  it('server facts: version, port, uptime from the engine clock', () => {
    e.config.set('port', '7777');
    clock.advance(2 * 86400_000 + 5000);
    const m = info('server');
    expect(m.get('redis_version')).toBe('7.0.15');
    expect(m.get('redis_mode')).toBe('standalone');
    expect(m.get('arch_bits')).toBe('64');
    expect(m.get('tcp_port')).toBe('7777');
    expect(m.get('uptime_in_seconds')).toBe(String(2 * 86400 + 5));
    expect(m.get('uptime_in_days')).toBe('2');
    expect(m.get('run_id')).toBe('8'.repeat(40));
    expect(m.get('server_time_usec')).toBe(String(Math.floor((T0 + 2 * 86400_000 + 5000) * 1000)));
    expect(m.get('lru_clock')).toBe(String(Math.floor((T0 + 2 * 86400_000 + 5000) / 1000) % 16777216));
  });

  it('clients, stats and keyspace from the engine', () => {
    e.createClient();
    run('SET', 'a', '1');
    run('SET', 'b', '2', 'PX', '5000');
    run('GET', 'a');
    run('GET', 'zz');
    expect(info('clients').get('connected_clients')).toBe('2');
    const stats = info('stats');
    expect(stats.get('total_connections_received')).toBe('2');
    expect(stats.get('total_commands_processed')).toBe('5');
    expect(stats.get('keyspace_hits')).toBe('1');
    expect(stats.get('keyspace_misses')).toBe('1');
    clock.advance(1000);
    expect(info('keyspace').get('db0')).toBe('keys=2,expires=1,avg_ttl=4000');
    clock.advance(5000);
    run('GET', 'b');
    expect(info('keyspace').get('db0')).toBe('keys=1,expires=0,avg_ttl=0');
    expect(info('stats').get('expired_keys')).toBe('1');
  });

  it('memory: used_memory grows with the data, human units', () => {
    const before = Number(info('memory').get('used_memory'));
    run('SET', 'big', 'x'.repeat(100000));
    const m = info('memory');
    expect(Number(m.get('used_memory')) - before).toBeGreaterThan(100000);
    expect(m.get('used_memory_human')).toMatch(/^\d+\.\d\dK$/);
    expect(m.get('maxmemory_policy')).toBe('noeviction');
    run('CONFIG', 'SET', 'maxmemory', '2gb');
    expect(info('memory').get('maxmemory_human')).toBe('2.00G');
  });

  it('commandstats, errorstats and latencystats', () => {
    run('SET', 'k', 'v');
    run('INCR', 'k');
    run('GET');
    run('NOSUCH');
    const t = (run('INFO', 'commandstats', 'errorstats', 'latencystats') as { v: string }).v;
    expect(t).toContain('cmdstat_set:calls=1,usec=0,usec_per_call=0.00,rejected_calls=0,failed_calls=0\r\n');
    expect(t).toContain('cmdstat_incr:calls=1,usec=0,usec_per_call=0.00,rejected_calls=0,failed_calls=1\r\n');
    expect(t).toContain('cmdstat_get:calls=0,usec=0,usec_per_call=0.00,rejected_calls=1,failed_calls=0\r\n');
    expect(t).toContain('# Errorstats\r\nerrorstat_ERR:count=3\r\n');
    expect(t).toContain('latency_percentiles_usec_set:p50=1.003,p99=1.003,p99.9=1.003\r\n');
    expect(t).not.toContain('latency_percentiles_usec_get');
    run('CONFIG', 'SET', 'latency-tracking', 'no');
    expect((run('INFO', 'latencystats') as { v: string }).v).toBe('# Latencystats\r\n');
  });

  it('errorstats are keyed by the error code and sorted', () => {
    run('SET', 'k', 'v');
    e.stats.errorCodes.set('WRONGTYPE', 2);
    e.stats.errorCodes.set('BUSY', 1);
    expect((run('INFO', 'errorstats') as { v: string }).v).toBe('# Errorstats\r\nerrorstat_BUSY:count=1\r\nerrorstat_WRONGTYPE:count=2\r\n');
  });

  it('persistence shows the AOF fields only with appendonly yes', () => {
    expect(info('persistence').has('aof_current_size')).toBe(false);
    attachAof(e, new MemoryAofDir());
    expect(r('CONFIG', 'SET', 'appendonly', 'yes')).toBe('OK');
    const m = info('persistence');
    expect(m.get('aof_enabled')).toBe('1');
    expect(m.has('aof_delayed_fsync')).toBe(true);
  });

  it('infoString takes sections case-insensitively and once each', () => {
    const t = infoString(e, ['CLUSTER', 'cluster', 'Keyspace']);
    expect(t).toBe('# Cluster\r\ncluster_enabled:0\r\n\r\n# Keyspace\r\n');
  });
});

describe('CONFIG', () => {
  it('GET: exact names keep their spelling, patterns give table names; hidden ones need the exact name', () => {
    expect(r('CONFIG', 'GET', 'MAXMEMORY', 'maxmemory')).toBe('{"MAXMEMORY":"0"}');
    expect(r('CONFIG', 'GET', 'use-exit-on-panic')).toBe('{"use-exit-on-panic":"no"}');
    expect(r('CONFIG', 'GET', '*panic*')).toBe('{}');
    expect(r('CONFIG', 'GET', 'hash-max-*-entries')).toBe('{"hash-max-listpack-entries":"512","hash-max-ziplist-entries":"512"}');
  });

  it('SET appendonly yes is refused by an engine with no AOF directory, no stays accepted', () => {
    expect(r('CONFIG', 'SET', 'appendonly', 'yes')).toBe(
      "!ERR CONFIG SET failed (possibly related to argument 'appendonly') - Unable to turn on AOF: this engine has no directory for the append only file",
    );
    expect(r('CONFIG', 'SET', 'appendonly', 'no')).toBe('OK');
    expect(r('CONFIG', 'GET', 'appendonly')).toBe('{"appendonly":"no"}');
  });

  it('SET updates the typed values the engine reads', () => {
    expect(r('CONFIG', 'SET', 'hash-max-ziplist-entries', '64', 'zset-max-listpack-value', '1kb', 'hz', '1000', 'maxmemory', '1gb')).toBe('OK');
    expect(e.config.hashMaxListpackEntries).toBe(64);
    expect(e.config.zsetMaxListpackValue).toBe(1024);
    expect(e.config.hz).toBe(500);
    expect(e.config.maxmemory).toBe(1073741824);
    expect(r('CONFIG', 'SET', 'notify-keyspace-events', 'KE$')).toBe('OK');
    expect(e.config.notifyKeyspaceEvents).toBe(NOTIFY_KEYSPACE | NOTIFY_KEYEVENT | NOTIFY_STRING);
    expect(r('CONFIG', 'GET', 'notify-keyspace-events')).toBe('{"notify-keyspace-events":"$KE"}');
    expect(r('CONFIG', 'SET', 'save', '60 100 10 5')).toBe('OK');
    expect(e.config.saveParams).toEqual([
      [60, 100],
      [10, 5],
    ]);
    expect(r('CONFIG', 'SET', 'requirepass', 'secret')).toBe('OK');
    expect(e.config.requirepass).toBe('secret');
    expect(e.createClient().authenticated).toBe(false);
  });

  it('SET is atomic and reports the first problem', () => {
    expect(r('CONFIG', 'SET', 'maxmemory', '10mb', 'timeout', 'x')).toBe(
      "!ERR CONFIG SET failed (possibly related to argument 'timeout') - argument couldn't be parsed into an integer",
    );
    expect(e.config.maxmemory).toBe(0);
    expect(r('CONFIG', 'SET', 'timeout', 'x', 'nosuch', '1')).toBe("!ERR Unknown option or number of arguments for CONFIG SET - 'nosuch'");
    expect(r('CONFIG', 'SET', 'Databases', '1')).toBe("!ERR CONFIG SET failed (possibly related to argument 'Databases') - can't set immutable config");
    expect(r('CONFIG', 'SET', 'dir', '/')).toBe("!ERR CONFIG SET failed (possibly related to argument 'dir') - can't set protected config");
    expect(r('CONFIG', 'SET', 'hz', '5', 'HZ', '6')).toBe("!ERR CONFIG SET failed (possibly related to argument 'HZ') - duplicate parameter");
    expect(r('CONFIG', 'SET', 'hz', '5', 'x')).toBe('!ERR syntax error');
    expect(r('CONFIG', 'SET', 'maxmemory-clients', '101%')).toBe(
      "!ERR CONFIG SET failed (possibly related to argument 'maxmemory-clients') - percentage argument must be less or equal to 100",
    );
  });

  it('RESETSTAT zeroes every counter; REWRITE has no file; HELP', () => {
    run('SET', 'k', 'v');
    run('NOSUCH');
    expect(e.stats.totalCommands).toBe(1);
    expect(r('CONFIG', 'RESETSTAT')).toBe('OK');
    expect(e.stats.totalCommands).toBe(1);
    expect(e.stats.totalConnections).toBe(0);
    expect(e.stats.errorReplies).toBe(0);
    expect([...e.stats.commands.keys()]).toEqual(['config|resetstat']);
    expect(e.stats.errorCodes.size).toBe(0);
    resetStats(e);
    expect(e.stats.commands.size).toBe(0);
    expect(r('CONFIG', 'REWRITE')).toBe('!ERR The server is running without a config file');
    expect(r('CONFIG', 'HELP')).toContain('REWRITE');
  });

  it('the Config class: defaults as Redis prints them, overrides, aliases', () => {
    const cfg = new Config({ 'hash-max-ziplist-entries': '10', maxmemory: '1mb' });
    expect(cfg.get('hash-max-listpack-entries')).toBe('10');
    expect(cfg.get('maxmemory')).toBe('1048576');
    expect(cfg.get('client-output-buffer-limit')).toBe('normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60');
    expect(cfg.get('save')).toBe('3600 1 300 100 60 10000');
    expect(cfg.get('nosuch')).toBeUndefined();
    expect(() => new Config({ maxmemory: 'lots' })).toThrow(/maxmemory/);
    expect(() => new Config({ nosuch: '1' })).toThrow(/nosuch/);
    expect(new Config({ databases: '4' }).databases).toBe(4);
    // A host's own settings are not checked like CONFIG SET (no apply step).
    expect(new Config({ bind: '192.168.1.5', 'tls-port': '6390' }).get('bind')).toBe('192.168.1.5');
    expect(r('CONFIG', 'SET', 'bind', '192.168.1.5')).toBe(
      "!ERR CONFIG SET failed (possibly related to argument 'bind') - Failed to bind to specified addresses.",
    );
    expect(r('CONFIG', 'SET', 'tls-protocols', 'TLSv1.3', 'tls-cluster', 'yes')).toBe(
      "!ERR CONFIG SET failed (possibly related to argument 'tls-protocols') - Unable to update TLS configuration. Check server logs.",
    );
    expect(r('CONFIG', 'GET', 'tls-protocols')).toBe('{"tls-protocols":""}');
    expect(lookupConfig('SLAVE-READ-ONLY')!.def.name).toBe('replica-read-only');
  });

  it('client-output-buffer-limit changes only the classes given', () => {
    expect(r('CONFIG', 'SET', 'client-output-buffer-limit', 'pubsub 1gb 2mb 30')).toBe('OK');
    expect(r('CONFIG', 'GET', 'client-output-buffer-limit')).toBe(
      '{"client-output-buffer-limit":"normal 0 0 0 slave 268435456 67108864 60 pubsub 1073741824 2097152 30"}',
    );
  });
});

describe('config parsing helpers', () => {
  it('memtoull: units, overflow wraps, rejects signs and junk', () => {
    expect(memtoull('1kb')).toBe(1024n);
    expect(memtoull('1K')).toBe(1000n);
    expect(memtoull('3GB')).toBe(3n * 1073741824n);
    expect(memtoull('')).toBe(0n);
    expect(memtoull('b')).toBe(0n);
    expect(memtoull('-1')).toBeNull();
    expect(memtoull('1.5m')).toBeNull();
    expect(memtoull('99999999999999999999')).toBe(18446744073709551615n);
    expect(memtoull('18446744073709551615kb')).toBe((18446744073709551615n * 1024n) % 18446744073709551616n);
  });

  it('strtoll: leading space and sign, stops at the first non-digit, clamps', () => {
    expect(strtoll(' +12x')).toEqual({ value: 12n, end: 4 });
    expect(strtoll('abc')).toEqual({ value: 0n, end: 0 });
    expect(strtoll('-99999999999999999999').value).toBe(-9223372036854775808n);
    expect(strtoll('777', 8).value).toBe(511n);
  });

  it('keyspace event classes round-trip like notify.c', () => {
    expect(keyspaceEventsFlagsToString(keyspaceEventsStringToFlags('KEA'))).toBe('AKE');
    expect(keyspaceEventsFlagsToString(keyspaceEventsStringToFlags('Eg$lshzxetdnmK'))).toBe('AKEm');
    expect(keyspaceEventsStringToFlags('A')).toBe(NOTIFY_ALL);
    expect(keyspaceEventsStringToFlags('AX')).toBe(-1);
    expect(keyspaceEventsFlagsToString(keyspaceEventsStringToFlags('nxK'))).toBe('xnK');
  });
});

describe('SLOWLOG', () => {
  it('records nothing at the default threshold, everything at 0, newest first, capped', () => {
    run('SET', 'a', '1');
    expect(r('SLOWLOG', 'LEN')).toBe(':0');
    run('CONFIG', 'SET', 'slowlog-log-slower-than', '0', 'slowlog-max-len', '3');
    c.name = 'tab1';
    run('GET', 'a');
    run('GET');
    expect(r('SLOWLOG', 'GET')).toBe(
      `[[:1,:${Math.floor(T0 / 1000)},:0,["GET","a"],"${c.addr}","tab1"],[:0,:${Math.floor(T0 / 1000)},:0,["CONFIG","SET","slowlog-log-slower-than","0","slowlog-max-len","3"],"${c.addr}",""]]`,
    );
    run('SET', 'b', 'x'.repeat(130));
    run('TIME');
    expect(r('SLOWLOG', 'GET', '1')).toContain('["TIME"]');
    expect(r('SLOWLOG', 'GET', '-1')).toContain(`"${'x'.repeat(128)}... (2 more bytes)"`);
    expect(r('SLOWLOG', 'LEN')).toBe(':3');
    expect(r('SLOWLOG', 'RESET')).toBe('OK');
    expect(r('SLOWLOG', 'GET')).toBe('[[:8,:1700000000,:0,["SLOWLOG","RESET"],"' + c.addr + '","tab1"]]');
  });

  it('measures each command on the host’s monotonic clock: the slow ones are logged with their µs, and INFO commandstats adds them up', () => {
    const live = new Engine({ late, monotonic: () => performance.now(), config: { 'enable-debug-command': 'yes' } });
    const lc = live.createClient();
    const lr = (...argv: string[]) => renderReply(live.execute(lc, argv));
    lr('CONFIG', 'SET', 'slowlog-log-slower-than', '10000');
    lr('PING');
    lr('DEBUG', 'SLEEP', '0.02');
    const entries = live.execute(lc, ['SLOWLOG', 'GET']) as { v: { v: Reply[] }[] };
    expect(entries.v.map((x) => renderReply(x.v[3]!))).toEqual(['["DEBUG","SLEEP","0.02"]']);
    const usec = Number(renderReply(entries.v[0]!.v[2]!).slice(1));
    expect(usec).toBeGreaterThanOrEqual(20_000);
    expect(lr('INFO', 'commandstats')).toMatch(new RegExp(`cmdstat_debug:calls=1,usec=${usec},usec_per_call=${usec}\\.00,`));
    // A negative threshold logs nothing.
    lr('SLOWLOG', 'RESET');
    lr('CONFIG', 'SET', 'slowlog-log-slower-than', '-1');
    lr('DEBUG', 'SLEEP', '0.02');
    expect(lr('SLOWLOG', 'LEN')).toBe(':0');
  });

  it('logs a blocked command when it is served, after the command that served it', () => {
    const waiter = e.createClient();
    run('CONFIG', 'SET', 'slowlog-log-slower-than', '0');
    expect(e.execute(waiter, ['BLPOP', 'l', '0'])).toBeNull();
    run('SLOWLOG', 'RESET');
    run('LPUSH', 'l', 'foo');
    const argvs = (run('SLOWLOG', 'GET') as { v: { v: Reply[] }[] }).v.map((x) => renderReply(x.v[3]!));
    expect(argvs).toEqual(['["BLPOP","l","0"]', '["LPUSH","l","foo"]', '["SLOWLOG","RESET"]']);
  });

  it('redacts secrets as Redis does', () => {
    const base = e.commands.get('time')!;
    const as = (fullName: string, flags: Command['flags'] = []): Command => ({ ...base, name: fullName, fullName, flags });
    slowlogRecord(e, c, as('auth'), ['AUTH', 'pw'], 0);
    slowlogRecord(e, c, as('auth'), ['AUTH', 'user', 'pw'], 0);
    slowlogRecord(e, c, as('auth'), ['AUTH', 'a', 'b', 'c'], 0);
    slowlogRecord(e, c, as('hello'), ['HELLO', '3', 'SETNAME', 'n', 'AUTH', 'u', 'p'], 0);
    slowlogRecord(e, c, as('hello'), ['HELLO', '9', 'AUTH', 'u', 'p'], 0);
    slowlogRecord(e, c, as('config|set'), ['CONFIG', 'SET', 'timeout', '1', 'REQUIREPASS', 'pw', 'masterauth', 'x'], 0);
    slowlogRecord(e, c, as('migrate'), ['MIGRATE', 'h', '1', '', '0', '5', 'AUTH2', 'u', 'p', 'KEYS', 'a'], 0);
    slowlogRecord(e, c, as('acl|setuser'), ['ACL', 'SETUSER', 'bob', 'on', '>pw'], 0);
    slowlogRecord(e, c, as('exec', ['skip_slowlog']), ['EXEC'], 0);
    const argvs = (run('SLOWLOG', 'GET', '-1') as { v: { v: Reply[] }[] }).v.map((x) => renderReply(x.v[3]!)).reverse();
    expect(argvs).toEqual([
      '["AUTH","(redacted)"]',
      '["AUTH","(redacted)","(redacted)"]',
      '["AUTH","a","b","c"]',
      '["HELLO","3","SETNAME","n","AUTH","(redacted)","(redacted)"]',
      '["HELLO","9","AUTH","u","p"]',
      '["CONFIG","SET","timeout","1","REQUIREPASS","(redacted)","masterauth","(redacted)"]',
      '["MIGRATE","h","1","","0","5","AUTH2","(redacted)","(redacted)","KEYS","a"]',
      '["ACL","SETUSER","(redacted)","(redacted)","(redacted)"]',
    ]);
  });
});

describe('MEMORY', () => {
  it('USAGE of strings follows jemalloc size classes', () => {
    expect(keyMemoryUsage('k', createString('1'))).toBe(48);
    expect(keyMemoryUsage('k', createString('v'))).toBe(64);
    expect(keyMemoryUsage('k', createString('x'.repeat(45)))).toBe(112);
    expect(keyMemoryUsage('', createString('v'))).toBe(64);
    expect(mallocSize(129)).toBe(160);
    expect(mallocSize(257)).toBe(320);
    expect(mallocSize(100000)).toBe(114688);
  });

  it('USAGE: missing or expired keys are nil; SAMPLES is checked', () => {
    run('SET', 'k', 'v', 'PX', '100');
    expect(r('MEMORY', 'USAGE', 'k')).toBe(':64');
    clock.advance(200);
    expect(r('MEMORY', 'USAGE', 'k')).toBe('nil');
    expect(r('MEMORY', 'USAGE', 'k', 'SAMPLES', '-1')).toBe('!ERR syntax error');
    expect(r('MEMORY', 'USAGE', 'k', 'SAMPLES', 'x')).toBe('!ERR value is not an integer or out of range');
  });

  it('USAGE samples SAMPLES elements of a hashtable (0: all of them), as objectComputeSize does', () => {
    // Members of two lengths, the long ones last: a sample of the first only sees short ones.
    run('SADD', 's', ...Array.from({ length: 200 }, (_, i) => (i < 150 ? `m${i}` : `member-${'x'.repeat(40)}-${i}`)));
    const usage = (...samples: string[]) => Number(r('MEMORY', 'USAGE', 's', ...samples).slice(1));
    expect(usage('SAMPLES', '0')).toBeGreaterThan(usage());
    expect(usage('SAMPLES', '5')).toBe(usage());
    expect(usage('SAMPLES', '200')).toBe(usage('SAMPLES', '0'));
  });

  it('DOCTOR, STATS, SLOWLOG, LATENCY, DEBUG and ROLE answer like a fresh Redis', () => {
    expect(r('MEMORY', 'DOCTOR')).toMatch(/^txt:Hi Sam, this instance is empty/);
    expect(r('MEMORY', 'STATS')).toContain('"keys.count":');
    expect(r('SLOWLOG', 'LEN')).toBe(':0');
    expect(r('SLOWLOG', 'GET', '-2')).toBe('!ERR count should be greater than or equal to -1');
    expect(r('SLOWLOG', 'GET', '1', '2')).toBe("!ERR unknown subcommand or wrong number of arguments for 'GET'. Try SLOWLOG HELP.");
    expect(r('LATENCY', 'GRAPH', 'x')).toBe("!ERR No samples available for event 'x'");
    expect(r('LATENCY', 'DOCTOR')).toMatch(/^txt:I'm sorry, Dave/);
    run('SET', 'a', 'b');
    expect(r('LATENCY', 'HISTOGRAM', 'set')).toBe('{"set":{"calls"::1,"histogram_usec":{:1::1}}}');
    expect(r('DEBUG', 'SLEEP', '0')).toMatch(/^!ERR DEBUG command not allowed/);
    expect(r('ROLE')).toBe('["master",:0,[]]');
  });
});
