import { beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../client.js';
import { Engine } from '../engine.js';
import { encodeReply } from '../../protocol/encode.js';
import { renderReply } from '../render-reply.js';
import { CommandBench } from './test-support.js';

const t = new CommandBench(2);
const r = t.rAs;
let a: Client;
let b: Client;

/** The fields of a CLIENT LIST / CLIENT INFO line. */
function fields(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of line.split(' ')) {
    const eq = part.indexOf('=');
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

function info(c: Client): Record<string, string> {
  const reply = t.e.execute(c, ['CLIENT', 'INFO']);
  if (reply === null || reply.t !== 'verbatim') throw new Error('no verbatim reply');
  expect(reply.v.endsWith('\n')).toBe(true);
  return fields(reply.v.slice(0, -1));
}

function list(c: Client, ...args: string[]): Record<string, string>[] {
  const reply = t.e.execute(c, ['CLIENT', 'LIST', ...args]);
  if (reply === null || reply.t !== 'verbatim') throw new Error(renderReply(reply));
  return reply.v
    .split('\n')
    .filter((l) => l !== '')
    .map(fields);
}

beforeEach(() => ({ c: a, c2: b } = t.reset()));

describe('PING, ECHO, QUIT, SELECT', () => {
  it('PING and ECHO', () => {
    expect(r(a, 'PING')).toBe('PONG');
    expect(r(a, 'PING', 'hi')).toBe('"hi"');
    expect(r(a, 'PING', '')).toBe('""');
    expect(r(a, 'PING', 'a', 'b')).toBe("!ERR wrong number of arguments for 'ping' command");
    expect(r(a, 'ECHO', '\xff\x00')).toBe(JSON.stringify('\xff\x00'));
    expect(r(a, 'ECHO')).toBe("!ERR wrong number of arguments for 'echo' command");
  });

  it('QUIT answers OK and asks the transport to close', () => {
    expect(r(a, 'QUIT', 'extra', 'args')).toBe('OK');
    expect(a.closeAfterReply).toBe(true);
  });

  it('SELECT validates the index', () => {
    expect(r(a, 'SELECT', '15')).toBe('OK');
    expect(a.db).toBe(t.e.dbs[15]);
    expect(r(a, 'SELECT', '16')).toBe('!ERR DB index is out of range');
    expect(r(a, 'SELECT', '-1')).toBe('!ERR DB index is out of range');
    expect(r(a, 'SELECT', 'x')).toBe('!ERR value is not an integer or out of range');
    expect(r(a, 'SELECT', '01')).toBe('!ERR value is not an integer or out of range');
    expect(r(a, 'SELECT', '2147483648')).toBe('!ERR value is out of range, value must between -2147483648 and 2147483647');
    expect(r(a, 'SELECT', '-2147483649')).toBe('!ERR value is out of range, value must between -2147483648 and 2147483647');
    expect(r(a, 'SELECT', '-2147483648')).toBe('!ERR DB index is out of range');
    expect(a.db).toBe(t.e.dbs[15]);
  });
});

describe('HELLO', () => {
  const map = (proto: number, id: number) =>
    `{"server":"redis","version":"7.0.15","proto":${':' + proto},"id":${':' + id},"mode":"standalone","role":"master","modules":[]}`;

  it('reports the connection and switches protocol', () => {
    expect(r(a, 'HELLO')).toBe(map(2, a.id));
    expect(r(a, 'HELLO', '3')).toBe(map(3, a.id));
    expect(a.resp).toBe(3);
    expect(r(a, 'HELLO')).toBe(map(3, a.id));
    const raw = encodeReply(t.e.execute(a, ['HELLO'])!, a.resp);
    expect(raw.startsWith('%7\r\n$6\r\nserver\r\n')).toBe(true);
    expect(r(a, 'HELLO', '2')).toBe(map(2, a.id));
    expect(a.resp).toBe(2);
  });

  it('rejects bad versions and options', () => {
    expect(r(a, 'HELLO', '4')).toBe('!NOPROTO unsupported protocol version');
    expect(r(a, 'HELLO', '1')).toBe('!NOPROTO unsupported protocol version');
    expect(r(a, 'HELLO', 'x')).toBe('!ERR Protocol version is not an integer or out of range');
    expect(r(a, 'HELLO', '3', 'AUTH', 'default')).toBe("!ERR Syntax error in HELLO option 'AUTH'");
    expect(r(a, 'HELLO', '3', 'foo\0bar')).toBe("!ERR Syntax error in HELLO option 'foo'");
    expect(r(a, 'HELLO', '3', 'SETNAME', 'a b')).toBe('!ERR Client names cannot contain spaces, newlines or special characters.');
    expect(a.resp).toBe(2);
  });

  it('SETNAME and AUTH options', () => {
    expect(r(a, 'HELLO', '2', 'SETNAME', 'me', 'AUTH', 'default', 'anything')).toBe(map(2, a.id));
    expect(a.name).toBe('me');
    expect(r(a, 'HELLO', '2', 'AUTH', 'bob', 'x')).toBe('!WRONGPASS invalid username-password pair or user is disabled.');
  });

  it('with a password: NOAUTH until authenticated, AUTH option logs in', () => {
    t.e.config.set('requirepass', 'secret');
    const c = t.e.createClient();
    expect(r(c, 'HELLO', '3')).toBe(
      '!NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time',
    );
    expect(c.resp).toBe(2);
    // Options run in order: the name sticks even though AUTH fails after it.
    expect(r(c, 'HELLO', '3', 'SETNAME', 'n', 'AUTH', 'default', 'bad')).toBe('!WRONGPASS invalid username-password pair or user is disabled.');
    expect(c.name).toBe('n');
    expect(r(c, 'HELLO', '3', 'AUTH', 'default', 'secret')).toBe(map(3, c.id));
    expect(c.authenticated).toBe(true);
  });
});

describe('AUTH', () => {
  it('without a configured password', () => {
    expect(r(a, 'AUTH', 'x')).toBe(
      '!ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
    );
    expect(r(a, 'AUTH', 'default', 'whatever')).toBe('OK');
    expect(r(a, 'AUTH', 'bob', 'x')).toBe('!WRONGPASS invalid username-password pair or user is disabled.');
    expect(r(a, 'AUTH', 'a', 'b', 'c')).toBe('!ERR syntax error');
  });

  it('with requirepass', () => {
    const e2 = new Engine({ clock: t.clock, config: { requirepass: 'pw' } });
    const c = e2.createClient();
    const rr = (...argv: string[]) => renderReply(e2.execute(c, argv));
    expect(rr('GET', 'k')).toBe('!NOAUTH Authentication required.');
    expect(rr('PING')).toBe('!NOAUTH Authentication required.');
    expect(rr('GET')).toBe("!ERR wrong number of arguments for 'get' command");
    expect(rr('NOSUCH')).toBe("!ERR unknown command 'NOSUCH', with args beginning with: ");
    expect(rr('AUTH', 'nope')).toBe('!WRONGPASS invalid username-password pair or user is disabled.');
    expect(rr('AUTH', 'default', 'nope')).toBe('!WRONGPASS invalid username-password pair or user is disabled.');
    expect(rr('AUTH', 'bob', 'pw')).toBe('!WRONGPASS invalid username-password pair or user is disabled.');
    expect(rr('AUTH', 'PW')).toBe('!WRONGPASS invalid username-password pair or user is disabled.');
    expect(rr('AUTH', 'pw')).toBe('OK');
    expect(rr('PING')).toBe('PONG');
    // A wrong password later does not log the connection out.
    expect(rr('AUTH', 'bad')).toBe('!WRONGPASS invalid username-password pair or user is disabled.');
    expect(rr('PING')).toBe('PONG');
    expect(rr('RESET')).toBe('RESET');
    expect(rr('PING')).toBe('!NOAUTH Authentication required.');
    expect(rr('AUTH', 'default', 'pw')).toBe('OK');
  });

  it('clearing requirepass frees connections that never authenticated', () => {
    t.e.config.set('requirepass', 'pw');
    const c = t.e.createClient();
    expect(r(c, 'PING')).toBe('!NOAUTH Authentication required.');
    expect(r(a, 'PING')).toBe('PONG'); // connected before the password was set
    t.e.config.set('requirepass', '');
    expect(r(c, 'PING')).toBe('PONG');
  });
});

describe('RESET', () => {
  it('restores db 0, RESP2, no name, no transaction, no watch, no tracking', () => {
    r(a, 'SELECT', '4');
    r(a, 'HELLO', '3');
    r(a, 'CLIENT', 'SETNAME', 'x');
    r(a, 'CLIENT', 'TRACKING', 'on');
    r(a, 'CLIENT', 'NO-EVICT', 'on');
    r(a, 'WATCH', 'k');
    r(a, 'MULTI');
    r(a, 'SET', 'k', 'v');
    expect(r(a, 'RESET')).toBe('RESET');
    expect(a.db.id).toBe(0);
    expect(a.resp).toBe(2);
    expect(a.name).toBe('');
    expect(a.multi).toBeNull();
    expect(a.watched.size).toBe(0);
    expect(a.tracking).toBeNull();
    expect(a.noEvict).toBe(true);
    expect(r(a, 'GET', 'k')).toBe('nil');
    expect(r(a, 'RESET', 'x')).toBe("!ERR wrong number of arguments for 'reset' command");
  });
});

describe('CLIENT', () => {
  it('ID, SETNAME, GETNAME', () => {
    expect(r(a, 'CLIENT', 'ID')).toBe(':' + a.id);
    expect(r(b, 'client', 'id')).toBe(':' + b.id);
    expect(r(a, 'CLIENT', 'GETNAME')).toBe('nil');
    expect(r(a, 'CLIENT', 'SETNAME', 'worker-1')).toBe('OK');
    expect(r(a, 'CLIENT', 'GETNAME')).toBe('"worker-1"');
    for (const bad of ['a b', 'tab\there', 'nl\n', '\x7f', '\xec\x95\x88', 'nul\0']) {
      expect(r(a, 'CLIENT', 'SETNAME', bad)).toBe('!ERR Client names cannot contain spaces, newlines or special characters.');
    }
    expect(r(a, 'CLIENT', 'GETNAME')).toBe('"worker-1"');
    expect(r(a, 'CLIENT', 'SETNAME', '')).toBe('OK');
    expect(r(a, 'CLIENT', 'GETNAME')).toBe('nil');
    expect(r(a, 'CLIENT', 'ID', 'x')).toBe("!ERR wrong number of arguments for 'client|id' command");
    expect(r(a, 'CLIENT', 'NOSUCH')).toBe("!ERR unknown subcommand 'NOSUCH'. Try CLIENT HELP.");
    expect(r(a, 'CLIENT', 'NO-TOUCH', 'on')).toBe("!ERR unknown subcommand 'NO-TOUCH'. Try CLIENT HELP.");
  });

  it('INFO and LIST: fields in Redis order with this connection’s state', () => {
    t.clock.advance(5_000);
    r(a, 'CLIENT', 'SETNAME', 'alice');
    r(a, 'SELECT', '2');
    t.clock.advance(3_000);
    const all = list(b);
    expect(all.map((x) => x['id'])).toEqual([String(a.id), String(b.id)]);
    expect(all[0]).toMatchObject({ name: 'alice', age: '8', idle: '3', qbuf: '0', 'qbuf-free': '0', cmd: 'select' });
    expect(all[1]).toMatchObject({ cmd: 'client|list', qbuf: '26', age: '8', idle: '0' });
    const f = info(a);
    expect(Object.keys(f)).toEqual([
      'id',
      'addr',
      'laddr',
      'fd',
      'name',
      'age',
      'idle',
      'flags',
      'db',
      'sub',
      'psub',
      'ssub',
      'multi',
      'qbuf',
      'qbuf-free',
      'argv-mem',
      'multi-mem',
      'rbs',
      'rbp',
      'obl',
      'oll',
      'omem',
      'tot-mem',
      'events',
      'cmd',
      'user',
      'redir',
      'resp',
    ]);
    expect(f).toMatchObject({
      id: String(a.id),
      name: 'alice',
      age: '8',
      idle: '0',
      flags: 'N',
      db: '2',
      multi: '-1',
      qbuf: '26',
      'argv-mem': '10',
      cmd: 'client|info',
      user: 'default',
      redir: '-1',
      resp: '2',
    });
    expect(list(b, 'ID', String(b.id), '999', String(a.id)).map((x) => x['id'])).toEqual([String(b.id), String(a.id)]);
    expect(list(b, 'TYPE', 'normal').length).toBe(2);
    expect(list(b, 'TYPE', 'PubSub').length).toBe(0);
    expect(list(b, 'TYPE', 'master').length).toBe(0);
    expect(list(b, 'TYPE', 'replica').length).toBe(0);
    expect(r(b, 'CLIENT', 'LIST', 'TYPE', 'x')).toBe("!ERR Unknown client type 'x'");
    expect(r(b, 'CLIENT', 'LIST', 'TYPE')).toBe('!ERR syntax error');
    expect(r(b, 'CLIENT', 'LIST', 'ID')).toBe('!ERR syntax error');
    expect(r(b, 'CLIENT', 'LIST', 'ID', '1', 'x')).toBe('!ERR Invalid client ID');
    expect(r(b, 'CLIENT', 'LIST', 'foo', 'bar')).toBe('!ERR syntax error');
  });

  it('LIST flags and multi fields follow the transaction and watches', () => {
    r(a, 'WATCH', 'k');
    r(a, 'MULTI');
    r(a, 'GET', 'x');
    r(a, 'SET', 'aaaaaaaaaa', 'bbbbbbbbbbbbbbbbbbbbbb');
    let f = list(b)[0]!;
    expect(f).toMatchObject({ flags: 'x', multi: '2', 'multi-mem': String(4 + 16 + 35 + 24), cmd: 'set' });
    r(b, 'SET', 'k', 'v');
    f = list(b)[0]!;
    expect(f['flags']).toBe('xd');
    r(a, 'NOSUCH');
    expect(list(b)[0]).toMatchObject({ multi: '2', cmd: 'NULL' });
    r(a, 'PING');
    f = list(b)[0]!;
    expect(f).toMatchObject({ multi: '2', cmd: 'ping' });
    r(a, 'EXEC');
    f = list(b)[0]!;
    expect(f).toMatchObject({ flags: 'N', multi: '-1', cmd: 'exec' });
    r(a, 'CLIENT', 'NO-EVICT', 'on');
    expect(info(a)['flags']).toBe('e');
    r(a, 'CLIENT', 'NO-EVICT', 'OFF');
    expect(info(a)['flags']).toBe('N');
    expect(r(a, 'CLIENT', 'NO-EVICT', 'maybe')).toBe('!ERR syntax error');
  });

  it('CLIENT INFO inside EXEC sees the transaction and the EXEC request', () => {
    r(a, 'MULTI');
    r(a, 'CLIENT', 'INFO');
    const reply = t.e.execute(a, ['EXEC']);
    if (reply === null || reply.t !== 'array' || reply.v === null) throw new Error('no array');
    const line = reply.v[0]!;
    if (line.t !== 'verbatim') throw new Error('no verbatim');
    expect(fields(line.v.trim())).toMatchObject({ flags: 'x', multi: '1', qbuf: '14', 'argv-mem': '4', cmd: 'exec' });
  });

  it('KILL by id, address, user, type, and the old form', () => {
    const killed: number[] = [];
    const c3 = t.e.createClient({ addr: '10.0.0.3:5000', laddr: '10.0.0.1:6379' });
    for (const cl of [a, b, c3]) cl.onKill = () => killed.push(cl.id);
    expect(r(a, 'CLIENT', 'KILL', 'ID', String(b.id))).toBe(':1');
    expect(killed).toEqual([b.id]);
    expect(t.e.clients.has(b.id)).toBe(false);
    expect(r(a, 'CLIENT', 'KILL', 'ID', String(b.id))).toBe(':0');
    expect(r(a, 'CLIENT', 'KILL', 'ID', String(a.id))).toBe(':0'); // SKIPME yes by default
    expect(r(a, 'CLIENT', 'KILL', 'LADDR', '10.0.0.1:6379', 'SKIPME', 'no')).toBe(':1');
    expect(killed).toEqual([b.id, c3.id]);
    const c4 = t.e.createClient({ addr: '10.0.0.4:1' });
    c4.onKill = () => killed.push(c4.id);
    expect(r(a, 'CLIENT', 'KILL', '10.0.0.9:1')).toBe('!ERR No such client');
    expect(r(a, 'CLIENT', 'KILL', '10.0.0.4:1')).toBe('OK');
    expect(killed).toEqual([b.id, c3.id, c4.id]);
    const c5 = t.e.createClient();
    expect(r(a, 'CLIENT', 'KILL', 'USER', 'default')).toBe(':1');
    expect(t.e.clients.has(c5.id)).toBe(false);
    const c6 = t.e.createClient();
    expect(r(a, 'CLIENT', 'KILL', 'TYPE', 'normal', 'ADDR', c6.addr)).toBe(':1');
    expect(r(a, 'CLIENT', 'KILL', 'TYPE', 'pubsub')).toBe(':0');
    // Killing oneself: the reply goes out, then the connection closes.
    expect(r(a, 'CLIENT', 'KILL', 'ID', String(a.id), 'SKIPME', 'no')).toBe(':1');
    expect(a.closeAfterReply).toBe(true);
    expect(t.e.clients.has(a.id)).toBe(true);
  });

  it('KILL errors', () => {
    const errs: [string[], string][] = [
      [['ID', 'x'], 'ERR client-id should be greater than 0'],
      [['ID', '0'], 'ERR client-id should be greater than 0'],
      [['ID', '-3'], 'ERR client-id should be greater than 0'],
      [['TYPE', 'foo'], "ERR Unknown client type 'foo'"],
      [['USER', 'bob'], "ERR No such user 'bob'"],
      [['SKIPME', 'maybe'], 'ERR syntax error'],
      [['foo', 'bar'], 'ERR syntax error'],
      [['ID', '1', 'ADDR'], 'ERR syntax error'],
    ];
    for (const [args, msg] of errs) expect(r(a, 'CLIENT', 'KILL', ...args)).toBe('!' + msg);
    expect(r(a, 'CLIENT', 'KILL')).toBe("!ERR wrong number of arguments for 'client|kill' command");
  });

  it('UNBLOCK wakes only blocked clients', () => {
    expect(r(a, 'CLIENT', 'UNBLOCK', String(b.id))).toBe(':0');
    expect(r(a, 'CLIENT', 'UNBLOCK', '999', 'ERROR')).toBe(':0');
    expect(r(a, 'CLIENT', 'UNBLOCK', 'x')).toBe('!ERR value is not an integer or out of range');
    expect(r(a, 'CLIENT', 'UNBLOCK', '1', 'foo')).toBe('!ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR');
    expect(r(a, 'CLIENT', 'UNBLOCK', '1', '2', '3')).toBe("!ERR unknown subcommand or wrong number of arguments for 'UNBLOCK'. Try CLIENT HELP.");
    const calls: boolean[] = [];
    b.unblock = (byError) => {
      calls.push(byError);
      b.unblock = null;
    };
    expect(list(a)[1]!['flags']).toBe('b');
    expect(r(a, 'CLIENT', 'UNBLOCK', String(b.id), 'error')).toBe(':1');
    expect(r(a, 'CLIENT', 'UNBLOCK', String(b.id))).toBe(':0');
    expect(calls).toEqual([true]);
  });

  it('PAUSE / UNPAUSE validate and answer OK', () => {
    // A WRITE pause lets CLIENT commands through; an ALL pause (last) would hold them (pause.test.ts).
    expect(r(a, 'CLIENT', 'PAUSE', '0', 'ALL')).toBe('OK');
    expect(r(a, 'CLIENT', 'PAUSE', '100', 'write')).toBe('OK');
    expect(r(a, 'CLIENT', 'PAUSE', 'x')).toBe('!ERR timeout is not an integer or out of range');
    expect(r(a, 'CLIENT', 'PAUSE', '-1')).toBe('!ERR timeout is negative');
    expect(r(a, 'CLIENT', 'PAUSE', '10', 'foo')).toBe('!ERR CLIENT PAUSE mode must be WRITE or ALL');
    expect(r(a, 'CLIENT', 'PAUSE', 'x', 'foo')).toBe('!ERR CLIENT PAUSE mode must be WRITE or ALL');
    expect(r(a, 'CLIENT', 'PAUSE', '1', '2', '3')).toBe("!ERR unknown subcommand or wrong number of arguments for 'PAUSE'. Try CLIENT HELP.");
    expect(r(a, 'CLIENT', 'UNPAUSE')).toBe('OK');
    expect(r(a, 'CLIENT', 'PAUSE', '100')).toBe('OK');
  });

  it('REPLY OFF / SKIP / ON silence replies in the engine', () => {
    expect(r(a, 'CLIENT', 'REPLY', 'ON')).toBe('OK');
    expect(r(a, 'CLIENT', 'REPLY', 'SKIP')).toBe('none');
    expect(r(a, 'PING')).toBe('none');
    expect(r(a, 'PING')).toBe('PONG');
    expect(r(a, 'CLIENT', 'REPLY', 'OFF')).toBe('none');
    expect(r(a, 'SET', 'k', 'v')).toBe('none');
    expect(r(a, 'NOSUCH')).toBe('none');
    expect(r(a, 'CLIENT', 'REPLY', 'SKIP')).toBe('none');
    expect(r(a, 'GET', 'k')).toBe('none');
    expect(r(a, 'CLIENT', 'REPLY', 'ON')).toBe('OK');
    expect(r(a, 'GET', 'k')).toBe('"v"');
    expect(r(a, 'CLIENT', 'REPLY', 'maybe')).toBe('!ERR syntax error');
    // SKIP then OFF: the OFF itself is skipped, later replies are off.
    r(a, 'CLIENT', 'REPLY', 'SKIP');
    r(a, 'CLIENT', 'REPLY', 'OFF');
    expect(r(a, 'PING')).toBe('none');
    expect(r(a, 'CLIENT', 'REPLY', 'ON')).toBe('OK');
    // RESET turns replies back on, its own included.
    r(a, 'CLIENT', 'REPLY', 'OFF');
    expect(r(a, 'RESET')).toBe('RESET');
    expect(r(a, 'PING')).toBe('PONG');
  });

  it('TRACKING, CACHING, GETREDIR, TRACKINGINFO', () => {
    const off = '{"flags":~["off"],"redirect"::-1,"prefixes":[]}';
    expect(r(a, 'CLIENT', 'TRACKINGINFO')).toBe(off);
    expect(r(a, 'CLIENT', 'GETREDIR')).toBe(':-1');
    expect(r(a, 'CLIENT', 'CACHING', 'yes')).toBe(
      '!ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled',
    );
    expect(r(a, 'CLIENT', 'TRACKING', 'on')).toBe('OK');
    expect(r(a, 'CLIENT', 'GETREDIR')).toBe(':0');
    expect(info(a)).toMatchObject({ flags: 't', redir: '0' });
    expect(r(a, 'CLIENT', 'CACHING', 'yes')).toBe('!ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.');
    expect(r(a, 'CLIENT', 'CACHING', 'no')).toBe('!ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.');
    expect(r(a, 'CLIENT', 'TRACKING', 'on', 'OPTIN', 'REDIRECT', String(b.id), 'NOLOOP')).toBe('OK');
    expect(r(a, 'CLIENT', 'CACHING', 'yes')).toBe('OK');
    expect(r(a, 'CLIENT', 'TRACKINGINFO')).toBe(`{"flags":~["on","optin","caching-yes","noloop"],"redirect":${':' + b.id},"prefixes":[]}`);
    expect(r(a, 'CLIENT', 'TRACKING', 'on', 'OPTOUT')).toBe(
      "!ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then re-enabling it with a different mode.",
    );
    expect(r(a, 'CLIENT', 'TRACKING', 'on', 'BCAST')).toBe(
      "!ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then re-enabling it with a different mode.",
    );
    expect(r(a, 'CLIENT', 'TRACKING', 'off')).toBe('OK');
    expect(r(a, 'CLIENT', 'TRACKINGINFO')).toBe(off);
    expect(r(a, 'CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'b', 'PREFIX', 'a')).toBe('OK');
    expect(r(a, 'CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'c')).toBe('OK');
    expect(r(a, 'CLIENT', 'TRACKINGINFO')).toBe('{"flags":~["on","bcast"],"redirect"::0,"prefixes":["a","b","c"]}');
    expect(info(a)['flags']).toBe('tB');
    expect(r(a, 'CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'ab')).toBe(
      "!ERR Prefix 'ab' overlaps with an existing prefix 'a'. Prefixes for a single client must not overlap.",
    );
    r(a, 'CLIENT', 'TRACKING', 'off');
    expect(r(a, 'CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'x', 'PREFIX', 'xy')).toBe(
      "!ERR Prefix 'x' overlaps with another provided prefix 'xy'. Prefixes for a single client must not overlap.",
    );
    expect(r(a, 'CLIENT', 'TRACKING', 'on', 'BCAST')).toBe('OK');
    expect(r(a, 'CLIENT', 'TRACKINGINFO')).toBe('{"flags":~["on","bcast"],"redirect"::0,"prefixes":[""]}');
    r(a, 'CLIENT', 'TRACKING', 'off');
    const errs: [string[], string][] = [
      [['on', 'PREFIX', 'a'], 'ERR PREFIX option requires BCAST mode to be enabled'],
      [['on', 'BCAST', 'OPTIN'], 'ERR OPTIN and OPTOUT are not compatible with BCAST'],
      [['on', 'OPTIN', 'OPTOUT'], "ERR You can't specify both OPTIN mode and OPTOUT mode"],
      [['on', 'REDIRECT', '999'], 'ERR The client ID you want redirect to does not exist'],
      [['on', 'REDIRECT', 'x'], 'ERR value is not an integer or out of range'],
      [['on', 'REDIRECT', String(b.id), 'REDIRECT', String(b.id)], 'ERR A client can only redirect to a single other client'],
      [['on', 'foo'], 'ERR syntax error'],
      [['on', 'REDIRECT'], 'ERR syntax error'],
      [['maybe'], 'ERR syntax error'],
    ];
    for (const [args, msg] of errs) expect(r(a, 'CLIENT', 'TRACKING', ...args)).toBe('!' + msg);
    expect(a.tracking).toBeNull();
  });

  it('HELP lists the subcommands', () => {
    const reply = t.e.execute(a, ['client', 'help']);
    if (reply === null || reply.t !== 'array' || reply.v === null) throw new Error('no array');
    expect(reply.v.length).toBe(48);
    expect(reply.v[0]).toEqual({ t: 'simple', v: 'CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:' });
    expect(reply.v[47]).toEqual({ t: 'simple', v: '    Prints this help.' });
  });
});

describe('client-side caching', () => {
  /** Pushes delivered to a client, rendered. */
  function inbox(c: Client): string[] {
    const got: string[] = [];
    c.deliver = (reply) => got.push(reply.t === 'push' ? 'push' + renderReply({ t: 'array', v: reply.v }) : renderReply(reply));
    return got;
  }

  it('invalidates a key read by a RESP3 client when another client writes it', () => {
    const got = inbox(a);
    r(a, 'HELLO', '3');
    r(a, 'CLIENT', 'TRACKING', 'on');
    r(a, 'GET', 'k');
    r(b, 'SET', 'k', 'v');
    expect(got).toEqual(['push["invalidate",["k"]]']);
    r(b, 'SET', 'k', 'w');
    expect(got.length).toBe(1);
  });

  it("the client's own write: reply first, then the push, both through deliver", () => {
    const got = inbox(a);
    r(a, 'HELLO', '3');
    r(a, 'CLIENT', 'TRACKING', 'on');
    r(a, 'GET', 'k');
    expect(r(a, 'SET', 'k', 'v')).toBe('none');
    expect(got).toEqual(['OK', 'push["invalidate",["k"]]']);
  });

  it('RESP2 without redirect gets nothing; a redirect target gets the pushes', () => {
    const gotA = inbox(a);
    const gotB = inbox(b);
    r(a, 'CLIENT', 'TRACKING', 'on');
    r(a, 'GET', 'k');
    r(b, 'SET', 'k', '1');
    expect(gotA).toEqual([]);
    r(b, 'HELLO', '3');
    r(a, 'CLIENT', 'TRACKING', 'on', 'REDIRECT', String(b.id));
    r(a, 'GET', 'k');
    // b's own command caused it, but the tracking client is a: the push comes at once, before
    // b's reply, as in Redis.
    expect(r(b, 'SET', 'k', '2')).toBe('OK');
    expect(gotB).toEqual(['push["invalidate",["k"]]']);
    expect(gotA).toEqual([]);
  });

  it('a redirect to a closed client is broken', () => {
    const gotA = inbox(a);
    r(a, 'HELLO', '3');
    r(a, 'CLIENT', 'TRACKING', 'on', 'REDIRECT', String(b.id));
    t.e.closeClient(b);
    r(a, 'GET', 'k');
    const c = t.e.createClient();
    r(c, 'SET', 'k', 'v');
    expect(gotA).toEqual([`push["tracking-redir-broken",:${b.id}]`]);
    expect(info(a)['flags']).toBe('tR');
  });

  it('flushes send a null once, FLUSHALL included', () => {
    const got = inbox(a);
    r(a, 'HELLO', '3');
    r(a, 'CLIENT', 'TRACKING', 'on');
    r(b, 'FLUSHALL');
    expect(got).toEqual(['push["invalidate",nil]']);
    r(b, 'MULTI');
    r(b, 'FLUSHDB');
    r(b, 'FLUSHDB');
    r(b, 'EXEC');
    expect(got.length).toBe(3);
  });

  it('BCAST batches keys per prefix; an expiry cycle broadcasts too', () => {
    const got = inbox(a);
    r(a, 'HELLO', '3');
    r(a, 'CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'u:', 'NOLOOP');
    r(b, 'MSET', 'u:2', 'x', 'u:1', 'y', 'v:1', 'z');
    expect(got).toEqual(['push["invalidate",["u:1","u:2"]]']);
    r(a, 'SET', 'u:3', 'mine');
    expect(got.length).toBe(1);
    r(b, 'SET', 'u:9', 'v', 'PX', '10');
    expect(got.length).toBe(2);
    t.clock.advance(20);
    expect(t.e.activeExpireCycle()).toBe(1);
    expect(got[2]).toBe('push["invalidate",["u:9"]]');
    t.e.closeClient(a);
    r(b, 'SET', 'u:1', 'after close');
    expect(got.length).toBe(3);
  });

  it('OPTIN tracks only after CACHING yes, for one command', () => {
    const got = inbox(a);
    r(a, 'HELLO', '3');
    r(a, 'CLIENT', 'TRACKING', 'on', 'OPTIN');
    r(a, 'GET', 'k1');
    r(a, 'CLIENT', 'CACHING', 'yes');
    r(a, 'GET', 'k2');
    r(a, 'GET', 'k3');
    r(b, 'MSET', 'k1', '1', 'k2', '2', 'k3', '3');
    expect(got).toEqual(['push["invalidate",["k2"]]']);
  });
});

describe('tracking totals', () => {
  it('counts remembered keys, client entries and BCAST prefixes', () => {
    r(a, 'CLIENT', 'TRACKING', 'on');
    r(b, 'CLIENT', 'TRACKING', 'on');
    r(a, 'MGET', 'k1', 'k2');
    r(b, 'GET', 'k1');
    expect(t.e.tracker!.totals()).toEqual({ keys: 2, items: 3, prefixes: 0 });
    const c = t.e.createClient();
    r(c, 'CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'x', 'PREFIX', 'y');
    r(c, 'SET', 'k1', 'v');
    expect(t.e.tracker!.totals()).toEqual({ keys: 1, items: 1, prefixes: 2 });
    r(c, 'CLIENT', 'TRACKING', 'off');
    expect(t.e.tracker!.totals().prefixes).toBe(0);
  });
});
