import type { Terminal } from '@xterm/xterm';
import { afterEach, describe, expect, it } from 'vitest';
import { History } from '../../cli/line-editor.js';
import { VirtualClock } from '../../engine/clock.js';
import { WorkerClient } from '../../worker/client.js';
import { EngineHost } from '../../worker/engine-host.js';
import type { ToWorker } from '../../worker/protocol.js';
import { TerminalSession, utf8Complete, wordWrap, type ConnectionInfo } from './terminal-session.js';
import { late } from '../../engine/late.js';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const ch of channels.splice(0)) {
    ch.port1.close();
    ch.port2.close();
  }
});

/** A terminal session over a real engine behind a MessageChannel, its screen kept as bytes. */
async function rig() {
  const clock = new VirtualClock();
  let runs = 0;
  const engine = new WorkerClient(() => {
    const ch = new MessageChannel();
    channels.push(ch);
    const host = new EngineHost((m) => ch.port2.postMessage(m), { engine: { clock, monotonic: () => performance.now(), late } });
    ch.port2.onmessage = (e) => {
      if ((e.data as ToWorker).type === 'run') runs++;
      host.handle(e.data as ToWorker);
    };
    host.start();
    return ch.port1;
  });
  await engine.ready;
  let screen = '';
  const writes: { length: number; reader: boolean }[] = [];
  const term = {
    cols: 200,
    options: { screenReaderMode: true },
    write(text: string, done?: () => void) {
      screen += text;
      writes.push({ length: text.length, reader: term.options.screenReaderMode });
      queueMicrotask(() => done?.());
    },
  };
  const saved: (readonly string[])[] = [];
  const infos: ConnectionInfo[] = [];
  const session = new TerminalSession({
    term: term as unknown as Terminal,
    engine,
    history: new History(),
    onHistory: (lines) => saved.push([...lines]),
    onInfo: (info) => infos.push(info),
  });
  await session.start();
  const idle = () => expect.poll(() => session.idle, { timeout: 20_000, interval: 5 }).toBe(true);
  return { session, engine, screen: () => screen, saved, infos, idle, runs: () => runs, writes, term };
}

const LINES = [
  'SET n 10',
  'INCR n',
  '',
  'set "unterminated',
  'GET n',
  'SELECT 2',
  'SET n 100',
  'INCRBY n 5',
  'MULTI',
  'INCR n',
  'GET n',
  'EXEC',
  '   ',
  'HSET h f v',
  'HGETALL h',
  'SELECT 0',
  ...Array.from({ length: 200 }, (_, i) => `RPUSH list ${i}`),
  'LLEN list',
  'HELP GET',
  'DBSIZE',
];

describe('TerminalSession paste', () => {
  it('prints exactly what the same lines typed one at a time print', async () => {
    const typed = await rig();
    for (const line of LINES) {
      typed.session.input(line + '\r');
      await typed.idle();
    }
    const pasted = await rig();
    pasted.session.input(LINES.join('\r') + '\r');
    await pasted.idle();
    expect(pasted.screen()).toBe(typed.screen());
    expect(pasted.screen()).toContain('(integer) 200\r\n');
    // Each command ran once, in order.
    expect(pasted.runs()).toBe(typed.runs());
    // Two hundred lines typed one by one, each waited for: slow on a loaded 2-core machine.
  }, 60_000);

  it('saves the history and reports the tab once for the whole paste', async () => {
    const { session, saved, infos, idle } = await rig();
    session.input(LINES.join('\r') + '\r');
    await idle();
    expect(saved).toHaveLength(1);
    expect(saved[0]!.at(-1)).toBe('DBSIZE');
    expect(infos).toEqual([{ db: 0, inMulti: false }]);
  });

  it('sends nothing ahead of a command that blocks', async () => {
    const { session, engine, idle } = await rig();
    // Sent ahead, RPUSH q x would feed the BLPOP before its turn.
    session.input('BLPOP q 0\rRPUSH q x\r');
    await expect.poll(() => session.occupied).toBe('blocked');
    const other = await engine.open();
    await engine.run(other, ['RPUSH', 'q', 'y']);
    await idle();
    expect((await engine.run(other, ['LRANGE', 'q', '0', '-1'])).replies).toEqual([{ t: 'array', v: [{ t: 'bulk', v: 'x' }] }]);
  });

  it("prints the page's notice after a reply cut to what the page can show, then the prompt", async () => {
    const { session, screen, idle } = await rig();
    session.input('SADD s a b c\rSRANDMEMBER s -500000\r');
    await idle();
    const lines = screen().split('\r\n');
    const notice = lines.indexOf('\x1b[2m(the reply was too long for this page: only its first 10,000 elements or 1 MB are shown)\x1b[0m');
    expect(notice).toBeGreaterThan(0);
    expect(lines[notice - 1]).toMatch(/^10000\) "[abc]"$/);
  });
});

describe('TerminalSession and a script that runs on', () => {
  it('says that Ctrl-C sends SCRIPT KILL, and Ctrl-C does it from another connection', async () => {
    const { session, screen, idle } = await rig();
    session.input('CONFIG SET busy-reply-threshold 50\r');
    await idle();
    session.input('EVAL "local x = 0 while true do x = x + 1 end" 0\r');
    await expect
      .poll(screen, { timeout: 10_000 })
      .toContain('\x1b[2m(the script is still running: Ctrl-C sends SCRIPT KILL from another connection)\x1b[0m\r\n');
    expect(session.occupied).toBe('blocked');
    session.input('\x03');
    await idle();
    expect(screen()).toContain('\x1b[2m^C (SCRIPT KILL sent from another connection)\x1b[0m\r\n');
    expect(screen()).toMatch(/\(error\) ERR Script killed by user with SCRIPT KILL\.\.\. script: [0-9a-f]{40}, on @user_script:1\.\r\n/);
    session.input('PING\r');
    await idle();
    expect(screen()).toMatch(/PONG\r\n[^\n]*$/);
  });
});

describe('TerminalSession and a connection the server closes', () => {
  /** The lines as they stand on the screen: escape sequences out, each line's last redraw (after its last CR). */
  const lines = (text: string) =>
    text
      .replace(/\r\x1b\[\d+C/g, '') // back to the line's start and forward again: the line stays
      .replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')
      .split('\n')
      .map((l) => l.replace(/\r$/, '').split('\r').at(-1)!);

  it('at its prompt: the next command says the server closed it, the one after connects again', async () => {
    const { session, engine, screen, idle } = await rig();
    session.input('CLIENT ID\r');
    await idle();
    const other = await engine.open();
    const id = /\(integer\) (\d+)/.exec(screen())![1]!;
    const start = screen().length;
    await engine.run(other, ['CLIENT', 'KILL', 'ID', id]);
    session.input('PING\r');
    await idle();
    session.input('PING\r');
    await idle();
    expect(lines(screen().slice(start))).toEqual([
      '127.0.0.1:6379> PING',
      'Error: Server closed the connection',
      'not connected> PING',
      'PONG',
      '127.0.0.1:6379> ',
    ]);
  });

  it('in a blocked command: the command ends with the same words', async () => {
    const { session, engine, screen, idle } = await rig();
    session.input('CLIENT SETNAME waiter\rBLPOP q 0\r');
    await expect.poll(() => session.occupied).toBe('blocked');
    const other = await engine.open();
    await engine.run(other, ['CLIENT', 'KILL', 'SKIPME', 'yes', 'TYPE', 'normal']);
    await idle();
    expect(lines(screen()).slice(-3)).toEqual(['127.0.0.1:6379> BLPOP q 0', 'Error: Server closed the connection', 'not connected> ']);
  });
});

describe('TerminalSession output', () => {
  it('hands a reply of megabytes to xterm.js in slices, with its screen-reader mode off meanwhile', async () => {
    const { session, screen, idle, writes, term } = await rig();
    session.input('SETRANGE k 1000000 x\rGET k\r');
    await idle();
    // A million NUL bytes print as "\x00" each.
    expect(screen()).toContain('"' + '\\x00'.repeat(1000));
    const slices = writes.filter((w) => w.length > 0);
    expect(Math.max(...slices.map((w) => w.length))).toBeLessThanOrEqual(16 * 1024);
    expect(slices.filter((w) => !w.reader).length).toBeGreaterThan(200);
    // Back on once the slices are parsed.
    expect(term.options.screenReaderMode).toBe(true);
  });
});

describe('utf8Complete', () => {
  it('ends a slice before a UTF-8 sequence whose last bytes are still to come', () => {
    const han = '\xed\x95\x9c'; // 한
    expect(utf8Complete('ab')).toBe(2);
    expect(utf8Complete('a' + han)).toBe(4);
    expect(utf8Complete('a' + han.slice(0, 2))).toBe(1);
    expect(utf8Complete('a' + han.slice(0, 1))).toBe(1);
    expect(utf8Complete('a\xf0\x9f\x98')).toBe(1); // 3 of an emoji's 4 bytes
    expect(utf8Complete('a\xc3')).toBe(1);
    expect(utf8Complete('a\xc3\xa9')).toBe(3);
    // A stray continuation byte decodes as it is (a replacement character).
    expect(utf8Complete('a\x80\x80\x80\x80')).toBe(5);
  });
});

describe('wordWrap', () => {
  it('breaks the page’s words at spaces, Hangul two cells a character, a long word on a line of its own', () => {
    expect(wordWrap('A second Redis server, 127.0.0.1:6380, started', 20)).toEqual(['A second Redis', 'server,', '127.0.0.1:6380,', 'started']);
    expect(wordWrap('두 번째 Redis 서버', 10)).toEqual(['두 번째', 'Redis 서버']);
    expect(wordWrap('a-very-long-word-indeed x', 8)).toEqual(['a-very-long-word-indeed', 'x']);
    expect(wordWrap('short', 80)).toEqual(['short']);
  });
});
