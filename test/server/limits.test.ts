// Limits enforced on a connection, against a real redis-server 7.0: protected mode (tested on a
// non-loopback address of this machine, where it applies), proto-max-bulk-len over TCP, and
// client-query-buffer-limit.

import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { encodeReply } from '../../src/protocol/encode.js';
import type { RunningServer } from '../../src/server/server.js';
import { PROTECTED_MODE_DENIED } from '../../src/shared/errors.js';
import { show, startRealRedis, type RealRedis } from '../diff/harness.js';
import { exchange, multibulk, startOurs, type ExchangeOptions } from './raw.js';

/** An IPv4 address of this machine that is not loopback: where protected mode turns clients away. */
function outsideAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  throw new Error('this machine has no non-loopback IPv4 address to test protected mode on');
}

/** The value of a bulk split into chunks the size of one socket read. */
function chunked(head: string, size: number, tail: string): string[] {
  const chunks = [head];
  for (let sent = 0; sent < size; sent += 65536) chunks.push('x'.repeat(Math.min(65536, size - sent)));
  chunks.push(tail);
  return chunks;
}

describe('protected mode, from a non-loopback address', () => {
  const ip = outsideAddress();
  let real: RealRedis;
  let ours: { engine: Engine; server: RunningServer };
  beforeAll(async () => {
    // Real Redis listens on loopback too, where CONFIG SET is sent; ours is configured in-process.
    real = await startRealRedis(['--bind', ip, '127.0.0.1']);
    ours = await startOurs({}, { host: ip });
  });
  afterAll(async () => {
    await real?.stop();
    await ours?.server.close();
  });

  /** CONFIG SET on both, from loopback (AUTH first when a password is set). */
  async function configSet(name: string, value: string, password = ''): Promise<void> {
    const auth = password === '' ? [] : [['AUTH', password]];
    const commands = [...auth, ['CONFIG', 'SET', name, value]];
    const want = await exchange(real.port, [commands.map(multibulk).join('')]);
    const client = ours.engine.createClient({});
    let got = '';
    for (const argv of commands) got += encodeReply(ours.engine.execute(client, argv)!, 2);
    ours.engine.closeClient(client);
    expect(want.data).toBe('+OK\r\n'.repeat(commands.length));
    expect(got).toBe(want.data);
  }

  async function compare(chunks: string[], options: ExchangeOptions = {}) {
    const [want, got] = await Promise.all([
      exchange(real.port, chunks, { ...options, host: ip }),
      exchange(ours.server.port, chunks, { ...options, host: ip }),
    ]);
    expect(show(got.data)).toBe(show(want.data));
    expect(got.closed).toBe(want.closed);
    return got;
  }

  it('is on by default', async () => {
    const want = await exchange(real.port, [multibulk(['CONFIG', 'GET', 'protected-mode'])]);
    const client = ours.engine.createClient({});
    expect(encodeReply(ours.engine.execute(client, ['CONFIG', 'GET', 'protected-mode'])!, 2)).toBe(want.data);
    ours.engine.closeClient(client);
    expect(want.data).toBe('*2\r\n$14\r\nprotected-mode\r\n$3\r\nyes\r\n');
  });

  it('answers DENIED and closes the connection when no password is set', async () => {
    const got = await compare([multibulk(['PING'])]);
    expect(got.data).toBe('-' + PROTECTED_MODE_DENIED + '\r\n');
    expect(got.closed).toBe(true);
    // Even when the client says nothing.
    await compare([]);
  });

  it('lets the client in once a password is set (then AUTH is asked for)', async () => {
    await configSet('requirepass', 'secret');
    try {
      const got = await compare([multibulk(['PING']), multibulk(['AUTH', 'wrong']), multibulk(['AUTH', 'secret']), multibulk(['PING'])]);
      expect(got.closed).toBe(false);
      expect(got.data).toContain('+PONG\r\n');
    } finally {
      await configSet('requirepass', '', 'secret');
    }
  });

  it('lets the client in once the default user has a password from ACL SETUSER', async () => {
    // As CONFIG SET, from loopback on both (the second time AUTH first).
    const both = async (commands: string[][]) => {
      const want = await exchange(real.port, [commands.map(multibulk).join('')]);
      const client = ours.engine.createClient({});
      let got = '';
      for (const argv of commands) got += encodeReply(ours.engine.execute(client, argv)!, 2);
      ours.engine.closeClient(client);
      expect(got).toBe(want.data);
      expect(want.data).toBe('+OK\r\n'.repeat(commands.length));
    };
    await both([['ACL', 'SETUSER', 'default', '>secret']]);
    try {
      const got = await compare([multibulk(['PING']), multibulk(['AUTH', 'secret']), multibulk(['PING'])]);
      expect(got.closed).toBe(false);
      expect(got.data).toContain('+PONG\r\n');
    } finally {
      await both([
        ['AUTH', 'secret'],
        ['ACL', 'SETUSER', 'default', 'nopass'],
      ]);
    }
  });

  it('lets the client in with protected-mode no', async () => {
    await configSet('protected-mode', 'no');
    try {
      const got = await compare([multibulk(['PING'])]);
      expect(got.data).toBe('+PONG\r\n');
    } finally {
      await configSet('protected-mode', 'yes');
    }
    await compare([multibulk(['PING'])]);
  });
});

describe('connection limits, against real Redis', () => {
  let real: RealRedis;
  let ours: { engine: Engine; server: RunningServer };
  const logged: string[] = [];
  beforeAll(async () => {
    real = await startRealRedis();
    ours = await startOurs({}, { log: (_level, message) => logged.push(message) });
  });
  afterAll(async () => {
    await real?.stop();
    await ours?.server.close();
  });

  async function compare(chunks: string[], options: ExchangeOptions = {}) {
    const [want, got] = await Promise.all([exchange(real.port, chunks, options), exchange(ours.server.port, chunks, options)]);
    expect(show(got.data)).toBe(show(want.data));
    expect(got.closed).toBe(want.closed);
    return got;
  }

  // Sending a megabyte takes a while on a busy machine: allow a long silence before the end.
  const big: ExchangeOptions = { gap: 0, quiet: 1500 };
  const setBoth = (name: string, value: string) => compare([multibulk(['CONFIG', 'SET', name, value])]);

  it('accepts a bulk of exactly proto-max-bulk-len and refuses one byte more, then closes', async () => {
    await setBoth('proto-max-bulk-len', '1mb');
    try {
      const mb = 1024 * 1024;
      let got = await compare(chunked(`*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$${mb}\r\n`, mb, '\r\n' + multibulk(['STRLEN', 'k'])), big);
      expect(got.data).toBe('+OK\r\n:1048576\r\n');
      got = await compare([multibulk(['GET', 'a']) + `*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$${mb + 1}\r\n`, 'x'.repeat(1000)], big);
      expect(got.data).toBe('$-1\r\n-ERR Protocol error: invalid bulk length\r\n');
      expect(got.closed).toBe(true);
    } finally {
      await setBoth('proto-max-bulk-len', '512mb');
    }
  });

  it("closes a client whose query buffer passes client-query-buffer-limit, with Redis's log line", async () => {
    await compare([multibulk(['CONFIG', 'GET', 'client-query-buffer-limit'])]);
    await setBoth('client-query-buffer-limit', '1mb');
    try {
      // Under the limit: served.
      const size = 1000 * 1000;
      let got = await compare(chunked(`*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$${size}\r\n`, size, '\r\n'), big);
      expect(got.data).toBe('+OK\r\n');
      // A bulk of exactly 1 MB plus its CRLF is over it, as in Redis (the query buffer holds both).
      const mb = 1024 * 1024;
      got = await compare(chunked(`*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$${mb}\r\n`, mb, '\r\n'), big);
      expect(got).toEqual({ data: '', closed: true });
      got = await compare(chunked(`*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$${2 * mb}\r\n`, 1.5 * mb, ''), big);
      expect(got).toEqual({ data: '', closed: true });
      const line = logged.find((l) => l.startsWith('Closing client that reached max query buffer length: '));
      expect(line).toMatch(/^Closing client that reached max query buffer length: id=\d+ addr=127\.0\.0\.1:\d+ .* \(qbuf initial bytes: "x{64}"\)$/);
    } finally {
      await setBoth('client-query-buffer-limit', '1gb');
    }
  });
});
