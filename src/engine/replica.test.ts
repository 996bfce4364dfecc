// The replica's side against our own master, in one process: the worker's local links
// (src/worker/local-link.ts) hand the replica's bytes to the master engine as a client's
// commands and the master's replies and stream back, so that both halves of replication.ts and
// replica.ts meet without a socket.

import { describe, expect, it } from 'vitest';
import { Engine } from './engine.js';
import { late } from './late.js';
import { renderReply } from './render-reply.js';
import { localConnector } from '../worker/local-link.js';
import type { Client } from './client.js';

/** Lets the links' promises run until `check` holds. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setImmediate(r));
  expect(check()).toBe(true);
}

describe('REPLICAOF against our own master', () => {
  it('syncs, follows the stream, refuses writes, continues after a cut link, and becomes a master again', async () => {
    const master = new Engine({ late });
    const replica = new Engine({ late, connect: localConnector(() => master) });
    const m = master.createClient();
    const r = replica.createClient();
    const run = (e: Engine, c: Client, ...argv: string[]) => renderReply(e.execute(c, argv));
    run(master, m, 'SET', 'before', '1');
    run(master, m, 'EXPIRE', 'before', '100');

    expect(run(replica, r, 'REPLICAOF', '127.0.0.1', '6379')).toBe('OK');
    await until(() => replica.masterLink?.state === 'connected');
    expect(run(replica, r, 'GET', 'before')).toBe('"1"');
    expect(run(replica, r, 'ROLE')).toMatch(/^\["slave","127\.0\.0\.1",:6379,"connected",:\d+\]$/);
    expect(run(replica, r, 'SET', 'x', '1')).toBe("!READONLY You can't write against a read only replica.");

    run(master, m, 'RPUSH', 'l', 'a', 'b');
    run(master, m, 'SELECT', '4');
    run(master, m, 'INCR', 'n');
    await until(() => replica.masterLink!.offset === master.replication!.offset);
    expect(run(replica, r, 'LRANGE', 'l', '0', '-1')).toBe('["a","b"]');
    expect(run(replica, r, 'SELECT', '4')).toBe('OK');
    expect(run(replica, r, 'GET', 'n')).toBe('"1"');
    expect(run(replica, r, 'CLIENT', 'LIST')).toMatch(/flags=M /);

    // The link is cut: the next cron a second later reconnects with PSYNC and gets the rest.
    run(master, m, 'CLIENT', 'KILL', 'TYPE', 'replica');
    run(master, m, 'INCR', 'n');
    await until(() => replica.masterLink!.state === 'connect');
    replica.now += 1000;
    replica.masterLink!.cron();
    await until(() => replica.masterLink?.state === 'connected' && replica.masterLink.offset === master.replication!.offset);
    expect(run(replica, r, 'GET', 'n')).toBe('"2"');
    expect(run(master, m, 'INFO', 'stats')).toMatch(/sync_full:1\r\nsync_partial_ok:1\r\n/);

    expect(run(replica, r, 'REPLICAOF', 'NO', 'ONE')).toBe('OK');
    expect(run(replica, r, 'SET', 'x', '1')).toBe('OK');
    expect(run(replica, r, 'ROLE')).toMatch(/^\["master",/);
  });

  it('fails over with PSYNC2: the promoted replica keeps the old history as its second ID, and the old master continues from it', async () => {
    const engines = new Map<number, Engine>();
    const connect = localConnector((_, port) => engines.get(port) ?? null);
    const a = new Engine({ late, connect });
    const b = new Engine({ late, connect });
    engines.set(6379, a).set(6380, b);
    const [ca, cb] = [a.createClient(), b.createClient()];
    const run = (e: Engine, c: Client, ...argv: string[]) => renderReply(e.execute(c, argv));
    const info = (e: Engine, c: Client, field: string) => new RegExp(`${field}:([^\\r]*)`).exec(run(e, c, 'INFO'))![1]!;
    run(a, ca, 'SET', 'k', '1');
    run(b, cb, 'REPLICAOF', '127.0.0.1', '6379');
    await until(() => b.masterLink?.state === 'connected');
    run(a, ca, 'INCR', 'k');
    await until(() => b.masterLink!.offset === a.replication!.offset);
    const oldId = info(a, ca, 'master_replid');
    const offset = a.replication!.offset;
    // A replica keeps its master's stream as its own backlog, at the master's offsets.
    expect(info(b, cb, 'master_replid')).toBe(oldId);
    expect(info(b, cb, 'repl_backlog_active')).toBe('1');

    expect(run(b, cb, 'REPLICAOF', 'NO', 'ONE')).toBe('OK');
    expect(info(b, cb, 'master_replid2')).toBe(oldId);
    expect(info(b, cb, 'second_repl_offset')).toBe(String(offset + 1));
    expect(info(b, cb, 'master_repl_offset')).toBe(String(offset));
    expect(info(b, cb, 'master_replid')).not.toBe(oldId);
    run(b, cb, 'SET', 'after', 'failover');

    // The old master follows the new one and only needs what it missed.
    expect(run(a, ca, 'REPLICAOF', '127.0.0.1', '6380')).toBe('OK');
    await until(() => a.masterLink?.state === 'connected' && a.masterLink.offset === b.replication!.offset);
    expect(info(b, cb, 'sync_partial_ok')).toBe('1');
    expect(info(b, cb, 'sync_full')).toBe('0');
    expect(run(a, ca, 'GET', 'after')).toBe('"failover"');
    expect(run(a, ca, 'GET', 'k')).toBe('"2"');
    expect(info(a, ca, 'master_replid')).toBe(info(b, cb, 'master_replid'));
    expect(info(a, ca, 'master_replid2')).toBe(oldId);
  });

  it('answers REPLICAOF errors as Redis does', () => {
    const e = new Engine({ late });
    const c = e.createClient();
    const run = (...argv: string[]) => renderReply(e.execute(c, argv));
    expect(run('REPLICAOF', 'h', 'x')).toBe('!ERR Invalid master port');
    expect(run('REPLICAOF', 'h', '65536')).toBe('!ERR Invalid master port');
    expect(run('REPLICAOF', 'NO', 'ONE')).toBe('OK');
    // Without a connector (the browser) the link stays down, as with a master out of reach.
    expect(run('SLAVEOF', 'h', '1')).toBe('OK');
    expect(run('REPLICAOF', 'H', '1')).toBe('OK Already connected to specified master');
    expect(run('INFO', 'replication')).toMatch(/^txt:# Replication\r\nrole:slave\r\nmaster_host:h\r\nmaster_port:1\r\nmaster_link_status:down\r\n/);
    expect(run('ROLE')).toBe('["slave","h",:1,"connect",:-1]');
    // replica-serve-stale-data no: with the link down, only commands flagged stale answer.
    expect(run('CONFIG', 'SET', 'replica-serve-stale-data', 'no')).toBe('OK');
    expect(run('GET', 'k')).toBe("!MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.");
    expect(run('PING')).toBe("!MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.");
    expect(run('ROLE')).toBe('["slave","h",:1,"connect",:-1]');
  });
});
