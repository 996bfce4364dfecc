// Replication to a real Redis: redis-server 7.0.15 started with --replicaof our server loads our
// RDB payload, follows the stream of a mixed workload (every type, expiries, MULTI/EXEC, a
// script, several databases), and ends with the same dataset, key by key (DEBUG DIGEST-VALUE
// and PTTL on both sides); a replica that loses its link continues with PSYNC from our backlog.

import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/server.js';
import { startOurs } from '../server/raw.js';
import { connectTcp } from '../../src/server/connect.js';
import { RespConnection, startRealRedis, type RealRedis } from './harness.js';
import type { Reply } from '../../src/shared/reply.js';
import { parseReply } from '../../src/protocol/parse-reply.js';

let ours: RunningServer | undefined;
let real: RealRedis | undefined;
const conns: RespConnection[] = [];

afterEach(async () => {
  for (const c of conns.splice(0)) c.close();
  await real?.stop();
  real = undefined;
  await ours?.close();
  ours = undefined;
});

/** A connection whose `command` resolves with the parsed reply. */
interface Conn {
  command(argv: string[]): Promise<Reply>;
}

async function connect(port: number): Promise<Conn> {
  const c = await RespConnection.connect(port);
  conns.push(c);
  return { command: async (argv) => parseReply(await c.send(argv))!.reply };
}

const text = (r: Reply): string =>
  r.t === 'bulk' || r.t === 'simple' || r.t === 'verbatim' ? (r.v ?? '') : r.t === 'error' ? `!${r.v}` : r.t === 'int' ? String(r.v) : JSON.stringify(r);

async function info(c: Conn, section: string): Promise<Map<string, string>> {
  const lines = text(await c.command(['INFO', section])).split('\r\n');
  return new Map(lines.filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)]));
}

/** Waits until `check` holds, trying every 50 ms for up to 10 s. */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every key of every database: db, name, DEBUG DIGEST-VALUE and whether it has a TTL. */
async function dataset(c: Conn): Promise<string[]> {
  const out: string[] = [];
  for (let db = 0; db < 16; db++) {
    await c.command(['SELECT', String(db)]);
    const keys = await c.command(['KEYS', '*']);
    if (keys.t !== 'array' || keys.v === null) continue;
    for (const k of keys.v) {
      const key = text(k);
      const digest = await c.command(['DEBUG', 'DIGEST-VALUE', key]);
      const pttl = await c.command(['PTTL', key]);
      const hasTtl = pttl.t === 'int' && Number(pttl.v) > 0;
      out.push(`${db} ${key} ${JSON.stringify(digest)} ${hasTtl ? 'ttl' : 'persistent'}`);
    }
  }
  await c.command(['SELECT', '0']);
  return out.sort();
}

/** One workload over every type, with TTLs, a transaction, a script and three databases. */
async function workload(c: Conn, round: number): Promise<void> {
  const r = String(round);
  const cmds: string[][] = [
    ['SET', `s${r}`, 'v'],
    ['SET', `ttl${r}`, 'x', 'EX', '1000'],
    ['INCRBY', 'counter', '7'],
    ['APPEND', `s${r}`, 'more'],
    ['RPUSH', 'list', 'a', 'b', 'c', r],
    ['LPOP', 'list'],
    ['HSET', 'hash', `f${r}`, r, 'g', 'h'],
    ['HINCRBY', 'hash', 'n', '3'],
    ['SADD', 'set', 'x', 'y', r],
    ['SPOP', 'set'],
    ['ZADD', 'zset', '1', 'one', r, `m${r}`],
    ['ZINCRBY', 'zset', '2.5', 'one'],
    ['XADD', 'stream', '*', 'round', r],
    ['PFADD', 'hll', 'a', 'b', r],
    ['SETBIT', 'bits', r, '1'],
    ['EXPIRE', 'counter', '5000'],
    ['GEOADD', 'geo', '13.361389', '38.115556', `p${r}`],
    ['MULTI'],
    ['INCR', 'tx'],
    ['LPUSH', 'txlist', r],
    ['EXEC'],
    ['EVAL', "redis.call('set', KEYS[1], ARGV[1]); return redis.call('incr', 'counter')", '1', `ev${r}`, r],
    ['SELECT', '3'],
    ['SET', 'elsewhere', r],
    ['RENAME', 'elsewhere', `moved${r}`],
    ['SELECT', '9'],
    ['COPY', 'nothing', 'here'],
    ['SET', 'nine', r, 'PX', '900000'],
    ['SELECT', '0'],
    ['DEL', `s${Number(r) - 1}`],
  ];
  for (const argv of cmds) {
    const reply = await c.command(argv);
    expect(reply.t, `${argv.join(' ')} → ${text(reply)}`).not.toBe('error');
  }
}

describe('a real redis-server as the replica of ours', () => {
  it('syncs, follows a mixed workload to the same dataset, and continues with PSYNC after a lost link', { timeout: 60_000 }, async () => {
    const started = await startOurs({ config: { 'enable-debug-command': 'yes' } });
    ours = started.server;
    const port = ours.port;
    const master = await connect(port);
    await workload(master, 1);

    real = await startRealRedis(['--replicaof', '127.0.0.1', String(port), '--enable-debug-command', 'yes']);
    const replica = await connect(real.port);
    await until('master_link_status:up', async () => (await info(replica, 'replication')).get('master_link_status') === 'up');
    expect((await info(master, 'stats')).get('sync_full')).toBe('1');

    for (let round = 2; round <= 5; round++) await workload(master, round);
    // Caught up: the replica acknowledged everything we fed it.
    await until('the replica to acknowledge the whole stream', async () => {
      const offset = (await info(master, 'replication')).get('master_repl_offset');
      return (await info(replica, 'replication')).get('slave_repl_offset') === offset;
    });
    const mine = await dataset(master);
    expect(mine.length).toBeGreaterThan(20);
    expect(await dataset(replica)).toEqual(mine);
    expect(text(await replica.command(['DEBUG', 'DIGEST']))).toBe(text(await master.command(['DEBUG', 'DIGEST'])));

    // ROLE and INFO name the replica with the port it announced and the offset it acknowledged
    // (REPLCONF ACK, once a second).
    const offset = (await info(master, 'replication')).get('master_repl_offset')!;
    await until('REPLCONF ACK of the whole stream', async () => ((await info(master, 'replication')).get('slave0') ?? '').includes(`,offset=${offset},`));
    expect(await master.command(['ROLE'])).toEqual({
      t: 'array',
      v: [
        { t: 'bulk', v: 'master' },
        { t: 'int', v: Number(offset) },
        {
          t: 'array',
          v: [
            {
              t: 'array',
              v: [
                { t: 'bulk', v: '127.0.0.1' },
                { t: 'bulk', v: String(real.port) },
                { t: 'bulk', v: offset },
              ],
            },
          ],
        },
      ],
    });
    expect((await info(master, 'replication')).get('slave0')).toMatch(
      new RegExp(`^ip=127\\.0\\.0\\.1,port=${real.port},state=online,offset=${offset},lag=\\d+$`),
    );

    // WAIT: this connection's writes are acknowledged by the one replica; asking for two waits
    // out its timeout and answers 1.
    await workload(master, 100);
    expect(await master.command(['WAIT', '1', '5000'])).toEqual({ t: 'int', v: 1 });
    expect(await master.command(['WAIT', '2', '100'])).toEqual({ t: 'int', v: 1 });

    // The replica drops its link: it comes back with PSYNC and gets only what it missed.
    await replica.command(['CLIENT', 'KILL', 'TYPE', 'master']);
    await workload(master, 6);
    await until('the link to come back', async () => (await info(replica, 'replication')).get('master_link_status') === 'up');
    await until('the replica to catch up again', async () => {
      const o = (await info(master, 'replication')).get('master_repl_offset');
      return (await info(replica, 'replication')).get('slave_repl_offset') === o;
    });
    const stats = await info(master, 'stats');
    expect([stats.get('sync_full'), stats.get('sync_partial_ok')]).toEqual(['1', '1']);
    expect(await dataset(replica)).toEqual(await dataset(master));
  });

  it('ours as the replica of a real redis-server: full sync, the stream, read-only, PSYNC after a lost link, NO ONE', { timeout: 60_000 }, async () => {
    // No wait before the transfer (diskless sync waits 5 s for more replicas by default).
    real = await startRealRedis(['--enable-debug-command', 'yes', '--repl-diskless-sync-delay', '0']);
    const master = await connect(real.port);
    await workload(master, 1);
    const started = await startOurs({ config: { 'enable-debug-command': 'yes' }, connect: connectTcp });
    ours = started.server;
    const replica = await connect(ours.port);
    expect(text(await replica.command(['REPLICAOF', '127.0.0.1', String(real.port)]))).toBe('OK');
    expect(text(await replica.command(['REPLICAOF', '127.0.0.1', String(real.port)]))).toBe('OK Already connected to specified master');
    await until('master_link_status:up', async () => (await info(replica, 'replication')).get('master_link_status') === 'up');

    for (let round = 2; round <= 4; round++) await workload(master, round);
    const caughtUp = async () => {
      const offset = (await info(master, 'replication')).get('master_repl_offset');
      return (await info(replica, 'replication')).get('slave_repl_offset') === offset;
    };
    await until('our replica to catch up', caughtUp);
    expect(await dataset(replica)).toEqual(await dataset(master));
    expect(text(await replica.command(['SET', 'k', 'v']))).toBe("!READONLY You can't write against a read only replica.");
    expect(text(await replica.command(['WAIT', '0', '0']))).toMatch(/^!ERR WAIT cannot be used with replica instances\./);
    const role = await replica.command(['ROLE']);
    expect(role.t === 'array' && role.v!.slice(0, 4).map(text)).toEqual(['slave', '127.0.0.1', String(real.port), 'connected']);

    // The master drops us: we come back with PSYNC and get only what we missed.
    await master.command(['CLIENT', 'KILL', 'TYPE', 'replica']);
    await workload(master, 5);
    await until('our replica to catch up again', caughtUp);
    expect((await info(master, 'stats')).get('sync_partial_ok')).toBe('1');
    expect(await dataset(replica)).toEqual(await dataset(master));

    // A master again, with the data it had.
    expect(text(await replica.command(['REPLICAOF', 'NO', 'ONE']))).toBe('OK');
    expect(text(await replica.command(['SET', 'k', 'v']))).toBe('OK');
    expect((await info(replica, 'replication')).get('role')).toBe('master');
  });

  describe('failover between ours and a real redis-server (PSYNC2)', () => {
    /**
     * `master` replicated to `replica`; the replica is promoted and the old master follows it:
     * the new master answers +CONTINUE (sync_partial_ok, no second full sync), both sides name
     * the old history as master_replid2, valid up to the promotion's offset + 1.
     */
    async function failover(master: Conn, replica: Conn, masterPort: number, replicaPort: number): Promise<void> {
      await workload(master, 1);
      expect(text(await replica.command(['REPLICAOF', '127.0.0.1', String(masterPort)]))).toBe('OK');
      await until('master_link_status:up', async () => (await info(replica, 'replication')).get('master_link_status') === 'up');
      await workload(master, 2);
      const caughtUp = async () =>
        (await info(replica, 'replication')).get('slave_repl_offset') === (await info(master, 'replication')).get('master_repl_offset');
      await until('the replica to catch up', caughtUp);
      const before = await info(master, 'replication');
      const offset = Number(before.get('master_repl_offset'));
      expect((await info(replica, 'replication')).get('repl_backlog_active')).toBe('1');

      expect(text(await replica.command(['REPLICAOF', 'NO', 'ONE']))).toBe('OK');
      const promoted = await info(replica, 'replication');
      expect([promoted.get('master_replid2'), promoted.get('second_repl_offset'), promoted.get('master_repl_offset')]).toEqual([
        before.get('master_replid'),
        String(offset + 1),
        String(offset),
      ]);
      await workload(replica, 3);

      expect(text(await master.command(['REPLICAOF', '127.0.0.1', String(replicaPort)]))).toBe('OK');
      await until('the old master to follow', async () => (await info(master, 'replication')).get('master_link_status') === 'up');
      await until(
        'the old master to catch up',
        async () => (await info(master, 'replication')).get('slave_repl_offset') === (await info(replica, 'replication')).get('master_repl_offset'),
      );
      const stats = await info(replica, 'stats');
      expect([stats.get('sync_full'), stats.get('sync_partial_ok')]).toEqual(['0', '1']);
      const followed = await info(master, 'replication');
      expect([followed.get('master_replid'), followed.get('master_replid2')]).toEqual([promoted.get('master_replid'), before.get('master_replid')]);
      expect(await dataset(master)).toEqual(await dataset(replica));
    }

    it('ours promoted, the real one follows it', { timeout: 60_000 }, async () => {
      real = await startRealRedis(['--enable-debug-command', 'yes', '--repl-diskless-sync-delay', '0']);
      ours = (await startOurs({ config: { 'enable-debug-command': 'yes' }, connect: connectTcp })).server;
      await failover(await connect(real.port), await connect(ours.port), real.port, ours.port);
    });

    it('the real one promoted, ours follows it', { timeout: 60_000 }, async () => {
      real = await startRealRedis(['--enable-debug-command', 'yes', '--repl-diskless-sync-delay', '0']);
      ours = (await startOurs({ config: { 'enable-debug-command': 'yes' }, connect: connectTcp })).server;
      await failover(await connect(ours.port), await connect(real.port), ours.port, real.port);
    });
  });
});
