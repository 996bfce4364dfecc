import { afterEach, describe, expect, it } from 'vitest';
import { CliSession } from '../../cli/session.js';
import { engineRig } from '../../../test/engine-rig.js';
import type { WorkerClient } from '../../worker/client.js';
import { WorkbenchConnection } from './connection.js';
import { runScript, scriptLines, type Card, type RunOptions } from './runner.js';

const rigs: { close(): void }[] = [];
afterEach(() => {
  for (const r of rigs.splice(0)) r.close();
});

async function setup() {
  const rig = await engineRig();
  rigs.push(rig);
  const conn = new WorkbenchConnection(rig.engine);
  const run = async (text: string, options: Partial<RunOptions> = {}, mode: 'tty' | 'raw' = 'tty') => {
    const cards: Card[] = [];
    await runScript(scriptLines(text), conn, new CliSession({ specs: rig.engine.commands, mode }), { mode: 'each', stopOnError: true, ...options }, (c) =>
      cards.push(c),
    );
    return cards;
  };
  return { engine: rig.engine, conn, run };
}

/** Runs a line on a connection of its own, as another client would. */
async function other(engine: WorkerClient, argv: string[]) {
  const h = await engine.open();
  return (await engine.run(h, argv)).replies;
}

describe('scriptLines', () => {
  it('numbers lines from 1 and skips blank lines and # comments', () => {
    expect(scriptLines('# setup\nSET a 1\n\n  GET a\n   # more')).toEqual([
      { line: 2, text: 'SET a 1' },
      { line: 4, text: '  GET a' },
    ]);
    expect(scriptLines('A\nB\nC\nD', 2, 3).map((l) => l.text)).toEqual(['B', 'C']);
    expect(scriptLines('A\r\nB', 2).map((l) => l.text)).toEqual(['B']);
  });
});

describe('runScript', () => {
  it('prints each reply as the terminal does, with the line and the time it took', async () => {
    const { run } = await setup();
    const cards = await run('SET k "hello world"\nGET k\n# a comment\nRPUSH l a b\nLRANGE l 0 -1\nGET nothing\nHELP GET\n"unbalanced');
    expect(cards.map((c) => [c.line, c.output])).toEqual([
      [1, 'OK\n'],
      [2, '"hello world"\n'],
      [4, '(integer) 2\n'],
      [5, '1) "a"\n2) "b"\n'],
      [6, '(nil)\n'],
      [7, expect.stringMatching(/^\s+GET key\s+summary: Read the string stored at a key\s+since: 1\.0\.0\s+group: string\s+$/) as string],
      [8, 'Invalid argument(s)\n'],
    ]);
    expect(cards[0]!.ms).toBeGreaterThanOrEqual(0);
    expect(cards[6]!.ms).toBeNull(); // HELP sends nothing
  });

  it('decodes UTF-8 as the terminal shows it; the raw form keeps the text', async () => {
    const { run } = await setup();
    expect((await run('SET name 안녕\nGET name')).map((c) => c.output)).toEqual(['OK\n', '"\\xec\\x95\\x88\\xeb\\x85\\x95"\n']);
    expect((await run('GET name', {}, 'raw')).map((c) => c.output)).toEqual(['안녕\n']);
  });

  it('stops at the first error, or goes on when asked', async () => {
    const { run } = await setup();
    const stopped = await run('SET s x\nINCR s\nSET after 1');
    expect(stopped.map((c) => c.error)).toEqual([false, true]);
    expect(stopped[1]!.output).toBe('(error) ERR value is not an integer or out of range\n');
    const all = await run('INCR s\nSET after 1', { stopOnError: false });
    expect(all.map((c) => c.output)).toEqual(['(error) ERR value is not an integer or out of range\n', 'OK\n']);
  });

  it('repeats a command given a count, as redis-cli does', async () => {
    const { run } = await setup();
    const [card] = await run('3 INCR n');
    expect(card!.output).toBe('(integer) 1\n(integer) 2\n(integer) 3\n');
  });

  it('sends a pipeline at once, every reply on its own card in order', async () => {
    const { run } = await setup();
    const cards = await run('SET p 1\nINCR p\nINCR nope nope\nGET p', { mode: 'pipeline', stopOnError: true });
    expect(cards.map((c) => c.output)).toEqual(['OK\n', '(integer) 2\n', "(error) ERR wrong number of arguments for 'incr' command\n", '"2"\n']);
  });

  it('wraps a run in MULTI/EXEC: each command shows its share of EXEC’s reply', async () => {
    const { run } = await setup();
    const cards = await run('SET t 1\nINCR t\nGET t', { mode: 'multi' });
    expect(cards.map((c) => [c.source, c.output, c.note])).toEqual([
      ['MULTI', 'OK\n', undefined],
      ['SET t 1', 'OK\n', 'exec'],
      ['INCR t', '(integer) 2\n', 'exec'],
      ['GET t', '"2"\n', 'exec'],
      ['EXEC', '1) OK\n2) (integer) 2\n3) "2"\n', undefined],
    ]);
    // A command refused while queueing aborts the transaction, as in Redis.
    const aborted = await run('SET u 1\nINCR', { mode: 'multi' });
    expect(aborted.map((c) => c.output)).toEqual([
      'OK\n',
      'QUEUED\n',
      "(error) ERR wrong number of arguments for 'incr' command\n",
      '(error) EXECABORT Transaction discarded because of previous errors.\n',
    ]);
  });

  it('is a client of its own, named workbench in CLIENT LIST', async () => {
    const { engine, run } = await setup();
    await run('PING');
    const list = await other(engine, ['CLIENT', 'LIST']);
    expect(list[0]!.t === 'verbatim' || list[0]!.t === 'bulk' ? String(list[0].v) : '').toMatch(/ name=workbench /);
  });

  it('waits for a blocked command’s reply; Stop drops its connection as Ctrl-C does', async () => {
    const { engine, conn, run } = await setup();
    const waiting = run('BLPOP queue 0');
    await expect.poll(() => conn.waiting).toBe(true);
    await other(engine, ['RPUSH', 'queue', 'job']);
    expect((await waiting).map((c) => c.output)).toEqual(['1) "queue"\n2) "job"\n']);

    const given = run('BLPOP queue 0');
    await expect.poll(() => conn.waiting).toBe(true);
    conn.interrupt();
    const [card] = await given;
    expect(card!.note).toBe('lost');
    // The next command opens a new connection; nothing is left blocked on the old one.
    expect((await run('LPUSH queue x')).map((c) => c.output)).toEqual(['(integer) 1\n']);
    expect(await other(engine, ['LLEN', 'queue'])).toEqual([{ t: 'int', v: 1 }]);
  });
});

describe('WorkbenchConnection', () => {
  it('tells each command, with its replies and database, to the lessons’ listener', async () => {
    const rig = await engineRig();
    rigs.push(rig);
    const heard: { argv: readonly string[]; db: number; first: unknown }[] = [];
    const conn = new WorkbenchConnection(rig.engine, (ran) => heard.push({ argv: ran.argv, db: ran.db, first: ran.replies[0] }));
    await runScript(
      scriptLines('SELECT 2\nSET a 1\nGET a'),
      conn,
      new CliSession({ specs: rig.engine.commands, mode: 'tty' }),
      { mode: 'each', stopOnError: true },
      () => undefined,
    );
    expect(heard).toEqual([
      { argv: ['SELECT', '2'], db: 2, first: { t: 'simple', v: 'OK' } },
      { argv: ['SET', 'a', '1'], db: 2, first: { t: 'simple', v: 'OK' } },
      { argv: ['GET', 'a'], db: 2, first: expect.objectContaining({ t: 'bulk' }) as unknown },
    ]);
    conn.dispose();
  });
});
