// Differential tests for MIGRATE: the same session (moves, COPY, REPLACE, KEYS, AUTH, AUTH2, the
// target's errors, NOKEY, a refused connection, the cache) runs from a real redis-server to
// another, and then with our server (src/server, the connector of src/server/connect.ts) as the
// source, as the target and as both. Every reply, on either side, must be the same bytes.

import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.js';
import { late } from '../../src/engine/late.js';
import { connectTcp } from '../../src/server/connect.js';
import { startServer } from '../../src/server/server.js';
import { freePort, RespConnection, show, startRealRedis } from './harness.js';
import { send, serve, tempDir } from '../server/processes.js';

type Kind = 'real' | 'ours';

/** A server of either kind, fresh for one test, and a connection to it. */
interface Running {
  port: number;
  conn: RespConnection;
  stop(): Promise<void>;
}

const started: Running[] = [];
afterEach(async () => {
  for (const s of started.splice(0)) {
    s.conn.close();
    await s.stop();
  }
});

async function start(kind: Kind, redisArgs: string[] = []): Promise<Running> {
  let port: number;
  let stop: () => Promise<void>;
  if (kind === 'real') {
    const r = await startRealRedis(redisArgs);
    port = r.port;
    stop = () => r.stop();
  } else {
    const engine = new Engine({ late, connect: connectTcp, config: { save: '' } });
    const s = await startServer({ engine, port: 0, host: '127.0.0.1' });
    port = s.port;
    stop = () => s.close();
  }
  const running = { port, conn: await RespConnection.connect(port), stop };
  started.push(running);
  return running;
}

/** What a session saw: each command with its reply, in order. */
type Transcript = string[];

/**
 * Runs `steps` as `[side, ...argv]`, recording each reply (through `map`), the target's port
 * written as TPORT.
 */
async function record(
  sides: Record<'src' | 'tgt', RespConnection>,
  tport: string,
  steps: [side: 'src' | 'tgt', ...argv: string[]][],
  map: (argv: string[], raw: string) => string,
): Promise<Transcript> {
  const out: Transcript = [];
  for (const [side, ...argv] of steps) {
    const raw = await sides[side].send(argv);
    const shown = argv.length > 16 ? [...argv.slice(0, 3), `… (${argv.length} arguments)`] : argv.map((a) => (a === tport ? 'TPORT' : a));
    out.push(`${side} ${shown.join(' ')} -> ${show(map(argv, raw))}`);
  }
  return out;
}

/** A port nothing listens on. */
let closedPort = 0;

/** The session every pairing runs: `src` migrates to the server at `tport`. */
async function session(src: RespConnection, tgt: RespConnection, tport: number): Promise<Transcript> {
  const t = String(tport);
  const big = Array.from({ length: 30000 }, (_, i) => `item ${i}`);
  // A TTL is compared by how much of it is left, not to the millisecond.
  const roughTtl = (argv: string[], raw: string): string =>
    argv[0] === 'PTTL' ? (/^:(\d+)\r\n$/.test(raw) && Number(raw.slice(1, -2)) > 90_000 ? 'over 90 s' : raw) : raw;
  return record(
    { src, tgt },
    t,
    [
      // The key argument, its TTL, another database.
      ['src', 'SET', 'k', 'v'],
      ['src', 'MIGRATE', '127.0.0.1', t, 'k', '0', '5000'],
      ['src', 'EXISTS', 'k'],
      ['tgt', 'GET', 'k'],
      ['tgt', 'TTL', 'k'],
      ['src', 'MIGRATE', '127.0.0.1', t, 'k', '0', '5000'],
      ['src', 'SET', 't', 'v', 'PX', '100000'],
      ['src', 'MIGRATE', '127.0.0.1', t, 't', '5', '5000'],
      ['tgt', 'SELECT', '5'],
      ['tgt', 'PTTL', 't'],
      ['tgt', 'SELECT', '0'],
      // COPY, a BUSYKEY from the target, REPLACE.
      ['src', 'RPUSH', 'l', 'a', 'b', 'c'],
      ['src', 'MIGRATE', '127.0.0.1', t, 'l', '0', '5000', 'COPY'],
      ['src', 'LRANGE', 'l', '0', '-1'],
      ['tgt', 'LRANGE', 'l', '0', '-1'],
      ['src', 'MIGRATE', '127.0.0.1', t, 'l', '0', '5000'],
      ['src', 'EXISTS', 'l'],
      ['src', 'RPUSH', 'l', 'd'],
      ['src', 'MIGRATE', '127.0.0.1', t, 'l', '0', '5000', 'replace'],
      ['src', 'EXISTS', 'l'],
      ['tgt', 'LRANGE', 'l', '0', '-1'],
      // A value of more than 64 KB, and a hash.
      ['src', 'RPUSH', 'big', ...big],
      ['src', 'HSET', 'h', 'f1', 'v1', 'f2', 'v2'],
      ['src', 'MIGRATE', '127.0.0.1', t, 'big', '0', '10000'],
      ['src', 'MIGRATE', '127.0.0.1', t, 'h', '0', '10000'],
      ['src', 'EXISTS', 'big', 'h'],
      ['tgt', 'LLEN', 'big'],
      ['tgt', 'LINDEX', 'big', '-1'],
      ['tgt', 'HGET', 'h', 'f2'],
      // KEYS: missing keys are left out, a busy one fails alone, the acknowledged ones go.
      ['src', 'MSET', 'a', '1', 'b', '2', 'c', '3'],
      ['tgt', 'SET', 'b', 'busy'],
      ['src', 'MIGRATE', '127.0.0.1', t, '', '0', '5000', 'KEYS', 'a', 'nokey', 'b', 'c'],
      ['src', 'EXISTS', 'a', 'b', 'c'],
      ['tgt', 'MGET', 'a', 'b', 'c'],
      ['src', 'MIGRATE', '127.0.0.1', t, '', '0', '5000', 'KEYS', 'nokey-1', 'nokey-2'],
      ['src', 'MIGRATE', '127.0.0.1', t, '', '0', '5000', 'COPY', 'REPLACE', 'KEYS', 'b'],
      ['tgt', 'GET', 'b'],
      ['src', 'EXISTS', 'b'],
      // AUTH and AUTH2, right and wrong.
      ['tgt', 'CONFIG', 'SET', 'requirepass', 'pw'],
      ['src', 'SET', 'p', '1'],
      ['src', 'MIGRATE', '127.0.0.1', t, 'p', '0', '5000', 'COPY', 'REPLACE', 'AUTH', 'nope'],
      ['src', 'MIGRATE', '127.0.0.1', t, 'p', '0', '5000', 'COPY', 'AUTH', 'pw'],
      ['src', 'MIGRATE', '127.0.0.1', t, 'p', '0', '5000', 'COPY', 'REPLACE', 'AUTH2', 'default', 'nope'],
      ['src', 'MIGRATE', '127.0.0.1', t, 'p', '0', '5000', 'COPY', 'REPLACE', 'AUTH2', 'nobody', 'pw'],
      ['src', 'MIGRATE', '127.0.0.1', t, 'p', '0', '5000', 'AUTH2', 'default', 'pw', 'REPLACE'],
      ['src', 'EXISTS', 'p'],
      ['tgt', 'CONFIG', 'SET', 'requirepass', ''],
      // The options' and arguments' errors, checked before anything is sent.
      ['src', 'SET', 'e', 'v'],
      ['src', 'MIGRATE', '127.0.0.1', t, 'e', '0', '5000', 'BOGUS'],
      ['src', 'MIGRATE', '127.0.0.1', t, 'e', '0', '5000', 'AUTH'],
      ['src', 'MIGRATE', '127.0.0.1', t, 'e', '0', '5000', 'AUTH2', 'u'],
      ['src', 'MIGRATE', '127.0.0.1', t, 'e', '0', '5000', 'KEYS', 'e'],
      ['src', 'MIGRATE', '127.0.0.1', t, 'e', 'x', '5000'],
      ['src', 'MIGRATE', '127.0.0.1', t, 'e', '0', '5e3'],
      ['src', 'MIGRATE', '127.0.0.1', t, 'e'],
      // A database the target has not: its SELECT error.
      ['src', 'MIGRATE', '127.0.0.1', t, 'e', '99', '5000'],
      ['src', 'MIGRATE', '127.0.0.1', t, 'e', '0', '5000', 'COPY'],
      ['tgt', 'GET', 'e'],
      // Nothing listening, no address, a port that atoi reads as 0.
      ['src', 'MIGRATE', '127.0.0.1', String(closedPort), 'e', '0', '1000'],
      ['src', 'MIGRATE', '', t, 'e', '0', '1000'],
      ['src', 'MIGRATE', '127.0.0.1', 'abc', 'e', '0', '1000'],
      ['src', 'EXISTS', 'e'],
      ['src', 'INFO', 'stats'],
    ],
    (argv, raw) => {
      if (argv[0] === 'INFO') return /migrate_cached_sockets:\d+/.exec(raw)?.[0] ?? raw;
      return roughTtl(argv, raw);
    },
  );
}

/** The session from a `from` server to a `to` server, both fresh. */
async function pairing(from: Kind, to: Kind): Promise<Transcript> {
  const src = await start(from);
  const tgt = await start(to);
  return session(src.conn, tgt.conn, tgt.port);
}

describe('MIGRATE', () => {
  it('real to real gives the reference transcript; ours to real, real to ours and ours to ours give the same', async () => {
    closedPort = await freePort();
    const reference = await pairing('real', 'real');
    expect(reference.some((l) => l.includes('BUSYKEY'))).toBe(true);
    expect(await pairing('ours', 'real'), 'ours -> real').toEqual(reference);
    expect(await pairing('real', 'ours'), 'real -> ours').toEqual(reference);
    expect(await pairing('ours', 'ours'), 'ours -> ours').toEqual(reference);
  }, 60_000);

  it('a target that does not answer within the timeout is the reading error', async () => {
    // The target sleeps (DEBUG SLEEP, real Redis only); the source is either.
    const replies: Record<Kind, string[]> = { real: [], ours: [] };
    for (const from of ['real', 'ours'] as const) {
      const src = await start(from);
      const tgt = await start('real', ['--enable-debug-command', 'yes']);
      await src.conn.send(['SET', 'k', 'v']);
      const sleeper = await RespConnection.connect(tgt.port);
      const slept = sleeper.send(['DEBUG', 'SLEEP', '1']);
      replies[from].push(await src.conn.send(['MIGRATE', '127.0.0.1', String(tgt.port), 'k', '0', '300']));
      await slept;
      sleeper.close();
      replies[from].push(await src.conn.send(['EXISTS', 'k']));
      // The target did restore it after its sleep; the timed-out connection was dropped, the
      // next MIGRATE opens another.
      replies[from].push(await src.conn.send(['MIGRATE', '127.0.0.1', String(tgt.port), 'k', '0', '5000', 'REPLACE']));
      replies[from].push(await tgt.conn.send(['GET', 'k']));
    }
    expect(replies.real.map(show)).toEqual(['-IOERR error or timeout reading to target instance\\r\\n', ':1\\r\\n', '+OK\\r\\n', '$1\\r\\nv\\r\\n']);
    expect(replies.ours.map(show)).toEqual(replies.real.map(show));
  });

  it("a client's pipelined commands wait for its MIGRATE's reply; other clients do not", async () => {
    const src = await start('ours');
    const tgt = await start('real', ['--enable-debug-command', 'yes']);
    await src.conn.send(['SET', 'k', 'v']);
    const sleeper = await RespConnection.connect(tgt.port);
    const slept = sleeper.send(['DEBUG', 'SLEEP', '0.3']);
    const migrated = src.conn.send(['MIGRATE', '127.0.0.1', String(tgt.port), 'k', '0', '5000']);
    const after = src.conn.send(['EXISTS', 'k']);
    // Another client runs meanwhile (Redis would hold it too: see commands/migrate.ts).
    const other = await RespConnection.connect(src.port);
    expect(await other.send(['PING'])).toBe('+PONG\r\n');
    other.close();
    expect(await migrated).toBe('+OK\r\n');
    expect(await after).toBe(':0\r\n');
    await slept;
    sleeper.close();
  });

  it('the served program (npm run serve) has the connector: it migrates to real Redis and back', async () => {
    const dir = tempDir();
    const ours = await serve('ours', dir, ['--save', '']);
    const real = await start('real');
    expect(await send(ours.port, ['SET', 'k', 'v'])).toBe('+OK\r\n');
    expect(await send(ours.port, ['MIGRATE', '127.0.0.1', String(real.port), 'k', '0', '5000'])).toBe('+OK\r\n');
    expect(await real.conn.send(['GET', 'k'])).toBe('$1\r\nv\r\n');
    expect(await real.conn.send(['MIGRATE', '127.0.0.1', String(ours.port), 'k', '2', '5000'])).toBe('+OK\r\n');
    expect(await send(ours.port, ['EVAL', "redis.call('SELECT', 2) return redis.call('GET', KEYS[1])", '1', 'k'])).toBe('$1\r\nv\r\n');
  }, 60_000);
});
