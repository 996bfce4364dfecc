import { describe, expect, it, vi } from 'vitest';
import { late } from '../engine/late.js';
import { EngineHost } from './engine-host.js';
import type { FromWorker, PersistenceView } from './protocol.js';
import { AOF_TAIL_BYTES, respCommands, tailOf } from './persistence-view.js';

function host() {
  const out: FromWorker[] = [];
  const h = new EngineHost((m) => out.push(m), { engine: { late }, aofInMemory: true, journal: () => {} });
  h.start();
  h.handle({ type: 'open', id: 1 });
  let id = 10;
  const run = (...argv: string[]) => h.handle({ type: 'run', id: id++, clientId: 3, argv });
  const view = async (): Promise<PersistenceView> => {
    const n = out.filter((m) => m.type === 'persistence').length;
    h.handle({ type: 'persistence', id: id++ });
    await vi.waitFor(() => expect(out.filter((m) => m.type === 'persistence').length).toBe(n + 1));
    return (out.filter((m) => m.type === 'persistence').pop() as Extract<FromWorker, { type: 'persistence' }>).view;
  };
  return { run, view };
}

describe('the persistence view', () => {
  it('shows the AOF as Redis writes it: growing with each write, and compacted by BGREWRITEAOF', async () => {
    const { run, view } = host();
    let v = await view();
    expect(v).toMatchObject({
      appendonly: false,
      save: '3600 1 300 100 60 10000',
      dir: 'appendonlydir',
      files: [],
      tail: null,
      journal: 0,
    });
    run('CONFIG', 'SET', 'appendonly', 'yes');
    run('SET', 'greeting', 'hello');
    v = await view();
    expect(v.appendonly).toBe(true);
    expect(v.files.map((f) => [f.name, f.kind])).toEqual([
      ['appendonly.aof.manifest', 'manifest'],
      ['appendonly.aof.1.base.rdb', 'base'],
      ['appendonly.aof.1.incr.aof', 'incr'],
    ]);
    expect(v.manifest).toBe('file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n');
    expect(v.tail).toEqual({
      name: 'appendonly.aof.1.incr.aof',
      text: '*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$8\r\ngreeting\r\n$5\r\nhello\r\n',
      from: 0,
      commands: [
        ['SELECT', '0'],
        ['SET', 'greeting', 'hello'],
      ],
    });
    expect(v.changes).toBe(1);
    expect(v.journal).toBeGreaterThan(0);
    // EXPIRE goes in as its effect.
    run('EXPIRE', 'greeting', '100');
    expect((await view()).tail!.text).toMatch(/\$9\r\nPEXPIREAT\r\n\$8\r\ngreeting\r\n\$13\r\n\d{13}\r\n$/);
    run('BGREWRITEAOF');
    v = await view();
    // Turning it on was the first rewrite (aof_rewrites counts both, as Redis's does).
    expect(v.rewrites).toBe(2);
    expect(v.files.map((f) => f.name)).toEqual(['appendonly.aof.manifest', 'appendonly.aof.2.base.rdb', 'appendonly.aof.2.incr.aof']);
    expect(v.tail).toEqual({ name: 'appendonly.aof.2.incr.aof', text: '', from: 0, commands: [] });
    run('CONFIG', 'SET', 'appendonly', 'no');
    expect((await view()).appendonly).toBe(false);
  });

  it('shows the end of a large file from the start of a command', () => {
    const command = '*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n';
    const text = command.repeat(200);
    const { text: tail, from } = tailOf(new TextEncoder().encode(text));
    expect(tail.startsWith('*3\r\n$3\r\nSET')).toBe(true);
    expect(tail.length).toBeLessThanOrEqual(AOF_TAIL_BYTES);
    expect(from + tail.length).toBe(text.length);
    expect(text.slice(from)).toBe(tail);
    expect(respCommands(tail).length).toBe(Math.floor(tail.length / command.length));
    // A value holding CRLF, and a command cut short, which is left out.
    expect(respCommands('*2\r\n$3\r\nGET\r\n$4\r\na\r\nb\r\n*2\r\n$3\r\nGET\r\n$4\r\nab')).toEqual([['GET', 'a\r\nb']]);
  });
});
