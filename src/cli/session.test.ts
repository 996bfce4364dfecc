import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../engine/clock.js';
import { commandSpecs } from '../engine/commands/index.js';
import { Engine } from '../engine/engine.js';
import { bulk, bulks, error, int, OK, push, simple, verbatim, type Reply } from '../shared/reply.js';
import { CliSession, isSensitiveCommand, type Received, type ReplHost } from './session.js';

const session = (mode: 'tty' | 'raw' = 'tty') => new CliSession({ specs: commandSpecs, mode });

describe('plan: what a typed line asks for', () => {
  const s = session();
  it('does nothing for empty and blank lines', () => {
    expect(s.plan('')).toEqual({ kind: 'nothing' });
    expect(s.plan('  \t ')).toEqual({ kind: 'nothing' });
  });

  it('refuses bad quoting, and keeps the line in the history', () => {
    expect(s.plan('set "a')).toEqual({ kind: 'print', text: 'Invalid argument(s)\n', history: true });
  });

  it('reads a leading number as a repeat count', () => {
    expect(s.plan('3 INCR n')).toEqual({ kind: 'command', argv: ['INCR', 'n'], repeat: 3, history: true });
    expect(s.plan('+2 PING')).toMatchObject({ kind: 'command', argv: ['PING'], repeat: 2 });
    expect(s.plan('" 4" PING')).toMatchObject({ kind: 'command', argv: ['PING'], repeat: 4 });
    const bad = { kind: 'print', text: 'Invalid redis-cli repeat command option value.\n', history: false };
    expect(s.plan('0 PING')).toEqual(bad);
    expect(s.plan('-1 PING')).toEqual(bad);
    expect(s.plan('"" PING')).toEqual(bad);
    expect(s.plan('99999999999999999999 PING')).toEqual(bad);
    // not all digits, or alone: a command name
    expect(s.plan('3x PING')).toMatchObject({ kind: 'command', argv: ['3x', 'PING'], repeat: 1 });
    expect(s.plan('3')).toMatchObject({ kind: 'command', argv: ['3'], repeat: 1 });
  });

  it('handles redis-cli’s own commands', () => {
    expect(s.plan('QUIT')).toEqual({ kind: 'quit', history: true });
    expect(s.plan('exit now')).toEqual({ kind: 'quit', history: true });
    expect(s.plan('clear')).toEqual({ kind: 'clear', history: true });
    expect(s.plan('clear x')).toMatchObject({ kind: 'command', argv: ['clear', 'x'] });
    expect(s.plan('connect 10.0.0.1 7000')).toEqual({ kind: 'connect', host: '10.0.0.1', port: 7000, history: true });
    expect(s.plan('restart')).toEqual({ kind: 'print', text: "Use 'restart' only in Lua debugging mode.\n", history: true });
    expect(s.plan('help get')).toMatchObject({ kind: 'print', history: true });
    expect(s.plan('? get')).toMatchObject({ kind: 'print' });
    expect(s.plan('2 help get')).toMatchObject({ kind: 'print' });
  });

  it('switches hints with :set', () => {
    const t = session();
    expect(t.plan(':set nohints')).toEqual({ kind: 'print', text: '', history: true });
    expect(t.hint('get')).toBeNull();
    expect(t.plan(':SET HINTS')).toEqual({ kind: 'print', text: '', history: true });
    expect(t.hint('get')?.text).toBe(' key');
    expect(t.plan(':set')).toMatchObject({ text: "unknown redis-cli internal command ':set'\n" });
    expect(t.plan(':set x')).toMatchObject({ text: "unknown redis-cli preference 'x'\n" });
  });

  it('keeps lines that may hold a password out of the history', () => {
    expect(s.plan('AUTH secret')).toMatchObject({ kind: 'command', history: false });
    expect(s.plan('2 auth secret')).toMatchObject({ history: false });
    expect(s.plan('CONFIG SET requirepass x')).toMatchObject({ history: false });
    expect(s.plan('CONFIG SET maxmemory 1')).toMatchObject({ history: true });
  });
});

describe('isSensitiveCommand', () => {
  it('follows redis-cli’s rules', () => {
    expect(isSensitiveCommand(['acl', 'SETUSER', 'u'])).toBe(true);
    expect(isSensitiveCommand(['config', 'set', 'masterauth', 'x'])).toBe(true);
    expect(isSensitiveCommand(['HELLO', '3', 'AUTH', 'u', 'p'])).toBe(true);
    expect(isSensitiveCommand(['HELLO', '3', 'SETNAME', 'n', 'AUTH', 'u', 'p'])).toBe(true);
    expect(isSensitiveCommand(['HELLO', '3', 'SETNAME', 'n'])).toBe(false);
    expect(isSensitiveCommand(['HELLO', '3', 'X', 'AUTH', 'u', 'p'])).toBe(false);
    expect(isSensitiveCommand(['MIGRATE', 'h', '1', 'k', '0', '5', 'AUTH', 'p'])).toBe(true);
    expect(isSensitiveCommand(['MIGRATE', 'h', '1', '', '0', '5', 'AUTH2', 'u', 'p'])).toBe(true);
    expect(isSensitiveCommand(['MIGRATE', 'h', '1', '', '0', '5', 'KEYS', 'a', 'AUTH', 'p'])).toBe(false);
    expect(isSensitiveCommand(['GET', 'auth'])).toBe(false);
  });
});

describe('receive: what is printed for replies', () => {
  it('prints the reply and updates the prompt', () => {
    const s = session();
    expect(s.receive(['SELECT', '2'], [OK], 2)).toBe('OK\n');
    expect(s.prompt).toBe('127.0.0.1:6379[2]> ');
  });

  it('prints INFO-like replies unquoted, in both modes', () => {
    for (const mode of ['tty', 'raw'] as const) {
      const s = session(mode);
      expect(s.receive(['info', 'keyspace'], [verbatim('# Keyspace\r\n')], 3)).toBe('# Keyspace\r\n');
      expect(s.receive(['CLIENT', 'LIST', 'x'], [error('ERR syntax error')], 2)).toBe('ERR syntax error\n');
    }
  });

  it('prints pushes before the reply, and keeps pushes after it for the next command', () => {
    const s = session();
    const inv = push([bulk('invalidate'), bulks(['k'])]);
    expect(s.receive(['SET', 'k', 'v'], [OK, inv], 3)).toBe('OK\n');
    expect(s.receive(['PING'], [simple('PONG')], 3)).toBe("-> invalidate: 'k'\nPONG\n");
    expect(s.arrived(inv, 3)).toBe('');
    expect(s.receive(['GET', 'k'], [inv, bulk('v')], 3)).toBe("-> invalidate: 'k'\n-> invalidate: 'k'\n\"v\"\n");
    expect(session('raw').receive(['PING'], [inv, simple('PONG')], 3)).toBe('invalidate\nk\nPONG\n');
  });

  it('announces pub/sub mode and prints every message as it comes', () => {
    const s = session();
    const sub = (ch: string, n: number): Reply => push([bulk('subscribe'), bulk(ch), int(n)]);
    expect(s.beforeSend(['SUBSCRIBE', 'a', 'b'])).toBe('Reading messages... (press Ctrl-C to quit)\n');
    expect(s.receive(['SUBSCRIBE', 'a', 'b'], [sub('a', 1), sub('b', 2)], 3)).toBe(
      '1) "subscribe"\n2) "a"\n3) (integer) 1\n1) "subscribe"\n2) "b"\n3) (integer) 2\n',
    );
    expect(s.pubsubMode).toBe(true);
    expect(s.arrived(push([bulk('message'), bulk('a'), bulk('hi')]), 3)).toBe('1) "message"\n2) "a"\n3) "hi"\n');
    expect(s.interrupted()).toBe(0);
    expect(s.pubsubMode).toBe(false);
    expect(session('raw').beforeSend(['psubscribe', 'x'])).toBe('');
  });

  it('leaves pub/sub mode on an error', () => {
    const s = session();
    s.beforeSend(['SUBSCRIBE']);
    expect(s.receive(['SUBSCRIBE'], [error("ERR wrong number of arguments for 'subscribe' command")], 2)).toBe(
      "(error) ERR wrong number of arguments for 'subscribe' command\n",
    );
    expect(s.pubsubMode).toBe(false);
  });

  it('prints MONITOR lines as they come', () => {
    const s = session();
    expect(s.beforeSend(['MONITOR'])).toBe('');
    expect(s.receive(['MONITOR'], [OK], 2)).toBe('OK\n');
    expect(s.arrived(simple('1700000000.000000 [0 127.0.0.1:5000] "GET" "k"'), 2)).toBe('1700000000.000000 [0 127.0.0.1:5000] "GET" "k"\n');
  });

  it('reports slow commands like redis-cli', () => {
    const s = session();
    expect(s.elapsed(499)).toBe('');
    expect(s.elapsed(500)).toBe('(0.50s)\n');
    expect(s.elapsed(625)).toBe('(0.62s)\n'); // printf rounds the exact tie to even
    expect(s.elapsed(875)).toBe('(0.88s)\n');
    expect(s.elapsed(1005)).toBe('(1.00s)\n');
    expect(s.elapsed(12_345)).toBe('(12.35s)\n');
    expect(session('raw').elapsed(1000)).toBe('');
  });
});

/** A ReplHost over one client of an engine, its screen kept as bytes. */
function engineHost() {
  const engine = new Engine({ clock: new VirtualClock() });
  const c = engine.createClient();
  const host = {
    screen: '',
    send(argv: string[]): Received {
      const out: Reply[] = [];
      c.deliver = (r) => out.push(r);
      const r = engine.execute(c, argv);
      if (r) out.push(r);
      return { replies: out, resp: c.resp };
    },
    print(bytes: string) {
      host.screen += bytes;
    },
  } satisfies ReplHost & { screen: string };
  return host;
}

describe('runLine against the engine', () => {
  it('runs a small session', async () => {
    const host = engineHost();
    const s = session();
    const lines = ['SET k "안녕"', 'GET k', '2 INCR n', 'MULTI', 'RPUSH l a b', 'LRANGE l 0 -1', 'EXEC', 'HELLO 3', 'HGETALL nosuch'];
    for (const line of lines) {
      host.screen += s.prompt + line + '\n';
      await s.runLine(line, host);
    }
    const screen = host.screen;
    expect(screen.split('\n').slice(0, 17)).toEqual([
      '127.0.0.1:6379> SET k "안녕"',
      'OK',
      '127.0.0.1:6379> GET k',
      '"\\xec\\x95\\x88\\xeb\\x85\\x95"',
      '127.0.0.1:6379> 2 INCR n',
      '(integer) 1',
      '(integer) 2',
      '127.0.0.1:6379> MULTI',
      'OK',
      '127.0.0.1:6379(TX)> RPUSH l a b',
      'QUEUED',
      '127.0.0.1:6379(TX)> LRANGE l 0 -1',
      'QUEUED',
      '127.0.0.1:6379(TX)> EXEC',
      '1) (integer) 2',
      '2) 1) "a"',
      '   2) "b"',
    ]);
    expect(screen.endsWith('127.0.0.1:6379> HGETALL nosuch\n(empty hash)\n')).toBe(true);
  });

  it('carries out what is not a command through the host: help, clear, quit, connect', async () => {
    const s = session();
    const host = engineHost();
    const did: string[] = [];
    const full: ReplHost = {
      ...host,
      clear: () => did.push('clear'),
      quit: () => did.push('quit'),
      connect: (h, p) => p === 6379 || (did.push(`refused ${h}:${p}`), false),
    };
    expect(await s.runLine('clear', full)).toEqual({ kind: 'clear', history: true });
    await s.runLine('exit', full);
    await s.runLine('connect 127.0.0.1 6379', full);
    await s.runLine('connect elsewhere 7000', full);
    expect(did).toEqual(['clear', 'quit', 'refused elsewhere:7000']);
    expect(host.screen).toBe('Could not connect to Redis at elsewhere:7000: Connection refused\n');
    host.screen = '';
    await s.runLine('0 PING', full);
    expect(host.screen).toBe('Invalid redis-cli repeat command option value.\n');
  });

  it('tells the host after each command, prints the time a slow one took and what the host adds', async () => {
    const s = session();
    const host = engineHost();
    const ran: string[] = [];
    let t = 0;
    const timed: ReplHost = {
      send: (argv) => {
        t += argv[0] === 'SLOW' ? 1250 : 1;
        return { ...host.send(['PING']), note: argv[0] === 'SLOW' ? '(host note)\n' : undefined };
      },
      print: (text) => host.print(text),
      ran: (argv) => ran.push(argv.join(' ')),
      now: () => t,
    };
    await s.runLine('2 PING', timed);
    await s.runLine('SLOW', timed);
    expect(ran).toEqual(['PING', 'PING', 'SLOW']);
    expect(host.screen).toBe('PONG\nPONG\nPONG\n(host note)\n(1.25s)\n');
  });

  it('lets the host reconnect before each command, before SUBSCRIBE announces pub/sub mode', async () => {
    const s = session();
    const host = engineHost();
    let reconnects = 0;
    const reconnecting: ReplHost = {
      ...host,
      beforeCommand: () => {
        reconnects++;
        s.interrupted(); // what a new connection does to the session
      },
    };
    await s.runLine('SUBSCRIBE news', reconnecting);
    expect(reconnects).toBe(1);
    expect(s.pubsubMode).toBe(true);
    expect(host.screen.startsWith('Reading messages... (press Ctrl-C to quit)\n')).toBe(true);
  });

  it('says when the server closed the connection before answering, and stops a repeat once the host is gone', async () => {
    const s = session();
    const host = engineHost();
    let sent = 0;
    const closing: ReplHost = {
      send: () => (++sent, { replies: [], resp: 2, closed: true }),
      print: (text) => host.print(text),
      halted: () => sent >= 2,
    };
    await s.runLine('5 PING', closing);
    expect(sent).toBe(2);
    expect(host.screen).toBe('Error: Server closed the connection\nError: Server closed the connection\n');
  });

  it('exits on a RESP3 big number, as redis-cli 7.0 does (its formatters know no type 13); RESP2 gets a bulk string', async () => {
    const s = session();
    const host = engineHost();
    let quit = 0;
    const big: ReplHost = {
      send: () => ({
        replies: [
          {
            t: 'array',
            v: [
              { t: 'int', v: 1 },
              { t: 'big', v: '1234567999999999999999999999999999999' },
            ],
          },
        ],
        resp: 3,
      }),
      print: (text) => host.print(text),
      quit: () => void quit++,
    };
    await s.runLine('EVAL "return {1, {big_number=\'1234567999999999999999999999999999999\'}}" 0', big);
    expect([host.screen, quit]).toEqual(['Unknown reply type: 13\n', 1]);
    const resp2: ReplHost = { ...big, send: () => ({ replies: [{ t: 'big', v: '-42' }], resp: 2 }) };
    await s.runLine('EVAL "return {big_number=\'-42\'}" 0', resp2);
    expect([host.screen, quit]).toEqual(['Unknown reply type: 13\n"-42"\n', 1]);
  });
});
