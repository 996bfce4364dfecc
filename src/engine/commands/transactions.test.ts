import { beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../client.js';
import { Engine } from '../engine.js';
import { transactionCommands } from './transactions.js';
import { renderReply } from '../render-reply.js';
import { CommandBench } from './test-support.js';

const t = new CommandBench(2);
const r = t.rAs;
let a: Client;
let b: Client;

beforeEach(() => ({ c: a, c2: b } = t.reset()));

/** `k` with a TTL of `ttl` ms (set by `writer`) and watched by `a`, then `later` ms pass. */
function watchWithTtl(writer: Client, ttl: number, later: number, watchFirst: boolean): void {
  r(writer, 'SET', 'k', 'v', 'PX', String(ttl));
  if (watchFirst) r(a, 'WATCH', 'k');
  t.clock.advance(later);
  if (!watchFirst) r(a, 'WATCH', 'k');
}

/** MULTI, PING, EXEC: EXEC answers nil[] when a watched key changed, [PONG] when none did. */
const pingTx = (c: Client): string => {
  r(c, 'MULTI');
  r(c, 'PING');
  return r(c, 'EXEC');
};

describe('MULTI / EXEC / DISCARD', () => {
  it('queues commands and runs them at EXEC, errors reported per command', () => {
    expect(r(a, 'MULTI')).toBe('OK');
    expect(r(a, 'SET', 'k', 'v')).toBe('QUEUED');
    expect(r(a, 'INCR', 'k')).toBe('QUEUED');
    expect(r(a, 'GET', 'k')).toBe('QUEUED');
    expect(r(b, 'GET', 'k')).toBe('nil');
    expect(r(a, 'EXEC')).toBe('[OK,!ERR value is not an integer or out of range,"v"]');
    expect(a.multi).toBeNull();
    expect(r(a, 'EXEC')).toBe('!ERR EXEC without MULTI');
    expect(r(a, 'MULTI')).toBe('OK');
    expect(r(a, 'EXEC')).toBe('[]');
  });

  it('aborts with EXECABORT after a rejected command, and stops queuing', () => {
    r(a, 'MULTI');
    expect(r(a, 'SET', 'k', 'v')).toBe('QUEUED');
    expect(r(a, 'NOSUCH', 'x')).toBe("!ERR unknown command 'NOSUCH', with args beginning with: 'x' ");
    expect(r(a, 'GET')).toBe("!ERR wrong number of arguments for 'get' command");
    expect(r(a, 'SET', 'k2', 'v')).toBe('QUEUED');
    expect(a.multi!.length).toBe(1);
    expect(r(a, 'EXEC')).toBe('!EXECABORT Transaction discarded because of previous errors.');
    expect(r(a, 'EXISTS', 'k', 'k2')).toBe(':0');
    expect(a.multi).toBeNull();
    expect(a.multiError).toBe(false);
  });

  it('a rejected EXEC ends the transaction at once, with or without MULTI', () => {
    r(a, 'MULTI');
    r(a, 'SET', 'k', 'v');
    expect(r(a, 'EXEC', 'x')).toBe("!EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command");
    expect(a.multi).toBeNull();
    expect(r(a, 'EXEC')).toBe('!ERR EXEC without MULTI');
    expect(r(a, 'EXEC', 'y')).toBe("!EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command");
  });

  it('refuses nested MULTI and WATCH inside MULTI without flagging the transaction', () => {
    r(a, 'MULTI');
    expect(r(a, 'MULTI')).toBe('!ERR MULTI calls can not be nested');
    expect(r(a, 'WATCH', 'k')).toBe('!ERR WATCH inside MULTI is not allowed');
    r(a, 'SET', 'k', 'v');
    expect(r(a, 'EXEC')).toBe('[OK]');
  });

  it('DISCARD drops the queue and the watches', () => {
    expect(r(a, 'DISCARD')).toBe('!ERR DISCARD without MULTI');
    r(a, 'WATCH', 'k');
    r(a, 'MULTI');
    r(a, 'SET', 'k', 'v');
    expect(r(a, 'DISCARD')).toBe('OK');
    expect(a.watched.size).toBe(0);
    expect(r(a, 'GET', 'k')).toBe('nil');
    expect(r(a, 'DISCARD', 'x')).toBe("!ERR wrong number of arguments for 'discard' command");
  });

  it('runs queued commands in the database selected at the time they run', () => {
    r(a, 'MULTI');
    r(a, 'SELECT', '3');
    r(a, 'SET', 'k', 'in3');
    expect(r(a, 'EXEC')).toBe('[OK,OK]');
    expect(a.db.id).toBe(3);
    expect(t.e.dbs[3]!.dict.has('k')).toBe(true);
    expect(t.e.dbs[0]!.dict.has('k')).toBe(false);
  });

  it('sets engine.inExec only while the queue runs', () => {
    let seen = false;
    const probe = transactionCommands.find((s) => s.name === 'exec')!;
    expect(probe.flags).toContain('skip_slowlog');
    r(a, 'MULTI');
    r(a, 'PING');
    const orig = t.e.commands.get('ping')!.handler!;
    t.e.commands.get('ping')!.handler = (c, argv) => {
      seen = t.e.inExec;
      return orig(c, argv);
    };
    try {
      expect(r(a, 'EXEC')).toBe('[PONG]');
    } finally {
      t.e.commands.get('ping')!.handler = orig;
    }
    expect(seen).toBe(true);
    expect(t.e.inExec).toBe(false);
  });

  it('QUIT and RESET are not queued', () => {
    r(a, 'MULTI');
    r(a, 'SET', 'k', 'v');
    expect(r(a, 'RESET')).toBe('RESET');
    expect(a.multi).toBeNull();
    r(a, 'MULTI');
    expect(r(a, 'QUIT')).toBe('OK');
    expect(a.closeAfterReply).toBe(true);
  });

  it('NOAUTH on EXEC aborts; a rejected no_multi command flags', () => {
    const e2 = new Engine({ clock: t.clock, config: { requirepass: 'pw' } });
    const c = e2.createClient();
    expect(renderReply(e2.execute(c, ['MULTI']))).toBe('!NOAUTH Authentication required.');
    expect(renderReply(e2.execute(c, ['EXEC']))).toBe('!EXECABORT Transaction discarded because of: NOAUTH Authentication required.');
  });
});

describe('WATCH', () => {
  it('a write from another client breaks the transaction (null array)', () => {
    r(a, 'SET', 'k', '1');
    expect(r(a, 'WATCH', 'k')).toBe('OK');
    r(b, 'SET', 'k', '2');
    r(a, 'MULTI');
    r(a, 'SET', 'k', '3');
    expect(r(a, 'EXEC')).toBe('nil[]');
    expect(r(a, 'GET', 'k')).toBe('"2"');
    expect(a.watched.size).toBe(0);
    expect(a.dirtyCas).toBe(false);
  });

  it('unchanged keys let EXEC run, and EXEC forgets the watches', () => {
    r(a, 'WATCH', 'k', 'other');
    r(b, 'SET', 'unrelated', '1');
    r(a, 'MULTI');
    r(a, 'SET', 'k', 'mine');
    expect(r(a, 'EXEC')).toBe('[OK]');
    expect(a.watched.size).toBe(0);
    // Watches end with EXEC: a later write does not affect the next transaction.
    r(b, 'SET', 'k', 'theirs');
    r(a, 'MULTI');
    r(a, 'GET', 'k');
    expect(r(a, 'EXEC')).toBe('["theirs"]');
  });

  it('the transaction’s own writes do not break it; own writes before EXEC do', () => {
    r(a, 'WATCH', 'k');
    r(a, 'SET', 'k', 'before');
    r(a, 'MULTI');
    r(a, 'GET', 'k');
    expect(r(a, 'EXEC')).toBe('nil[]');
  });

  it('writes that change nothing do not break it; SET of the same value does', () => {
    r(a, 'WATCH', 'missing');
    r(b, 'DEL', 'missing');
    expect(pingTx(a)).toBe('[PONG]');

    r(b, 'SET', 'k', 'v');
    r(a, 'WATCH', 'k');
    r(b, 'SET', 'k', 'v');
    expect(pingTx(a)).toBe('nil[]');
  });

  it('watches per database: a write to the same name elsewhere is not a change', () => {
    r(a, 'WATCH', 'k');
    r(b, 'SELECT', '1');
    r(b, 'SET', 'k', 'v');
    expect(pingTx(a)).toBe('[PONG]');
  });

  it('UNWATCH forgets watches and a pending failure', () => {
    r(a, 'WATCH', 'k');
    r(b, 'SET', 'k', 'v');
    expect(a.dirtyCas).toBe(true);
    expect(r(a, 'UNWATCH')).toBe('OK');
    expect(a.dirtyCas).toBe(false);
    expect(pingTx(a)).toBe('[PONG]');
  });

  it('WATCH after the transaction is already doomed adds nothing', () => {
    r(a, 'WATCH', 'k');
    r(b, 'SET', 'k', 'v');
    expect(a.watched.size).toBe(0); // Redis unwatches a dirty client at once
    expect(r(a, 'WATCH', 'x', 'y')).toBe('OK');
    expect(a.watched.size).toBe(0);
    r(a, 'MULTI');
    expect(r(a, 'EXEC')).toBe('nil[]');
  });

  it('a queued command after a broken WATCH is not kept', () => {
    r(a, 'WATCH', 'k');
    r(a, 'MULTI');
    r(a, 'SET', 'x', '1');
    r(b, 'SET', 'k', 'v');
    expect(r(a, 'SET', 'y', '1')).toBe('QUEUED');
    expect(a.multi!.length).toBe(1);
    expect(r(a, 'EXEC')).toBe('nil[]');
  });

  it('EXECABORT wins over a broken WATCH', () => {
    r(a, 'WATCH', 'k');
    r(a, 'MULTI');
    r(b, 'SET', 'k', 'v');
    r(a, 'NOSUCH');
    expect(r(a, 'EXEC')).toBe('!EXECABORT Transaction discarded because of previous errors.');
  });

  it('a key that expires between WATCH and EXEC breaks it, deleted or not', () => {
    watchWithTtl(a, 100, 101, true);
    expect(pingTx(a)).toBe('nil[]');

    watchWithTtl(a, 100, 101, true);
    expect(r(b, 'GET', 'k')).toBe('nil'); // lazy expiry deletes it
    expect(pingTx(a)).toBe('nil[]');

    watchWithTtl(a, 100, 101, true);
    t.e.activeExpireCycle();
    expect(pingTx(a)).toBe('nil[]');
  });

  it('a key at its very last millisecond has not expired yet', () => {
    watchWithTtl(a, 100, 100, true);
    expect(pingTx(a)).toBe('[PONG]');
  });

  it('a key already expired when watched: its deletion is no change, a new value is', () => {
    r(a, 'SET', 'k', 'v', 'PX', '10');
    t.clock.advance(20);
    // Still stored (nobody looked at it), but logically gone.
    expect(a.db.dict.has('k')).toBe(true);
    r(a, 'WATCH', 'k');
    expect([...a.watched.values()][0]!.expired).toBe(true);
    expect(pingTx(a)).toBe('[PONG]');

    watchWithTtl(a, 10, 20, false);
    expect(r(b, 'GET', 'k')).toBe('nil');
    expect(a.dirtyCas).toBe(false);
    expect(pingTx(a)).toBe('[PONG]');

    watchWithTtl(a, 10, 20, false);
    r(b, 'SET', 'k', 'new');
    expect(pingTx(a)).toBe('nil[]');
  });

  it('FLUSHDB and FLUSHALL break watches on keys that existed, not on missing ones', () => {
    r(a, 'SET', 'k', 'v');
    r(a, 'WATCH', 'k');
    r(b, 'FLUSHDB');
    r(a, 'MULTI');
    expect(r(a, 'EXEC')).toBe('nil[]');

    r(a, 'WATCH', 'missing');
    r(b, 'SET', 'other', 'v');
    r(b, 'FLUSHALL');
    r(a, 'MULTI');
    expect(r(a, 'EXEC')).toBe('[]');

    r(a, 'SET', 'k', 'v');
    r(a, 'WATCH', 'k');
    r(b, 'SELECT', '2');
    r(b, 'FLUSHDB');
    r(a, 'MULTI');
    expect(r(a, 'EXEC')).toBe('[]');
    r(b, 'FLUSHALL');
    r(a, 'WATCH', 'k');
    r(a, 'SET', 'k', 'v'); // own write: breaks too
    r(a, 'MULTI');
    expect(r(a, 'EXEC')).toBe('nil[]');
  });

  it('FLUSHDB of a key already expired when watched is no change', () => {
    watchWithTtl(a, 10, 20, false);
    r(b, 'FLUSHDB');
    r(a, 'MULTI');
    expect(r(a, 'EXEC')).toBe('[]');
  });

  it('SWAPDB breaks watches on keys present on either side', () => {
    r(b, 'SELECT', '1');
    r(b, 'SET', 'k', 'in1');
    r(a, 'WATCH', 'k'); // missing in db 0, present in db 1
    r(b, 'SWAPDB', '0', '1');
    r(a, 'MULTI');
    r(a, 'GET', 'k');
    expect(r(a, 'EXEC')).toBe('nil[]');

    r(a, 'FLUSHALL');
    r(a, 'WATCH', 'nowhere');
    r(b, 'SET', 'x', '1');
    r(b, 'SWAPDB', '0', '1');
    expect(pingTx(a)).toBe('[PONG]');
  });

  it('SWAPDB bringing in a key that is already expired is no change', () => {
    r(b, 'SELECT', '1');
    watchWithTtl(b, 10, 20, false);
    r(b, 'SWAPDB', '0', '1');
    expect(pingTx(a)).toBe('[PONG]');
  });

  it('a closed client leaves no watch behind', () => {
    r(a, 'WATCH', 'k', 'j');
    t.e.closeClient(a);
    r(b, 'SET', 'k', 'v');
    expect(a.watched.size).toBe(0);
  });

  it('several clients watching one key all fail', () => {
    const c3 = t.e.createClient();
    r(a, 'WATCH', 'k');
    r(c3, 'WATCH', 'k');
    r(b, 'SET', 'k', 'v');
    for (const c of [a, c3]) {
      r(c, 'MULTI');
      expect(r(c, 'EXEC')).toBe('nil[]');
    }
  });

  it('RESP3 EXEC failure is a null', () => {
    r(a, 'HELLO', '3');
    r(a, 'WATCH', 'k');
    r(b, 'SET', 'k', 'v');
    r(a, 'MULTI');
    const reply = t.e.execute(a, ['EXEC']);
    expect(reply).toEqual({ t: 'array', v: null });
  });
});
