import { beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../client.js';
import { VirtualClock } from '../clock.js';
import {
  keyspaceEventsFlagsToString,
  keyspaceEventsStringToFlags,
  NOTIFY_ALL,
  NOTIFY_KEY_MISS,
  NOTIFY_KEYEVENT,
  NOTIFY_KEYSPACE,
  NOTIFY_LIST,
  NOTIFY_NEW,
} from '../config.js';
import { late } from '../late.js';
import { Engine, type ChangeEvent } from '../engine.js';
import { catRepr, monitorLine, notifyClassFlag, PubSub } from '../pubsub.js';
import { renderReply } from '../render-reply.js';
import type { Reply } from '../../shared/reply.js';

const T0 = 1_700_000_000_000;

let clock: VirtualClock;
let e: Engine;
/** What each client received through deliver, rendered. */
let got: Map<Client, string[]>;

function client(resp: 2 | 3 = 2): Client {
  const c = e.createClient();
  c.resp = resp;
  got.set(c, []);
  c.deliver = (r: Reply) => got.get(c)!.push(renderReply(r));
  return c;
}

/** Runs a command; returns its reply followed by everything delivered to the client meanwhile. */
function run(c: Client, ...argv: string[]): string[] {
  const before = got.get(c)!.length;
  const reply = e.execute(c, argv);
  const delivered = got.get(c)!.slice(before);
  return reply === null ? delivered : [...delivered, renderReply(reply)];
}

function take(c: Client): string[] {
  return got.get(c)!.splice(0);
}

beforeEach(() => {
  clock = new VirtualClock(T0);
  e = new Engine({ clock, late });
  got = new Map();
});

describe('subscriptions', () => {
  it('SUBSCRIBE answers one push per channel, counting channels and patterns', () => {
    const a = client();
    expect(run(a, 'SUBSCRIBE', 'x', 'y', 'x')).toEqual(['>["subscribe","x",:1]', '>["subscribe","y",:2]', '>["subscribe","x",:2]']);
    expect(run(a, 'PSUBSCRIBE', 'p*')).toEqual(['>["psubscribe","p*",:3]']);
    expect(run(a, 'SSUBSCRIBE', 's')).toEqual(['>["ssubscribe","s",:1]']);
    expect(a.pubsub).not.toBeNull();
    expect([...e.pubsub.channels.keys()]).toEqual(['x', 'y']);
    expect(run(a, 'UNSUBSCRIBE')).toEqual(['>["unsubscribe","x",:2]', '>["unsubscribe","y",:1]']);
    expect(run(a, 'UNSUBSCRIBE')).toEqual(['>["unsubscribe",nil,:1]']);
    expect(run(a, 'PUNSUBSCRIBE', 'p*', 'q')).toEqual(['>["punsubscribe","p*",:0]', '>["punsubscribe","q",:0]']);
    // Still subscribed to a shard channel: pub/sub mode stays.
    expect(a.pubsub).not.toBeNull();
    expect(run(a, 'SUNSUBSCRIBE')).toEqual(['>["sunsubscribe","s",:0]']);
    expect(a.pubsub).toBeNull();
    expect(e.pubsub.channels.size + e.pubsub.patterns.size + e.pubsub.shardChannels.size).toBe(0);
  });

  it('PUBLISH: channel subscribers in subscription order, then patterns; the count of deliveries', () => {
    const a = client();
    const b = client();
    const pub = client();
    run(b, 'SUBSCRIBE', 'news');
    run(a, 'SUBSCRIBE', 'news');
    run(a, 'PSUBSCRIBE', 'n*', 'news');
    take(a);
    take(b);
    const order: string[] = [];
    a.deliver = (r) => order.push('a ' + renderReply(r));
    b.deliver = (r) => order.push('b ' + renderReply(r));
    expect(run(pub, 'PUBLISH', 'news', 'hi')).toEqual([':4']);
    expect(order).toEqual([
      'b >["message","news","hi"]',
      'a >["message","news","hi"]',
      'a >["pmessage","n*","news","hi"]',
      'a >["pmessage","news","news","hi"]',
    ]);
    expect(run(pub, 'PUBLISH', 'none', 'x')).toEqual([':1']);
    expect(run(pub, 'PUBLISH', 'zzz', 'x')).toEqual([':0']);
  });

  it('shard channels ignore patterns and plain channels', () => {
    const a = client();
    const pub = client();
    run(a, 'SSUBSCRIBE', 's');
    run(a, 'PSUBSCRIBE', '*');
    take(a);
    expect(run(pub, 'SPUBLISH', 's', 'm')).toEqual([':1']);
    expect(take(a)).toEqual(['>["smessage","s","m"]']);
    expect(run(pub, 'PUBLISH', 's', 'm')).toEqual([':1']);
    expect(take(a)).toEqual(['>["pmessage","*","s","m"]']);
  });

  it('RESP2 pub/sub mode restricts commands; RESP3 does not', () => {
    const a = client();
    run(a, 'SUBSCRIBE', 'c');
    expect(run(a, 'GET', 'k')).toEqual(["!ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"]);
    expect(run(a, 'CLIENT', 'ID')[0]).toContain("Can't execute 'client|id'");
    expect(run(a, 'PING')).toEqual(['["pong",""]']);
    expect(run(a, 'PING', 'x')).toEqual(['["pong","x"]']);
    const b = client(3);
    run(b, 'SUBSCRIBE', 'c');
    expect(run(b, 'GET', 'k')).toEqual(['nil']);
    expect(run(b, 'PING')).toEqual(['PONG']);
    // A message to oneself comes before the PUBLISH reply.
    expect(run(b, 'PUBLISH', 'c', 'me')).toEqual(['>["message","c","me"]', ':2']);
  });

  it('RESET and closing a client drop every subscription silently', () => {
    const a = client();
    const b = client();
    run(a, 'SUBSCRIBE', 'c');
    run(a, 'PSUBSCRIBE', 'p');
    run(a, 'SSUBSCRIBE', 's');
    take(a);
    expect(run(a, 'RESET')).toEqual(['RESET']);
    expect(a.pubsub).toBeNull();
    expect(e.pubsub.channels.size + e.pubsub.patterns.size + e.pubsub.shardChannels.size).toBe(0);
    run(b, 'SUBSCRIBE', 'c');
    e.closeClient(b);
    expect(e.pubsub.channels.size).toBe(0);
  });

  it('PUBSUB introspection', () => {
    const a = client();
    const q = client();
    run(a, 'SUBSCRIBE', 'news.a', 'news.b', 'other');
    run(a, 'PSUBSCRIBE', 'x', 'y');
    run(a, 'SSUBSCRIBE', 's1');
    expect(run(q, 'PUBSUB', 'CHANNELS')).toEqual(['["news.a","news.b","other"]']);
    expect(run(q, 'PUBSUB', 'CHANNELS', 'news.*')).toEqual(['["news.a","news.b"]']);
    expect(run(q, 'PUBSUB', 'NUMSUB', 'news.a', 'nope')).toEqual(['["news.a",:1,"nope",:0]']);
    expect(run(q, 'PUBSUB', 'NUMPAT')).toEqual([':2']);
    expect(run(q, 'PUBSUB', 'SHARDCHANNELS')).toEqual(['["s1"]']);
    expect(run(q, 'PUBSUB', 'SHARDNUMSUB', 's1')).toEqual(['["s1",:1]']);
    expect(run(q, 'PUBSUB', 'CHANNELS', 'a', 'b')).toEqual(["!ERR unknown subcommand or wrong number of arguments for 'CHANNELS'. Try PUBSUB HELP."]);
    const help = run(q, 'PUBSUB', 'HELP')[0]!;
    expect(help.startsWith('[PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:,CHANNELS [<pattern>]')).toBe(true);
  });

  it('SUBSCRIBE inside EXEC: the header counts commands, extra replies follow the array', () => {
    const a = client();
    run(a, 'MULTI');
    run(a, 'SUBSCRIBE', 'x', 'y');
    run(a, 'SSUBSCRIBE', 's');
    expect(run(a, 'EXEC')).toEqual(['[>["subscribe","x",:1],>["subscribe","y",:2]]', "!ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client"]);
  });

  it('CLIENT LIST: flags P and O, sub/psub/ssub counts, TYPE pubsub', () => {
    const a = client();
    const m = client();
    const q = client();
    run(a, 'SUBSCRIBE', 'c1', 'c2');
    run(a, 'PSUBSCRIBE', 'p');
    run(m, 'MONITOR');
    const list = run(q, 'CLIENT', 'LIST')[0]!;
    expect(list).toContain(`id=${a.id} `);
    expect(list).toMatch(new RegExp(`id=${a.id} .* flags=P db=0 sub=2 psub=1 ssub=0 `));
    expect(list).toMatch(new RegExp(`id=${m.id} .* flags=O db=0 sub=0 psub=0 ssub=0 `));
    const typed = run(q, 'CLIENT', 'LIST', 'TYPE', 'pubsub')[0]!;
    expect(typed.match(/id=/g)).toHaveLength(1);
  });

  it('CLIENT LIST tot-mem counts the subscriptions as pubsubMemOverhead does (no rehash in progress)', () => {
    const a = client();
    const q = client();
    const mem = () => Number(/tot-mem=(\d+)/.exec(run(q, 'CLIENT', 'LIST', 'ID', String(a.id))[0]!)![1]);
    const base = mem();
    run(a, 'SUBSCRIBE', 'c1');
    expect(mem() - base).toBe(56);
    run(a, 'SUBSCRIBE', 'c2', 'c3', 'c4');
    expect(mem() - base).toBe(128);
    run(a, 'PSUBSCRIBE', 'p');
    expect(mem() - base).toBe(152);
    run(a, 'SUBSCRIBE', 'c5', 'c6', 'c7', 'c8');
    expect(mem() - base).toBe(280);
  });

  it('CLIENT TRACKING redirected to a RESP2 client in pub/sub mode sends __redis__:invalidate messages', () => {
    const target = client();
    const t = client();
    run(target, 'SUBSCRIBE', '__redis__:invalidate');
    take(target);
    run(t, 'CLIENT', 'TRACKING', 'ON', 'REDIRECT', String(target.id));
    run(t, 'GET', 'k');
    run(t, 'SET', 'k', 'v');
    expect(take(target)).toEqual(['>["message","__redis__:invalidate",["k"]]']);
  });
});

describe('keyspace notifications', () => {
  it('publish to __keyspace@db__:key and __keyevent@db__:event by the configured classes', () => {
    const l = client();
    const w = client();
    run(l, 'PSUBSCRIBE', '__key*__:*');
    take(l);
    run(w, 'CONFIG', 'SET', 'notify-keyspace-events', 'Kl');
    run(w, 'SET', 'k', 'v');
    run(w, 'RPUSH', 'list', 'a');
    expect(take(l)).toEqual(['>["pmessage","__key*__:*","__keyspace@0__:list","rpush"]']);
    run(w, 'CONFIG', 'SET', 'notify-keyspace-events', 'E$');
    run(w, 'SELECT', '3');
    run(w, 'SET', 'k', 'v');
    expect(take(l)).toEqual(['>["pmessage","__key*__:*","__keyevent@3__:set","k"]']);
  });

  it("'A' with 'n' prints as AKE but keeps new-key events on; keymiss comes with m", () => {
    const l = client();
    const w = client();
    run(l, 'SUBSCRIBE', '__keyevent@0__:new', '__keyevent@0__:keymiss');
    take(l);
    expect(run(w, 'CONFIG', 'SET', 'notify-keyspace-events', 'KEAnm')).toEqual(['OK']);
    expect(run(w, 'CONFIG', 'GET', 'notify-keyspace-events')).toEqual(['{"notify-keyspace-events":"AKEm"}']);
    run(w, 'SET', 'k', 'v');
    run(w, 'SET', 'k', 'v2');
    run(w, 'GET', 'nope');
    run(w, 'OBJECT', 'ENCODING', 'nope');
    expect(take(l)).toEqual(['>["message","__keyevent@0__:new","k"]', '>["message","__keyevent@0__:keymiss","nope"]']);
  });

  it('expired events (class x) from lazy and active expiry; listeners still get every event', () => {
    const l = client();
    const w = client();
    const seen: ChangeEvent[] = [];
    e.onChange((ev) => seen.push(ev));
    run(l, 'SUBSCRIBE', '__keyevent@0__:expired');
    take(l);
    run(w, 'CONFIG', 'SET', 'notify-keyspace-events', 'Ex');
    run(w, 'SET', 'a', '1', 'PX', '10');
    run(w, 'SET', 'b', '1', 'PX', '10');
    clock.advance(20);
    run(w, 'GET', 'a');
    e.activeExpireCycle();
    expect(take(l)).toEqual(['>["message","__keyevent@0__:expired","a"]', '>["message","__keyevent@0__:expired","b"]']);
    expect(seen.map((ev) => ev.event)).toEqual(['set', 'expire', 'set', 'expire', 'expired', 'expired']);
  });

  it("bad class letters are refused with Redis's message", () => {
    const w = client();
    expect(run(w, 'CONFIG', 'SET', 'notify-keyspace-events', 'KEX')).toEqual([
      "!ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid event class character. Use 'Ag$lshzxeKEtmdn'.",
    ]);
  });

  it('parses and prints the class string as notify.c does', () => {
    expect(keyspaceEventsStringToFlags('')).toBe(0);
    expect(keyspaceEventsStringToFlags('KEA')).toBe(NOTIFY_ALL | NOTIFY_KEYSPACE | NOTIFY_KEYEVENT);
    expect(keyspaceEventsStringToFlags('Kl')).toBe(NOTIFY_KEYSPACE | NOTIFY_LIST);
    expect(keyspaceEventsStringToFlags('?')).toBe(-1);
    expect(keyspaceEventsFlagsToString(NOTIFY_ALL | NOTIFY_KEYSPACE | NOTIFY_KEYEVENT | NOTIFY_NEW | NOTIFY_KEY_MISS)).toBe('AKEm');
    expect(keyspaceEventsFlagsToString(keyspaceEventsStringToFlags('Eg$lshzxetdnmK'))).toBe('AKEm');
    expect(keyspaceEventsFlagsToString(keyspaceEventsStringToFlags('nxEz$lg'))).toBe('g$lzxnE');
    expect(keyspaceEventsFlagsToString(NOTIFY_KEYEVENT | NOTIFY_NEW)).toBe('nE');
    expect(notifyClassFlag('l')).toBe(NOTIFY_LIST);
    expect(notifyClassFlag('n')).toBe(NOTIFY_NEW);
    expect(notifyClassFlag('?')).toBe(0);
  });
});

describe('MONITOR', () => {
  it('formats lines as replicationFeedMonitors does', () => {
    expect(monitorLine(T0 + 123.456, 0, '1.2.3.4:5', ['SET', 'k', 'v'])).toBe('1700000000.123456 [0 1.2.3.4:5] "SET" "k" "v"');
    expect(monitorLine(T0 + 5, 9, 'a:1', [])).toBe('1700000000.005000 [9 a:1]');
    expect(catRepr('a"b\\c\n\r\t\x07\x08\x00\x7f\xff ~')).toBe('"a\\"b\\\\c\\n\\r\\t\\a\\b\\x00\\x7f\\xff ~"');
  });

  it("feeds other clients' commands after they run; its own follow its reply; MONITOR again answers nothing", () => {
    const m = client();
    const a = client();
    expect(run(m, 'MONITOR')).toEqual(['OK']);
    clock.advance(1.5);
    run(a, 'SET', 'k', 'v');
    run(a, 'CONFIG', 'GET', 'x');
    run(a, 'AUTH', 'secret');
    expect(take(m)).toEqual([`1700000000.001500 [0 ${a.addr}] "SET" "k" "v"`, `1700000000.001500 [0 ${a.addr}] "AUTH" "(redacted)"`]);
    expect(run(m, 'PING')).toEqual(['PONG', `1700000000.001500 [0 ${m.addr}] "PING"`]);
    expect(run(m, 'GET', 'k')).toEqual(["!ERR Replica can't interact with the keyspace"]);
    take(m);
    expect(e.execute(m, ['MONITOR'])).toBeNull();
    expect(take(m)).toEqual([]);
    expect(run(m, 'RESET')).toEqual(['RESET']);
    expect(m.monitor).toBe(false);
    expect(e.pubsub.monitors.size).toBe(0);
    expect(run(m, 'GET', 'k')).toEqual(['"v"']);
  });

  it('MONITOR inside MULTI is refused at EXEC', () => {
    const a = client();
    run(a, 'MULTI');
    run(a, 'MONITOR');
    expect(run(a, 'EXEC')).toEqual(["[!ERR MONITOR isn't allowed for DENY BLOCKING client]"]);
    expect(PubSub.count(a)).toBe(0);
  });
});
