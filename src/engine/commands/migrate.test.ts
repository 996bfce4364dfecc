import { beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../client.js';
import { VirtualClock } from '../clock.js';
import { serverCron } from '../cron.js';
import { Engine } from '../engine.js';
import { late } from '../late.js';
import type { Connector, LinkFailure, LinkRead, OutgoingLink } from '../outgoing.js';
import type { PropagatedOp } from '../propagate.js';
import { renderReply } from '../render-reply.js';
import { encodeReply } from '../../protocol/encode.js';
import { RequestParser } from '../../protocol/request-parser.js';
import { T0 } from './test-support.js';

// MIGRATE against fake connections: another engine behind a link that parses what is written and
// answers what that engine replies, or a link scripted to fail. What test/diff/migrate.test.ts
// cannot see from outside: the commands sent, the events, the propagated DEL, the cache and the
// retry rules.

/** What a fake link does with a write or a read, in place of answering (the engine answers otherwise). */
type Fault = LinkFailure | 'close';

/** A link to another engine: every command written runs there, its replies are what reads give. */
class EngineLink implements OutgoingLink {
  private readonly parser = new RequestParser();
  private readonly client: Client;
  private out = '';
  closed = false;
  /** Failures to give instead of answering: the next writes', the next reads'. */
  writeFaults: Fault[] = [];
  readFaults: Fault[] = [];

  constructor(
    readonly target: Engine,
    /** Every command the target received, in order. */
    readonly received: string[][],
  ) {
    this.client = target.createClient();
  }

  write(bytes: string): Promise<LinkFailure | null> {
    const fault = this.writeFaults.shift();
    if (fault !== undefined || this.closed) return Promise.resolve(fault === 'timeout' ? 'timeout' : 'error');
    this.parser.push(Buffer.from(bytes, 'latin1'));
    for (let argv = this.parser.next(); Array.isArray(argv); argv = this.parser.next()) {
      this.received.push(argv[0] === 'RESTORE' ? [argv[0], argv[1]!, argv[2]!, '<payload>', ...argv.slice(4)] : argv);
      const reply = this.target.execute(this.client, argv);
      if (reply !== null) this.out += encodeReply(reply, 2);
    }
    return Promise.resolve(null);
  }

  read(): Promise<LinkRead> {
    const fault = this.readFaults.shift();
    if (fault !== undefined) {
      if (fault === 'close') this.closed = true;
      return Promise.resolve({ failure: fault === 'timeout' ? 'timeout' : 'error' });
    }
    if (this.closed || this.out === '') return Promise.resolve({ failure: this.closed ? 'error' : 'timeout' });
    const data = this.out;
    this.out = '';
    return Promise.resolve(data);
  }

  close(): void {
    this.closed = true;
  }
}

let clock: VirtualClock;
let source: Engine;
let target: Engine;
let c: Client;
/** A client of the target engine, for looking at what arrived. */
let t: Client;
let received: string[][];
let links: EngineLink[];
let connects: string[];
let props: PropagatedOp[];
let events: string[];
/** What the next link made gets before it is used (faults). */
let prepare: ((link: EngineLink) => void)[];

const connect: Connector = (host, port) => {
  connects.push(`${host}:${port}`);
  if (host === 'nowhere') return Promise.resolve(null);
  const link = new EngineLink(target, received);
  prepare.shift()?.(link);
  links.push(link);
  return Promise.resolve(link);
};

beforeEach(() => {
  clock = new VirtualClock(T0);
  source = new Engine({ clock, late, connect });
  target = new Engine({ clock, late });
  c = source.createClient();
  t = target.createClient();
  received = [];
  links = [];
  connects = [];
  prepare = [];
  props = [];
  events = [];
  source.propagation.feeds.add({ feed: (op) => props.push(op) });
  source.onChange((e) => events.push(`${e.event}:${e.key}`));
});

/** A command's reply now, rendered. */
const r = (...argv: string[]): string => renderReply(source.execute(c, argv));
const onTarget = (...argv: string[]): string => renderReply(target.execute(t, argv));

/** Runs a command whose reply comes later (MIGRATE): resolves with that reply, rendered. */
function later(client: Client, ...argv: string[]): Promise<string> {
  const p = new Promise<string>((resolve) => (client.deliver = (reply) => resolve(renderReply(reply))));
  props.length = 0; // what the setup propagated
  expect(source.execute(client, argv)).toBeNull();
  return p;
}

describe('MIGRATE: arguments', () => {
  it('answers option errors, then integer errors (timeout first), then NOKEY, without connecting', () => {
    expect(r('MIGRATE', 'h', '1', 'k', '0', '10', 'COPY', 'bogus')).toBe('!ERR syntax error');
    expect(r('MIGRATE', 'h', '1', 'k', '0', '10', 'AUTH')).toBe('!ERR syntax error');
    expect(r('MIGRATE', 'h', '1', 'k', '0', '10', 'AUTH2', 'u')).toBe('!ERR syntax error');
    expect(r('MIGRATE', 'h', '1', 'k', '0', '10', 'KEYS', 'a')).toBe('!ERR When using MIGRATE KEYS option, the key argument must be set to the empty string');
    // KEYS takes every argument after it, options included.
    expect(r('MIGRATE', 'h', '1', '', '0', '10', 'KEYS', 'COPY', 'bogus')).toBe('NOKEY');
    expect(r('MIGRATE', 'h', '1', '', '0', '10', 'KEYS')).toBe('NOKEY');
    expect(r('MIGRATE', 'h', '1', 'k', 'x', '10', 'bogus')).toBe('!ERR syntax error');
    expect(r('MIGRATE', 'h', '1', 'k', '0', 'x')).toBe('!ERR value is not an integer or out of range');
    expect(r('MIGRATE', 'h', '1', 'k', 'x', '10')).toBe('!ERR value is not an integer or out of range');
    expect(r('MIGRATE', 'h', '1', 'k', '0', '10')).toBe('NOKEY');
    expect(connects).toEqual([]);
  });

  it('without a connector (the browser) answers that it cannot connect, and keeps the key', () => {
    const alone = new Engine({ clock, late });
    const a = alone.createClient();
    alone.execute(a, ['SET', 'k', 'v']);
    expect(renderReply(alone.execute(a, ['MIGRATE', 'h', '1', 'k', '0', '10']))).toBe('!IOERR error or timeout connecting to the client');
    expect(renderReply(alone.execute(a, ['EXISTS', 'k']))).toBe(':1');
    expect(renderReply(alone.execute(a, ['INFO', 'stats']))).toContain('migrate_cached_sockets:0');
  });

  it('a name the connector cannot open is the connecting error, and nothing is cached', async () => {
    r('SET', 'k', 'v');
    expect(await later(c, 'MIGRATE', 'nowhere', '1', 'k', '0', '10')).toBe('!IOERR error or timeout connecting to the client');
    expect(source.migrateLinks!.size).toBe(0);
    expect(r('EXISTS', 'k')).toBe(':1');
  });

  it('inside EXEC, where it cannot wait, it answers as if it could not connect', () => {
    r('SET', 'k', 'v');
    r('MULTI');
    r('MIGRATE', 'h', '1', 'k', '0', '10');
    r('MIGRATE', 'h', '1', 'nokey', '0', '10');
    expect(r('EXEC')).toBe('[!IOERR error or timeout connecting to the client,NOKEY]');
    expect(connects).toEqual([]);
  });
});

describe('MIGRATE: the exchange', () => {
  it('moves a key: SELECT, RESTORE, then the key is deleted here and propagated as DEL', async () => {
    r('SET', 'k', 'v');
    r('RPUSH', 'l', 'a', 'b');
    events.length = 0;
    const changes = source.changesSinceLastSave;
    expect(await later(c, 'MIGRATE', '127.0.0.1', '6380', 'k', '3', '5000')).toBe('OK');
    expect(received).toEqual([
      ['SELECT', '3'],
      ['RESTORE', 'k', '0', '<payload>'],
    ]);
    expect(r('EXISTS', 'k')).toBe(':0');
    onTarget('SELECT', '3');
    expect(onTarget('GET', 'k')).toBe('"v"');
    expect(events).toEqual(['del:k']);
    expect(source.changesSinceLastSave - changes).toBe(1);
    expect(props).toEqual([{ db: 0, argv: ['DEL', 'k'] }]);
    expect(connects).toEqual(['127.0.0.1:6380']);
  });

  it('COPY keeps the key and propagates nothing; REPLACE is passed on', async () => {
    r('SET', 'k', 'v');
    onTarget('SET', 'k', 'old');
    expect(await later(c, 'MIGRATE', 'h', '1', 'k', '0', '5000', 'COPY', 'REPLACE')).toBe('OK');
    expect(received).toEqual([
      ['SELECT', '0'],
      ['RESTORE', 'k', '0', '<payload>', 'REPLACE'],
    ]);
    expect(r('GET', 'k')).toBe('"v"');
    expect(onTarget('GET', 'k')).toBe('"v"');
    expect(props).toEqual([]);
  });

  it('sends the TTL left when it sends, and AUTH or AUTH2 before everything', async () => {
    r('SET', 'k', 'v', 'PX', '10000');
    target.config.set('requirepass', 'secret');
    clock.advance(2500);
    expect(await later(c, 'MIGRATE', 'h', '1', 'k', '0', '5000', 'COPY', 'AUTH', 'secret')).toBe('OK');
    const again = later(c, 'MIGRATE', 'h', '1', 'k', '0', '5000', 'COPY', 'REPLACE', 'AUTH2', 'default', 'secret');
    expect(await again).toBe('OK');
    expect(received).toEqual([
      ['AUTH', 'secret'],
      ['SELECT', '0'],
      ['RESTORE', 'k', '7500', '<payload>'],
      ['AUTH', 'default', 'secret'],
      ['RESTORE', 'k', '7500', '<payload>', 'REPLACE'],
    ]);
  });

  it('the first error from the target is the reply; the keys it acknowledged are still deleted', async () => {
    r('MSET', 'a', '1', 'b', '2', 'c', '3');
    onTarget('SET', 'b', 'busy');
    expect(await later(c, 'MIGRATE', 'h', '1', '', '0', '5000', 'KEYS', 'a', 'missing', 'b', 'c')).toBe(
      '!ERR Target instance replied with error: BUSYKEY Target key name already exists.',
    );
    expect(r('KEYS', '*')).toBe('["b"]');
    expect(props).toEqual([{ db: 0, argv: ['DEL', 'a', 'c'] }]);
    // After an error the target's database is not known: the next MIGRATE selects again.
    await later(c, 'MIGRATE', 'h', '1', 'b', '0', '5000', 'REPLACE');
    expect(received.map((a) => a[0])).toEqual(['SELECT', 'RESTORE', 'RESTORE', 'RESTORE', 'SELECT', 'RESTORE']);
  });

  it("a failed AUTH fails every key: none is deleted, the target's error is the reply", async () => {
    r('SET', 'k', 'v');
    target.config.set('requirepass', 'right');
    expect(await later(c, 'MIGRATE', 'h', '1', 'k', '0', '5000', 'AUTH', 'wrong')).toBe(
      '!ERR Target instance replied with error: WRONGPASS invalid username-password pair or user is disabled.',
    );
    expect(r('EXISTS', 'k')).toBe(':1');
    expect(props).toEqual([]);
  });

  it('reads the values when the command runs: a later write here does not change what is sent', async () => {
    r('SET', 'k', 'old');
    const reply = later(c, 'MIGRATE', 'h', '1', 'k', '0', '5000', 'COPY');
    r('SET', 'k', 'new');
    expect(await reply).toBe('OK');
    expect(onTarget('GET', 'k')).toBe('"old"');
  });

  it('MIGRATEs run one after another; each client waits for its own reply', async () => {
    const c2 = source.createClient();
    r('MSET', 'a', '1', 'b', '2');
    const first = later(c, 'MIGRATE', 'h', '1', 'a', '0', '5000');
    const second = later(c2, 'MIGRATE', 'h', '1', 'b', '1', '5000');
    expect(c.awaitingIo && c2.awaitingIo).toBe(true);
    expect(await Promise.all([first, second])).toEqual(['OK', 'OK']);
    expect(c.awaitingIo || c2.awaitingIo).toBe(false);
    expect(received.map((a) => a.slice(0, 2).join(' '))).toEqual(['SELECT 0', 'RESTORE a', 'SELECT 1', 'RESTORE b']);
    expect(connects).toEqual(['h:1']);
  });

  it('counts a failed MIGRATE in INFO commandstats and errorstats when its reply comes', async () => {
    r('SET', 'k', 'v');
    onTarget('SET', 'k', 'busy');
    await later(c, 'MIGRATE', 'h', '1', 'k', '0', '5000');
    const info = r('INFO', 'all');
    expect(info).toContain('cmdstat_migrate:calls=1,usec=0,usec_per_call=0.00,rejected_calls=0,failed_calls=1');
    expect(info).toContain('errorstat_ERR:count=1');
  });
});

describe('MIGRATE: the cached connection', () => {
  it('is kept per host:port as typed, selects only when the database changes, and closes after 10 idle seconds', async () => {
    r('MSET', 'a', '1', 'b', '2', 'c', '3');
    await later(c, 'MIGRATE', 'h', '1', 'a', '5', '5000');
    await later(c, 'MIGRATE', 'h', '1', 'b', '5', '5000');
    await later(c, 'MIGRATE', 'h', '01', 'c', '5', '5000');
    expect(connects).toEqual(['h:1', 'h:1']);
    expect(received.map((a) => a[0])).toEqual(['SELECT', 'RESTORE', 'RESTORE', 'SELECT', 'RESTORE']);
    expect(r('INFO', 'stats')).toContain('migrate_cached_sockets:2');
    clock.advance(10_000);
    serverCron(source);
    expect(source.migrateLinks!.size).toBe(2);
    clock.advance(1000);
    serverCron(source);
    expect(source.migrateLinks!.size).toBe(0);
    expect(links.every((l) => l.closed)).toBe(true);
  });

  it('a cached connection the target closed is replaced once, and the MIGRATE succeeds', async () => {
    r('MSET', 'a', '1', 'b', '2');
    await later(c, 'MIGRATE', 'h', '1', 'a', '0', '5000');
    links[0]!.closed = true;
    expect(await later(c, 'MIGRATE', 'h', '1', 'b', '0', '5000')).toBe('OK');
    expect(connects).toEqual(['h:1', 'h:1']);
    expect(received.map((a) => a[0])).toEqual(['SELECT', 'RESTORE', 'SELECT', 'RESTORE']);
  });

  it('a write that fails twice is the writing error; the key stays', async () => {
    r('SET', 'k', 'v');
    prepare.push(
      (l) => (l.writeFaults = ['error']),
      (l) => (l.writeFaults = ['error']),
    );
    expect(await later(c, 'MIGRATE', 'h', '1', 'k', '0', '5000')).toBe('!IOERR error or timeout writing to target instance');
    expect(connects.length).toBe(2);
    expect(source.migrateLinks!.size).toBe(0);
    expect(r('EXISTS', 'k')).toBe(':1');
  });

  it('a timeout is not retried: the reading error, at once', async () => {
    r('SET', 'k', 'v');
    prepare.push((l) => (l.readFaults = ['timeout']));
    expect(await later(c, 'MIGRATE', 'h', '1', 'k', '0', '5000')).toBe('!IOERR error or timeout reading to target instance');
    expect(connects.length).toBe(1);
    expect(source.migrateLinks!.size).toBe(0);
  });

  it('a read failing after some keys were acknowledged ends it: those keys are deleted, no retry', async () => {
    r('MSET', 'a', '1', 'b', '2');
    // The replies to SELECT and the first RESTORE come; then the connection breaks.
    prepare.push((l) => {
      const read = l.read.bind(l);
      let n = 0;
      l.read = async () => {
        const got = await read();
        if (n++ === 0 && typeof got === 'string') {
          l.readFaults = ['close'];
          return got.split('\r\n').slice(0, 2).join('\r\n') + '\r\n';
        }
        return got;
      };
    });
    expect(await later(c, 'MIGRATE', 'h', '1', '', '0', '5000', 'KEYS', 'a', 'b')).toBe('!IOERR error or timeout reading to target instance');
    expect(connects.length).toBe(1);
    expect(r('KEYS', '*')).toBe('["b"]');
    expect(props).toEqual([{ db: 0, argv: ['DEL', 'a'] }]);
  });
});
