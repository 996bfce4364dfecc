// CONNECTION group: PING, ECHO, QUIT, SELECT, HELLO, AUTH, RESET and CLIENT against a real
// redis-server. Replies that carry connection-specific values (ids, addresses, ages, memory)
// are compared by shape: the id masked in HELLO, CLIENT LIST / INFO field by field.
import { describe, expect, it } from 'vitest';
import { BlockedTimeoutTimer } from '../../src/engine/blocking.js';
import { REPLY_OFF } from '../../src/engine/client.js';
import { encodeReply } from '../../src/protocol/encode.js';
import { clockPast, show, useDiff, type DiffContext, type Conn, type Pair, type Step } from './harness.js';

async function interleave(steps: [Pair, Step][]): Promise<void> {
  for (const [p, s] of steps) await p.run([s]);
}

/** HELLO's map (or an error) with the connection id masked. */
function maskHelloId(raw: string): string {
  return raw.replace(/(\$2\r\nid\r\n:)\d+/, '$1ID');
}

/** Sends to both sides and compares after masking the connection id of HELLO. */
async function helloBoth(p: Pair, argv: string[]): Promise<string> {
  const { real, ours } = await p.both(argv);
  expect(show(maskHelloId(ours)), `reply to ${show(argv.join(' '))}`).toBe(show(maskHelloId(real)));
  return real;
}

/** The text of a RESP2 bulk or RESP3 verbatim reply. */
function text(raw: string): string {
  const m = /^([$=])(\d+)\r\n/.exec(raw);
  expect(m, show(raw)).not.toBeNull();
  const body = raw.slice(m![0].length, m![0].length + Number(m![2]));
  return m![1] === '=' ? body.slice(4) : body;
}

/** Fields whose value both servers must agree on; the others only need the right shape. */
const EXACT = new Set([
  'name',
  'flags',
  'db',
  'sub',
  'psub',
  'ssub',
  'multi',
  'qbuf',
  'argv-mem',
  'multi-mem',
  'oll',
  'omem',
  'events',
  'cmd',
  'user',
  'redir',
  'resp',
]);
const SHAPE: Record<string, RegExp> = {
  id: /^\d+$/,
  addr: /^\d+\.\d+\.\d+\.\d+:\d+$/,
  laddr: /^\d+\.\d+\.\d+\.\d+:\d+$/,
  fd: /^\d+$/,
  age: /^\d+$/,
  idle: /^\d+$/,
  'qbuf-free': /^\d+$/,
  rbs: /^\d+$/,
  rbp: /^\d+$/,
  obl: /^\d+$/,
  'tot-mem': /^\d+$/,
};

function fieldsOf(line: string): [string, string][] {
  return line.split(' ').map((part) => {
    const eq = part.indexOf('=');
    return [part.slice(0, eq), part.slice(eq + 1)];
  });
}

/** Compares CLIENT LIST / CLIENT INFO replies line by line, field by field. */
function expectSameClientLines(real: string, ours: string, what: string): void {
  expect(ours[0], `${what}: reply type of ${show(ours)}`).toBe(real[0]);
  const r = text(real);
  const o = text(ours);
  expect(o.endsWith('\n') || o === '', what).toBe(r.endsWith('\n') || r === '');
  const rl = r.split('\n').filter((l) => l !== '');
  const ol = o.split('\n').filter((l) => l !== '');
  expect(ol.length, `${what}: lines\n${r}\n---\n${o}`).toBe(rl.length);
  for (let i = 0; i < rl.length; i++) {
    const rf = fieldsOf(rl[i]!);
    const of = fieldsOf(ol[i]!);
    expect(
      of.map(([k]) => k),
      what,
    ).toEqual(rf.map(([k]) => k));
    for (let j = 0; j < rf.length; j++) {
      const [k, rv] = rf[j]!;
      const ov = of[j]![1];
      if (EXACT.has(k)) expect(ov, `${what}: ${k} of line ${i}`).toBe(rv);
      else expect(ov, `${what}: ${k} of line ${i}`).toMatch(SHAPE[k]!);
    }
  }
}

async function clientInfoBoth(p: Pair, argv: string[] = ['CLIENT', 'INFO']): Promise<void> {
  const { real, ours } = await p.both(argv);
  expectSameClientLines(real, ours, argv.join(' '));
}

/** A field of CLIENT INFO on each side. */
async function infoField(p: Pair<Conn>, field: string): Promise<{ real: string; ours: string }> {
  const { real, ours } = await p.both(['CLIENT', 'INFO']);
  const get = (raw: string) => new Map(fieldsOf(text(raw).trim())).get(field)!;
  return { real: get(real), ours: get(ours) };
}

async function ids(p: Pair): Promise<{ real: string; ours: string }> {
  const { real, ours } = await p.both(['CLIENT', 'ID']);
  expect(real).toMatch(/^:\d+\r\n$/);
  expect(ours).toMatch(/^:\d+\r\n$/);
  return { real: real.slice(1, -2), ours: ours.slice(1, -2) };
}

/** Sends side-specific arguments (`a` for the real server, `b` for ours) and compares. */
async function sideBySide(p: Pair, build: (side: 'real' | 'ours') => string[]): Promise<{ real: string; ours: string }> {
  const real = await p.real.send(build('real'));
  const ours = await p.ours.send(build('ours'));
  expect(show(ours), `reply to ${show(build('real').join(' '))}`).toBe(show(real));
  return { real, ours };
}

describe('PING, ECHO, SELECT, QUIT', () => {
  const d = useDiff();

  it('PING and ECHO, binary and empty', () =>
    d.run([
      ['PING'],
      ['ping'],
      ['PING', 'hello'],
      ['PING', ''],
      ['PING', '\xec\x95\x88\xff\x00\r\n'],
      ['PING', 'a', 'b'],
      ['ECHO', 'x'],
      ['ECHO', ''],
      ['ECHO', '\xff\x00\r\n'],
      ['ECHO'],
      ['ECHO', 'a', 'b'],
    ]));

  it('PING and ECHO in RESP3', async () => {
    await helloBoth(d.pair, ['HELLO', '3']);
    await d.run([['PING'], ['PING', 'x'], ['ECHO', 'y'], ['PING', '1', '2']]);
  });

  it('SELECT: range and integer errors', () =>
    d.run([
      ['SELECT', '15'],
      ['SET', 'k', 'in15'],
      ['SELECT', '16'],
      ['SELECT', '-1'],
      ['SELECT', 'abc'],
      ['SELECT', ''],
      ['SELECT', ' 1'],
      ['SELECT', '1.0'],
      ['SELECT', '0x1'],
      ['SELECT', '01'],
      ['SELECT', '+1'],
      ['SELECT', '2147483647'],
      ['SELECT', '2147483648'],
      ['SELECT', '-2147483648'],
      ['SELECT', '-2147483649'],
      ['SELECT', '9223372036854775807'],
      ['SELECT', '9223372036854775808'],
      ['GET', 'k'],
      ['SELECT', '0'],
      ['GET', 'k'],
      ['SELECT'],
      ['SELECT', '1', '2'],
    ]));

  it('QUIT answers OK and the connection closes', async () => {
    const [a] = await d.clients(1);
    await a.run([['QUIT', 'with', 'args']]);
    expect(await a.real.send(['PING'])).toBe('<connection closed>');
    expect(a.ours.client.closeAfterReply).toBe(true);
  });
});

describe('HELLO and AUTH without a password', () => {
  const d = useDiff();

  it('HELLO reports the server and switches protocol', async () => {
    const p = d.pair;
    await helloBoth(p, ['HELLO']);
    await helloBoth(p, ['HELLO', '3']);
    await helloBoth(p, ['HELLO']);
    await p.run([
      ['GET', 'missing'],
      ['CLIENT', 'GETNAME'],
    ]);
    await helloBoth(p, ['hello', '2']);
    await p.run([['GET', 'missing']]);
    await helloBoth(p, ['HELLO', '3', 'SETNAME', 'named', 'AUTH', 'default', 'any']);
    await p.run([['CLIENT', 'GETNAME']]);
    await helloBoth(p, ['HELLO', '2', 'auth', 'default', 'x', 'setname', '']);
    await p.run([['CLIENT', 'GETNAME']]);
  });

  it('HELLO errors', () =>
    d.run([
      ['HELLO', '4'],
      ['HELLO', '1'],
      ['HELLO', '0'],
      ['HELLO', '-1'],
      ['HELLO', 'x'],
      ['HELLO', '3.0'],
      ['HELLO', '99999999999999999999'],
      ['HELLO', '3', 'AUTH', 'default'],
      ['HELLO', '3', 'AUTH'],
      ['HELLO', '3', 'SETNAME'],
      ['HELLO', '3', 'foo'],
      ['HELLO', '3', 'foo\x00bar'],
      ['HELLO', '3', 'SETNAME', 'a b'],
      ['HELLO', '3', 'SETNAME', '\xec\x95\x88'],
      ['HELLO', '2', 'AUTH', 'bob', 'x'],
      ['HELLO', '3', 'SETNAME', 'kept', 'AUTH', 'bob', 'x'],
      ['CLIENT', 'GETNAME'],
      ['HELLO', 'AUTH', 'default', 'x'],
      ['PING'],
    ]));

  it('AUTH without a configured password', () =>
    d.run([
      ['AUTH', 'x'],
      ['AUTH', ''],
      ['AUTH', 'default', 'x'],
      ['AUTH', 'default', ''],
      ['AUTH', 'Default', 'x'],
      ['AUTH', 'bob', 'x'],
      ['AUTH', 'a', 'b', 'c'],
      ['AUTH'],
      ['PING'],
    ]));
});

describe('AUTH with requirepass', () => {
  const d = useDiff({ redisArgs: ['--requirepass', 'pw'], engine: { config: { requirepass: 'pw' } } });

  it('NOAUTH until authenticated; which commands are allowed before', async () => {
    const [a] = await d.clients(1);
    await a.run([
      ['PING'],
      ['GET', 'k'],
      ['SELECT', '1'],
      ['CLIENT', 'ID'],
      ['MULTI'],
      ['DISCARD'],
      ['EXEC'],
      ['GET'],
      ['NOSUCH', 'x'],
      ['CLIENT', 'NOSUCH'],
      ['HELLO'],
      ['HELLO', '3'],
      ['HELLO', '3', 'SETNAME', 'n'],
      ['HELLO', '9'],
      ['AUTH', 'nope'],
      ['AUTH', 'default', 'nope'],
      ['AUTH', 'bob', 'pw'],
      ['AUTH', 'PW'],
      ['AUTH', 'pw', 'x', 'y'],
      ['RESET'],
      ['PING'],
      ['AUTH', 'pw'],
      ['FLUSHALL'],
      ['PING'],
      ['CLIENT', 'GETNAME'],
      ['AUTH', 'bad'],
      ['PING'],
      ['RESET'],
      ['PING'],
      ['AUTH', 'default', 'pw'],
      ['PING'],
    ]);
  });

  it('HELLO AUTH logs in and switches protocol at once', async () => {
    const [a] = await d.clients(1);
    await a.run([['HELLO', '3', 'SETNAME', 'n', 'AUTH', 'default', 'bad']]);
    await helloBoth(a, ['HELLO', '3', 'AUTH', 'default', 'pw']);
    await a.run([['CLIENT', 'GETNAME'], ['GET', 'missing'], ['RESET'], ['GET', 'missing']]);
  });

  it('QUIT is allowed before AUTH', async () => {
    const [a] = await d.clients(1);
    await a.run([['QUIT']]);
    expect(await a.real.send(['PING'])).toBe('<connection closed>');
  });
});

describe('RESET', () => {
  const d = useDiff();

  it('clears database, protocol, name, transaction and watches', async () => {
    const [a, b] = await d.clients(2);
    await a.run([
      ['SELECT', '4'],
      ['SET', 'k', 'in4'],
      ['CLIENT', 'SETNAME', 'x'],
    ]);
    await helloBoth(a, ['HELLO', '3']);
    await a.run([['WATCH', 'k'], ['MULTI'], ['SET', 'k', 'queued'], ['RESET'], ['GET', 'k']]);
    await interleave([
      [a, ['CLIENT', 'GETNAME']],
      [a, ['EXEC']],
      [a, ['SELECT', '4']],
      [a, ['GET', 'k']],
      [b, ['SELECT', '4']],
      [b, ['SET', 'k', 'changed']],
      [a, ['MULTI']],
      [a, ['GET', 'k']],
      [a, ['EXEC']],
      [a, ['RESET', 'x']],
      [a, ['reset']],
    ]);
  });

  it('turns tracking off and replies back on', async () => {
    await d.run([['CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'p'], ['CLIENT', 'NO-EVICT', 'on'], ['RESET']]);
    await d.run([['CLIENT', 'TRACKINGINFO']]);
    await clientInfoBoth(d.pair);
  });
});

describe('CLIENT ID, SETNAME, GETNAME, HELP', () => {
  const d = useDiff();

  it('ID is an integer, distinct per connection', async () => {
    const [a, b] = await d.clients(2);
    const ia = await ids(a);
    const ib = await ids(b);
    expect(Number(ib.real) - Number(ia.real)).toBe(Number(ib.ours) - Number(ia.ours));
    await d.run([
      ['CLIENT', 'ID', 'x'],
      ['client', 'id', 'x', 'y'],
    ]);
  });

  it('SETNAME and GETNAME', () =>
    d.run([
      ['CLIENT', 'GETNAME'],
      ['CLIENT', 'SETNAME', 'worker-1'],
      ['CLIENT', 'GETNAME'],
      ['CLIENT', 'SETNAME', '!~#$%^&*()'],
      ['CLIENT', 'GETNAME'],
      ['CLIENT', 'SETNAME', 'a b'],
      ['CLIENT', 'SETNAME', 'tab\t'],
      ['CLIENT', 'SETNAME', 'nl\n'],
      ['CLIENT', 'SETNAME', 'nul\x00'],
      ['CLIENT', 'SETNAME', '\x7f'],
      ['CLIENT', 'SETNAME', '\xec\x95\x88'],
      ['CLIENT', 'GETNAME'],
      ['CLIENT', 'SETNAME', ''],
      ['CLIENT', 'GETNAME'],
      ['CLIENT', 'SETNAME'],
      ['CLIENT', 'SETNAME', 'a', 'b'],
      ['CLIENT', 'GETNAME', 'x'],
    ]));

  it('GETNAME in RESP3', async () => {
    await helloBoth(d.pair, ['HELLO', '3']);
    await d.run([
      ['CLIENT', 'GETNAME'],
      ['CLIENT', 'SETNAME', 'n'],
      ['CLIENT', 'GETNAME'],
    ]);
  });

  it('HELP, unknown subcommands, arity', () =>
    d.run([
      ['CLIENT', 'HELP'],
      ['client', 'help'],
      ['CLIENT', 'HELP', 'x'],
      ['CLIENT'],
      ['CLIENT', 'NOSUCH'],
      ['CLIENT', 'NO-TOUCH', 'on'],
      ['CLIENT', '\xff', 'x'],
      ['CLIENT', 'INFO', 'x'],
      ['CLIENT', 'GETREDIR', 'x'],
      ['CLIENT', 'TRACKINGINFO', 'x'],
      ['CLIENT', 'UNPAUSE', 'x'],
      ['CLIENT', 'CACHING'],
      ['CLIENT', 'CACHING', 'yes', 'x'],
      ['CLIENT', 'TRACKING'],
      ['CLIENT', 'PAUSE'],
      ['CLIENT', 'REPLY'],
      ['CLIENT', 'REPLY', 'on', 'x'],
      ['CLIENT', 'NO-EVICT'],
      ['CLIENT', 'UNBLOCK'],
      ['CLIENT', 'KILL'],
    ]));
});

describe('CLIENT INFO and LIST', () => {
  const d = useDiff();

  it('one line per connection, fields in Redis order', async () => {
    const [a, b] = await d.clients(2);
    await d.run([['PING']]);
    await clientInfoBoth(a);
    await a.run([
      ['CLIENT', 'SETNAME', 'alice'],
      ['SELECT', '3'],
    ]);
    await clientInfoBoth(a);
    await clientInfoBoth(b, ['CLIENT', 'LIST']);
    await clientInfoBoth(b, ['client', 'list']);
    await clientInfoBoth(b, ['CLIENT', 'LIST', 'TYPE', 'normal']);
    await clientInfoBoth(b, ['CLIENT', 'LIST', 'TYPE', 'NORMAL\x00x']);
    for (const t of ['pubsub', 'master', 'replica', 'slave']) {
      await b.run([['CLIENT', 'LIST', 'TYPE', t]]);
    }
    await b.run([
      ['CLIENT', 'LIST', 'TYPE', 'x'],
      ['CLIENT', 'LIST', 'TYPE'],
      ['CLIENT', 'LIST', 'ID'],
      ['CLIENT', 'LIST', 'ID', 'x'],
      ['CLIENT', 'LIST', 'ID', '-1'],
      ['CLIENT', 'LIST', 'ID', '99999999'],
      ['CLIENT', 'LIST', 'foo', 'bar'],
      ['CLIENT', 'LIST', 'TYPE', 'normal', 'x'],
    ]);
  });

  it('LIST ID picks connections in the order given', async () => {
    const [a, b] = await d.clients(2);
    const ia = await ids(a);
    const ib = await ids(b);
    const real = await a.real.send(['CLIENT', 'LIST', 'ID', ib.real, '99999999', ia.real, ib.real]);
    const ours = await a.ours.send(['CLIENT', 'LIST', 'ID', ib.ours, '99999999', ia.ours, ib.ours]);
    expectSameClientLines(real, ours, 'CLIENT LIST ID');
    await sideBySide(a, (s) => ['CLIENT', 'LIST', 'ID', s === 'real' ? ia.real : ia.ours, 'x']);
  });

  it('follows MULTI, WATCH, a broken WATCH, NO-EVICT and RESP3', async () => {
    const [a, b] = await d.clients(2);
    await d.run([['PING']]);
    await a.run([['WATCH', 'k', 'j'], ['MULTI'], ['GET', 'x'], ['SET', 'aaaaaaaaaa', 'bbbbbbbbbbbbbbbbbbbbbb']]);
    await clientInfoBoth(b, ['CLIENT', 'LIST']);
    await b.run([['SET', 'k', 'v']]);
    await clientInfoBoth(b, ['CLIENT', 'LIST']);
    await a.run([['NOSUCH']]);
    await clientInfoBoth(b, ['CLIENT', 'LIST']);
    await a.run([['SET', 'more', 'queued'], ['CLIENT', 'INFO'], ['EXEC']]);
    await clientInfoBoth(b, ['CLIENT', 'LIST']);
    await a.run([['CLIENT', 'NO-EVICT', 'on']]);
    await clientInfoBoth(a);
    await a.run([['CLIENT', 'NO-EVICT', 'off']]);
    await helloBoth(a, ['HELLO', '3']);
    await clientInfoBoth(a);
    await clientInfoBoth(a, ['CLIENT', 'LIST']);
  });

  it('CLIENT INFO inside EXEC', async () => {
    const [a] = await d.clients(1);
    await a.run([['MULTI'], ['CLIENT', 'INFO']]);
    const { real, ours } = await a.both(['EXEC']);
    const inner = (raw: string) => {
      expect(raw.startsWith('*1\r\n'), show(raw)).toBe(true);
      return raw.slice(4);
    };
    expectSameClientLines(inner(real), inner(ours), 'CLIENT INFO in EXEC');
  });
});

describe('the reply buffer over TCP (clientsCron runs)', () => {
  const d = useDiff({ overTcp: true });

  it('the reply buffer shrinks while idle and doubles back under big replies (clientsCron)', async () => {
    const [a] = await d.clients(1);
    await a.run([['SET', 'big', 'x'.repeat(32768)]]);
    const field = async (name: string) => infoField(a, name);
    // Idle: the first cron run reads the peak again, the next shrinks the buffer to 1 KB.
    await expect.poll(async () => field('rbs'), { timeout: 5000 }).toEqual({ real: '1024', ours: '1024' });
    // Each run that finds it filled doubles it, up to 16 KB.
    await expect
      .poll(
        async () => {
          await a.both(['GET', 'big']);
          return field('rbs');
        },
        { timeout: 5000 },
      )
      .toEqual({ real: '16384', ours: '16384' });
    await a.both(['GET', 'big']);
    expect(await field('rbp')).toEqual({ real: '16384', ours: '16384' });
  });
});

describe('CLIENT KILL', () => {
  const d = useDiff();

  /** Checks that the victim's connection went away on both sides. */
  async function expectGone(d: DiffContext, victim: Pair): Promise<void> {
    expect(await victim.real.send(['PING'])).toBe('<connection closed>');
    expect(d.engine.clients.has(victim.ours.client.id)).toBe(false);
  }

  it('errors', () =>
    d.run([
      ['CLIENT', 'KILL', '1.2.3.4:5'],
      ['CLIENT', 'KILL', 'nonsense'],
      ['CLIENT', 'KILL', 'ID', 'x'],
      ['CLIENT', 'KILL', 'ID', '0'],
      ['CLIENT', 'KILL', 'ID', '-5'],
      ['CLIENT', 'KILL', 'ID', '99999999'],
      ['CLIENT', 'KILL', 'TYPE', 'foo'],
      ['CLIENT', 'KILL', 'TYPE', 'master'],
      ['CLIENT', 'KILL', 'TYPE', 'pubsub'],
      ['CLIENT', 'KILL', 'USER', 'bob'],
      ['CLIENT', 'KILL', 'SKIPME', 'maybe'],
      ['CLIENT', 'KILL', 'foo', 'bar'],
      ['CLIENT', 'KILL', 'ID', '1', 'ADDR'],
      ['CLIENT', 'KILL', 'ADDR', '1.2.3.4:5', 'LADDR', '1.2.3.4:6'],
      ['CLIENT', 'KILL', 'ADDR', '1.2.3.4:5', 'ID', 'x'],
      ['CLIENT', 'KILL', 'ID', 'x', 'TYPE', 'foo'],
      ['CLIENT', 'KILL'],
      ['PING'],
    ]));

  it('by ID (with USER and TYPE filters too)', async () => {
    const [a, v1, v2] = await d.clients(3);
    const i1 = await ids(v1);
    const i2 = await ids(v2);
    await sideBySide(a, (s) => ['CLIENT', 'KILL', 'ID', s === 'real' ? i1.real : i1.ours]);
    await expectGone(d, v1);
    await sideBySide(a, (s) => ['CLIENT', 'KILL', 'ID', s === 'real' ? i1.real : i1.ours]);
    await sideBySide(a, (s) => ['CLIENT', 'KILL', 'ID', s === 'real' ? i2.real : i2.ours, 'TYPE', 'pubsub']);
    await sideBySide(a, (s) => ['client', 'kill', 'user', 'default', 'type', 'NORMAL', 'id', s === 'real' ? i2.real : i2.ours]);
    await expectGone(d, v2);
  });

  it('by ADDR, LADDR and the old form', async () => {
    const [a, v1, v2, v3] = await d.clients(4);
    const addr1 = await infoField(v1, 'addr');
    await sideBySide(a, (s) => ['CLIENT', 'KILL', 'ADDR', addr1[s]]);
    await expectGone(d, v1);
    const addr2 = await infoField(v2, 'addr');
    await sideBySide(a, (s) => ['CLIENT', 'KILL', addr2[s]]);
    await sideBySide(a, (s) => ['CLIENT', 'KILL', addr2[s]]);
    await expectGone(d, v2);
    const addr3 = await infoField(v3, 'addr');
    const laddr3 = await infoField(v3, 'laddr');
    await sideBySide(a, (s) => ['CLIENT', 'KILL', 'ADDR', addr3[s], 'LADDR', '9.9.9.9:1']);
    await sideBySide(a, (s) => ['CLIENT', 'KILL', 'LADDR', laddr3[s], 'ADDR', addr3[s]]);
    await expectGone(d, v3);
  });

  it('SKIPME: itself only when asked, or with the old form', async () => {
    const [a, b] = await d.clients(2);
    const ia = await ids(a);
    await sideBySide(a, (s) => ['CLIENT', 'KILL', 'ID', s === 'real' ? ia.real : ia.ours]);
    await sideBySide(a, (s) => ['CLIENT', 'KILL', 'ID', s === 'real' ? ia.real : ia.ours, 'SKIPME', 'yes']);
    await sideBySide(a, (s) => ['CLIENT', 'KILL', 'ID', s === 'real' ? ia.real : ia.ours, 'SKIPME', 'no']);
    expect(await a.real.send(['PING'])).toBe('<connection closed>');
    expect(a.ours.client.closeAfterReply).toBe(true);
    const addrB = await infoField(b, 'addr');
    await sideBySide(b, (s) => ['CLIENT', 'KILL', addrB[s]]);
    expect(await b.real.send(['PING'])).toBe('<connection closed>');
    expect(b.ours.client.closeAfterReply).toBe(true);
  });
});

describe('CLIENT UNBLOCK, PAUSE, NO-EVICT, REPLY', () => {
  const d = useDiff();

  it('UNBLOCK a connection that is not blocked, and errors', async () => {
    const [a, b] = await d.clients(2);
    const ib = await ids(b);
    await sideBySide(a, (s) => ['CLIENT', 'UNBLOCK', s === 'real' ? ib.real : ib.ours]);
    await sideBySide(a, (s) => ['CLIENT', 'UNBLOCK', s === 'real' ? ib.real : ib.ours, 'ERROR']);
    await a.run([
      ['CLIENT', 'UNBLOCK', '99999999'],
      ['CLIENT', 'UNBLOCK', '99999999', 'timeout'],
      ['CLIENT', 'UNBLOCK', 'x'],
      ['CLIENT', 'UNBLOCK', 'x', 'foo'],
      ['CLIENT', 'UNBLOCK', '1', 'foo'],
      ['CLIENT', 'UNBLOCK', '1', '2', '3'],
    ]);
  });

  it('PAUSE / UNPAUSE', async () => {
    // A 1 ms pause holds the next command until its deadline: our side needs the timer hosts run.
    const timer = new BlockedTimeoutTimer(d.engine, {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    });
    timer.start();
    try {
      await d.run([
        ['CLIENT', 'PAUSE', '1'],
        ['CLIENT', 'PAUSE', '1', 'WRITE'],
        ['CLIENT', 'PAUSE', '0', 'all'],
        ['CLIENT', 'PAUSE', 'x'],
        ['CLIENT', 'PAUSE', '1.5'],
        ['CLIENT', 'PAUSE', '-1'],
        ['CLIENT', 'PAUSE', '10', 'foo'],
        ['CLIENT', 'PAUSE', 'x', 'foo'],
        ['CLIENT', 'PAUSE', '1', '2', '3'],
        ['CLIENT', 'UNPAUSE'],
        ['PING'],
      ]);
    } finally {
      timer.stop();
    }
  });

  it('NO-EVICT', () =>
    d.run([
      ['CLIENT', 'NO-EVICT', 'on'],
      ['CLIENT', 'NO-EVICT', 'OFF'],
      ['CLIENT', 'NO-EVICT', 'on\x00junk'],
      ['CLIENT', 'NO-EVICT', 'maybe'],
      ['CLIENT', 'NO-EVICT', ''],
      ['CLIENT', 'NO-EVICT', 'on', 'x'],
    ]));

  it('REPLY errors and ON', () => d.run([['CLIENT', 'REPLY', 'ON'], ['CLIENT', 'REPLY', 'maybe'], ['CLIENT', 'REPLY', 'on\x00x'], ['PING']]));

  /**
   * The replies a sequence produces. The real server is read until an ECHO sentinel comes
   * back; our engine's replies are taken from execute() (null = nothing sent).
   */
  async function emitted(p: Pair, steps: string[][]): Promise<{ real: string[]; ours: string[] }> {
    const sentinel = ['ECHO', '__end__'];
    const all = [...steps, ['CLIENT', 'REPLY', 'ON'], sentinel];
    const got: (string | undefined)[] = [];
    all.forEach((argv, i) => void p.real.send(argv).then((raw) => (got[i] = raw)));
    await expect.poll(() => got.includes('$7\r\n__end__\r\n'), { message: 'the sentinel coming back' }).toBe(true);
    const real = got.filter((x): x is string => x !== undefined);
    const ours: string[] = [];
    const c = p.ours.client;
    for (const argv of all) {
      const r = c.engine.execute(c, [...argv]);
      if (r !== null) ours.push(encodeReply(r, c.resp));
    }
    return { real, ours };
  }

  it('REPLY OFF, SKIP and ON: which replies are sent', async () => {
    const cases: string[][][] = [
      [
        ['CLIENT', 'REPLY', 'SKIP'],
        ['PING', 'skipped'],
        ['PING', 'sent'],
      ],
      [['CLIENT', 'REPLY', 'OFF'], ['SET', 'k', 'v'], ['NOSUCH'], ['GET', 'k']],
      [
        ['CLIENT', 'REPLY', 'SKIP'],
        ['CLIENT', 'REPLY', 'OFF'],
        ['PING', 'a'],
      ],
      [
        ['CLIENT', 'REPLY', 'OFF'],
        ['CLIENT', 'REPLY', 'SKIP'],
        ['PING', 'a'],
      ],
      [
        ['CLIENT', 'REPLY', 'SKIP'],
        ['CLIENT', 'REPLY', 'SKIP'],
        ['PING', 'a'],
        ['PING', 'b'],
      ],
      [['CLIENT', 'REPLY', 'SKIP'], ['GET'], ['PING', 'after error']],
      [['CLIENT', 'REPLY', 'OFF'], ['RESET'], ['PING', 'after reset']],
    ];
    for (const steps of cases) {
      const [p] = await d.clients(1);
      const { real, ours } = await emitted(p, steps);
      expect(ours.map(show), steps.map((s) => s.join(' ')).join('; ')).toEqual(real.map(show));
      expect(p.ours.client.replyFlags & REPLY_OFF).toBe(0);
    }
  });
});

describe('CLIENT REPLY SKIP before a blocking command', () => {
  const d = useDiff();

  // Redis keeps a blocked client's reply state until its command ends (commandProcessed returns
  // early for blocked clients), so the skip silences the reply it gets when served or timed out.
  it('silences the reply the blocked command gets later, then replies resume', async () => {
    for (const [block, wake] of [
      [
        ['BLPOP', 'k', '0'],
        ['RPUSH', 'k', 'v'],
      ],
      [['BLPOP', 'k', '0.05'], null],
    ] as const) {
      const [a, b] = await d.clients(2);
      const real: string[] = [];
      const ours: string[] = [];
      const c = a.ours.client;
      const deliver = c.deliver;
      c.deliver = (r) => void ours.push(encodeReply(r, c.resp));
      // Sends on both sides; each side's replies, whenever they come, are collected in order.
      const send = (argv: string[]) => {
        void a.real.send(argv).then((raw) => real.push(raw));
        const r = c.engine.execute(c, argv);
        if (r !== null) ours.push(encodeReply(r, c.resp));
      };
      try {
        send(['CLIENT', 'REPLY', 'SKIP']);
        send([...block]);
        if (wake !== null) {
          // Served once blocked (our engine blocks within send; the real server, when it says so).
          const blocked = async () => /blocked_clients:(\d+)/.exec(await b.real.send(['INFO', 'clients']))?.[1];
          await expect.poll(blocked).toBe('1');
          await b.run([[...wake]]);
        } else {
          // Timed out: ours once the clock is past the timeout; the real server by itself, and
          // it runs the ECHO below only after that (a blocked client's input waits).
          await clockPast(Date.now() + 50);
          c.engine.handleBlockedTimeouts();
        }
        send(['ECHO', 'after']);
        await expect.poll(() => real.includes('$5\r\nafter\r\n'), { message: "ECHO's reply" }).toBe(true);
      } finally {
        c.deliver = deliver;
      }
      expect(ours.map(show), block.join(' ')).toEqual(real.map(show));
      expect(real.map(show)).toEqual([show('$5\r\nafter\r\n')]);
    }
  });
});

describe('CLIENT TRACKING, CACHING, GETREDIR, TRACKINGINFO', () => {
  const d = useDiff();

  it('modes and their errors', async () => {
    await d.run([['PING']]);
    await d.run([
      ['CLIENT', 'TRACKINGINFO'],
      ['CLIENT', 'GETREDIR'],
      ['CLIENT', 'CACHING', 'yes'],
      ['CLIENT', 'CACHING', 'no'],
      ['CLIENT', 'TRACKING', 'on'],
      ['CLIENT', 'GETREDIR'],
      ['CLIENT', 'TRACKINGINFO'],
      ['CLIENT', 'CACHING', 'yes'],
      ['CLIENT', 'CACHING', 'no'],
      ['CLIENT', 'CACHING', 'maybe'],
      ['CLIENT', 'TRACKING', 'on', 'BCAST'],
      ['CLIENT', 'TRACKING', 'on', 'OPTIN', 'NOLOOP'],
      ['CLIENT', 'TRACKINGINFO'],
      ['CLIENT', 'CACHING', 'yes'],
      ['CLIENT', 'TRACKINGINFO'],
      ['CLIENT', 'GETREDIR'],
      ['CLIENT', 'TRACKINGINFO'],
      ['PING'],
      ['CLIENT', 'TRACKINGINFO'],
      ['CLIENT', 'TRACKING', 'on', 'OPTOUT'],
      ['CLIENT', 'TRACKING', 'on', 'OPTIN'],
      ['CLIENT', 'TRACKING', 'off'],
      ['CLIENT', 'TRACKING', 'on', 'OPTOUT'],
      ['CLIENT', 'CACHING', 'no'],
      ['MULTI'],
      ['PING'],
      ['EXEC'],
      ['CLIENT', 'TRACKINGINFO'],
      ['CLIENT', 'TRACKING', 'OFF'],
      ['CLIENT', 'TRACKINGINFO'],
    ]);
    await clientInfoBoth(d.pair);
  });

  it('BCAST prefixes', async () => {
    await d.run([['PING']]);
    await d.run([
      ['CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'user:', 'PREFIX', 'a', 'PREFIX', '\xff'],
      ['CLIENT', 'TRACKINGINFO'],
      ['CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'b'],
      ['CLIENT', 'TRACKINGINFO'],
      ['CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'ab'],
      ['CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'use'],
      ['CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'b'],
      ['CLIENT', 'TRACKINGINFO'],
      ['CLIENT', 'TRACKING', 'on'],
      ['CLIENT', 'TRACKING', 'on', 'BCAST', 'OPTIN'],
    ]);
    await clientInfoBoth(d.pair);
    await d.run([
      ['CLIENT', 'TRACKING', 'off'],
      ['CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'x', 'PREFIX', 'xy'],
      ['CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'x\x00y', 'PREFIX', 'x'],
      ['CLIENT', 'TRACKINGINFO'],
      ['CLIENT', 'TRACKING', 'on', 'BCAST'],
      ['CLIENT', 'TRACKINGINFO'],
      ['CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'z'],
      ['CLIENT', 'TRACKING', 'off'],
      ['CLIENT', 'TRACKING', 'on', 'PREFIX', 'a'],
      ['CLIENT', 'TRACKING', 'on', 'BCAST', 'OPTIN'],
      ['CLIENT', 'TRACKING', 'on', 'BCAST', 'OPTOUT'],
      ['CLIENT', 'TRACKING', 'on', 'OPTIN', 'OPTOUT'],
      ['CLIENT', 'TRACKING', 'on', 'foo'],
      ['CLIENT', 'TRACKING', 'on', 'PREFIX'],
      ['CLIENT', 'TRACKING', 'on', 'REDIRECT'],
      ['CLIENT', 'TRACKING', 'on', 'REDIRECT', 'x'],
      ['CLIENT', 'TRACKING', 'on', 'REDIRECT', '99999999'],
      ['CLIENT', 'TRACKING', 'maybe'],
      ['CLIENT', 'TRACKING', 'maybe', 'BCAST'],
      ['CLIENT', 'TRACKINGINFO'],
    ]);
  });

  it('REDIRECT to another connection', async () => {
    const [a, b] = await d.clients(2);
    const ib = await ids(b);
    await sideBySide(a, (s) => ['CLIENT', 'TRACKING', 'on', 'REDIRECT', s === 'real' ? ib.real : ib.ours]);
    const redir = await a.both(['CLIENT', 'GETREDIR']);
    expect(redir.real).toBe(`:${ib.real}\r\n`);
    expect(redir.ours).toBe(`:${ib.ours}\r\n`);
    await sideBySide(a, (s) => ['CLIENT', 'TRACKING', 'on', 'REDIRECT', s === 'real' ? ib.real : ib.ours, 'REDIRECT', '1']);
    const info = await infoField(a, 'redir');
    expect(info.real).toBe(ib.real);
    expect(info.ours).toBe(ib.ours);
    await a.run([
      ['CLIENT', 'TRACKING', 'off'],
      ['CLIENT', 'GETREDIR'],
    ]);
  });

  it('TRACKINGINFO in RESP3', async () => {
    await helloBoth(d.pair, ['HELLO', '3']);
    await d.run([
      ['CLIENT', 'TRACKINGINFO'],
      ['CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'q'],
      ['CLIENT', 'TRACKINGINFO'],
      ['CLIENT', 'TRACKING', 'off'],
    ]);
  });
});

describe('client-side caching: invalidation messages', () => {
  const d = useDiff();

  /** The next out-of-band push on each side, compared (with `mask` applied to both). */
  async function expectPush(p: Pair, what: string, mask: (raw: string) => string = (x) => x): Promise<string> {
    // A deadline only for a readable failure; a busy machine gets as long as expect.poll does.
    const timeout = (side: string) => new Promise<string>((resolve) => setTimeout(() => resolve(`<no push on ${side}>`), 10_000));
    const real = await Promise.race([p.real.next(), timeout('real')]);
    const ours = await Promise.race([p.ours.next(), timeout('ours')]);
    expect(show(mask(ours)), what).toBe(show(mask(real)));
    expect(real.startsWith('>'), `${what}: ${show(real)}`).toBe(true);
    return real;
  }

  /** Nothing is pending on either side: the next reply is PONG's, our engine holds no push. */
  async function expectNoPush(p: Pair): Promise<void> {
    await p.run([['PING', 'nothing pending']]);
    const queued = (p.ours as unknown as { pending: string[] }).pending;
    expect(queued.map(show)).toEqual([]);
  }

  async function tracking3(p: Pair, ...options: string[]): Promise<void> {
    await helloBoth(p, ['HELLO', '3']);
    await p.run([['CLIENT', 'TRACKING', 'on', ...options]]);
  }

  it('a key read by a tracking client is invalidated once when another client writes it', async () => {
    const [a, b] = await d.clients(2);
    await tracking3(a);
    await interleave([
      [a, ['SET', 'k', 'v']],
      [b, ['SET', 'k', 'not tracked yet']],
    ]);
    await expectNoPush(a);
    await interleave([
      [a, ['GET', 'k']],
      [b, ['SET', 'k', 'v2']],
    ]);
    await expectPush(a, 'after SET from b');
    await b.run([['SET', 'k', 'v3']]);
    await expectNoPush(a);
    await interleave([
      [a, ['MGET', 'k', 'j', 'missing']],
      [b, ['MSET', 'j', '1', 'k', '2']],
    ]);
    await expectPush(a, 'MSET j');
    await expectPush(a, 'MSET k');
    await interleave([
      [a, ['GET', 'k']],
      [b, ['DEL', 'k']],
    ]);
    await expectPush(a, 'DEL');
    await interleave([
      [a, ['STRLEN', 'k']],
      [b, ['SELECT', '1']],
      [b, ['SET', 'k', 'other db, same name']],
    ]);
    await expectPush(a, 'the table is not per database');
    await expectNoPush(a);
  });

  it("the client's own writes: the push follows the reply, NOLOOP drops it", async () => {
    const [a] = await d.clients(1);
    await tracking3(a);
    await a.run([
      ['GET', 'k'],
      ['SET', 'k', 'mine'],
    ]);
    await expectPush(a, 'own write');
    await a.run([['GET', 'k'], ['MULTI'], ['SET', 'k', '1'], ['GET', 'k'], ['EXEC']]);
    await expectPush(a, 'own write in EXEC');
    await a.run([
      ['CLIENT', 'TRACKING', 'on', 'NOLOOP'],
      ['GET', 'k'],
      ['SET', 'k', '2'],
    ]);
    await expectNoPush(a);
  });

  it('FLUSHDB and FLUSHALL invalidate everything with a null', async () => {
    const [a, b] = await d.clients(2);
    await tracking3(a);
    await b.run([['FLUSHALL']]);
    await expectPush(a, 'FLUSHALL');
    await expectNoPush(a);
    await b.run([['SELECT', '2'], ['FLUSHDB']]);
    await expectPush(a, 'FLUSHDB');
    await a.run([['FLUSHDB']]);
    await expectPush(a, 'own FLUSHDB');
    await a.run([['GET', 'k'], ['FLUSHDB']]);
    await expectPush(a, 'own FLUSHDB after a read');
    await b.run([['SET', 'k', 'v']]);
    await expectNoPush(a);
  });

  it('OPTIN and OPTOUT with CACHING', async () => {
    const [a, b] = await d.clients(2);
    await tracking3(a, 'OPTIN');
    await interleave([
      [a, ['GET', 'k']],
      [b, ['SET', 'k', '1']],
    ]);
    await expectNoPush(a);
    await interleave([
      [a, ['CLIENT', 'CACHING', 'yes']],
      [a, ['GET', 'k']],
      [a, ['GET', 'j']],
      [b, ['SET', 'k', '2']],
      [b, ['SET', 'j', '2']],
    ]);
    await expectPush(a, 'OPTIN with CACHING yes');
    await expectNoPush(a);
    await a.run([
      ['CLIENT', 'TRACKING', 'off'],
      ['CLIENT', 'TRACKING', 'on', 'OPTOUT'],
    ]);
    await interleave([
      [a, ['CLIENT', 'CACHING', 'no']],
      [a, ['GET', 'k']],
      [a, ['GET', 'j']],
      [b, ['SET', 'k', '3']],
      [b, ['SET', 'j', '3']],
    ]);
    await expectPush(a, 'OPTOUT: only the read after CACHING no is untracked');
    await expectNoPush(a);
  });

  it('BCAST: every modified key under a prefix, batched per command', async () => {
    const [a, b] = await d.clients(2);
    await tracking3(a, 'BCAST', 'PREFIX', 'user:', 'PREFIX', 'cfg');
    await b.run([['SET', 'user:1', 'x']]);
    await expectPush(a, 'SET user:1');
    await b.run([['MSET', 'user:2', 'a', 'other', 'b', 'user:10', 'c', 'cfg', 'd']]);
    await expectPush(a, 'MSET: prefix cfg first');
    await expectPush(a, 'MSET: then user:');
    await b.run([
      ['SET', 'other', 'z'],
      ['DEL', 'nothing'],
    ]);
    await expectNoPush(a);
    await a.run([['SET', 'user:1', 'own']]);
    await expectPush(a, 'own write in BCAST');
    await a.run([['CLIENT', 'TRACKING', 'on', 'BCAST', 'NOLOOP']]);
    await a.run([['SET', 'user:1', 'own again']]);
    await expectNoPush(a);
    // Re-enabling BCAST without PREFIX adds the empty prefix: every key, a second message.
    await b.run([['MULTI'], ['SET', 'user:3', '1'], ['DEL', 'user:1'], ['EXEC']]);
    await expectPush(a, 'EXEC from b, prefix ""');
    await expectPush(a, 'EXEC from b, prefix user:');
    await a.run([['MSET', 'user:1', '1', 'cfg:x', '2']]);
    await expectNoPush(a);
  });

  it('REDIRECT sends the invalidations to another connection', async () => {
    const [a, b, c] = await d.clients(3);
    await helloBoth(b, ['HELLO', '3']);
    const ib = await ids(b);
    await sideBySide(a, (s) => ['CLIENT', 'TRACKING', 'on', 'REDIRECT', s === 'real' ? ib.real : ib.ours]);
    await interleave([
      [a, ['GET', 'k']],
      [c, ['SET', 'k', 'v']],
    ]);
    await expectPush(b, 'redirected to b');
    await expectNoPush(a);
    await expectNoPush(b);
    // RESP2 connections get no pushes of their own.
    await a.run([
      ['CLIENT', 'TRACKING', 'off'],
      ['CLIENT', 'TRACKING', 'on'],
      ['GET', 'k'],
    ]);
    await c.run([['SET', 'k', 'w']]);
    await expectNoPush(a);
  });

  it('a redirect to a closed connection is reported as broken', async () => {
    const [a, b, c] = await d.clients(3);
    await helloBoth(a, ['HELLO', '3']);
    const ic = await ids(c);
    await sideBySide(a, (s) => ['CLIENT', 'TRACKING', 'on', 'REDIRECT', s === 'real' ? ic.real : ic.ours]);
    c.real.close();
    c.ours.close();
    // Wait until the real server has noticed the closed connection.
    const listed = async () => text(await b.real.send(['CLIENT', 'LIST'])).includes(`id=${ic.real} `);
    await expect.poll(listed, { message: 'the closed connection leaving CLIENT LIST' }).toBe(false);
    await interleave([
      [a, ['GET', 'k']],
      [b, ['SET', 'k', 'v']],
    ]);
    const maskId = (raw: string) => raw.replace(/:\d+\r\n/, ':ID\r\n');
    await expectPush(a, 'tracking-redir-broken', maskId);
    const info = await a.both(['CLIENT', 'TRACKINGINFO']);
    expect(show(maskId(info.ours))).toBe(show(maskId(info.real)));
    expect(info.real).toContain('broken_redirect');
    const flags = await infoField(a, 'flags');
    expect(flags.ours).toBe(flags.real);
    expect(flags.real).toBe('tR');
    await expectNoPush(a);
  });

  it('an expired key read by a tracking client is invalidated', async () => {
    const [a, b] = await d.clients(2);
    await tracking3(a);
    // Long enough for the GET to come first on a busy machine; then past it on the clock.
    await a.run([
      ['SET', 'k', 'v', 'PX', '500'],
      ['GET', 'k'],
    ]);
    await clockPast(Date.now() + 500);
    await b.run([['GET', 'k']]);
    await expectPush(a, 'expired');
    await expectNoPush(a);
  });

  it('RESET and TRACKING OFF stop the messages', async () => {
    const [a, b] = await d.clients(2);
    await tracking3(a, 'BCAST');
    await a.run([['CLIENT', 'TRACKING', 'off']]);
    await b.run([['SET', 'k', 'v']]);
    await expectNoPush(a);
    await a.run([['CLIENT', 'TRACKING', 'on'], ['GET', 'k'], ['RESET']]);
    await helloBoth(a, ['HELLO', '3']);
    await b.run([['SET', 'k', 'w']]);
    await expectNoPush(a);
  });
});
