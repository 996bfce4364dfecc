// The editor's markers against the real redis-server: for a line the workbench marks before it
// runs (unknown command, unknown subcommand, wrong number of arguments), Redis answers those
// very words when the line is sent; for a line it leaves unmarked, Redis answers no such error.
import { describe, expect, it } from 'vitest';
import { commandSpecs } from '../../src/engine/commands/index.js';
import { commandDocs } from '../../src/shared/command-doc.js';
import { splitArgs } from '../../src/cli/split-args.js';
import { commandTable, completions, diagnostics } from '../../src/workbench-lang/index.js';
import { parseReply } from '../../src/protocol/parse-reply.js';
import { show, useDiff } from './harness.js';

const docs = commandDocs(commandSpecs);
const table = commandTable(docs);

/** What redis-cli would send for a line: its words, without a repeat count. */
function argvOf(line: string): string[] {
  const argv = splitArgs(line)!;
  return argv.length > 1 && /^\d+$/.test(argv[0]!) ? argv.slice(1) : argv;
}

describe('workbench markers say what redis-server says', () => {
  const d = useDiff();

  async function check(lines: string[]): Promise<void> {
    for (const line of lines) {
      const marks = diagnostics(table, line);
      const { real, ours } = await d.both(argvOf(line));
      expect(show(ours), `our engine on ${line}`).toBe(show(real));
      if (marks.length === 0) {
        expect(real, `unmarked: ${line}`).not.toMatch(/^-ERR (unknown command|unknown subcommand|wrong number of arguments)/);
      } else {
        expect(marks, line).toHaveLength(1);
        expect(show(real), `marked: ${line}`).toBe(show(`-${marks[0]!.reply!}\r\n`));
      }
    }
  }

  it('hand-picked lines: Korean, quotes, case, repeat counts, long arguments', () =>
    check([
      'SET k',
      'foo a b',
      'nosuch "a b" \'c\' ""',
      "이름 \"김철수\" '이\\'름'",
      `nosuch ${'가'.repeat(50)} ${'b'.repeat(100)}`,
      `${'x'.repeat(200)} y`,
      'object xx',
      'OBJECT encoding',
      'Object Freq a b',
      'config',
      'config get',
      'CONFIG nosuch 1',
      'XINFO STREAM',
      'xinfo help x',
      'GET a b',
      'command nosuch',
      'MEMORY USAGE',
      'client',
      'CLIENT SETNAME',
      '3 GET',
      'SET 이름',
      'SET 이름 "김철수"',
      'GET 이름',
      '3 PING',
      'object encoding 이름',
      'config get maxmemory',
      "HSET 'user 1' 이름 김철수",
      'SET k v EX 10 NX',
      'exec x',
    ]));

  it('every command and subcommand of the table, one argument short and (fixed arity) one too many', async () => {
    const lines: string[] = [];
    const args = (n: number) => Array.from({ length: Math.max(n, 0) }, (_, i) => `a${i}`);
    for (const c of docs) {
      const shapes = [c.arity > 0 ? c.arity - 1 : -c.arity - 1, ...(c.arity > 0 ? [c.arity + 1] : [])];
      for (const argc of shapes) if (argc >= 1 && !(c.subcommands && argc > 1)) lines.push([c.name, ...args(argc - 1)].join(' '));
      for (const s of c.subcommands ?? []) {
        const subShapes = [s.arity > 0 ? s.arity - 1 : -s.arity - 1, ...(s.arity > 0 ? [s.arity + 1] : [])];
        for (const argc of subShapes) if (argc >= 2) lines.push([c.name, s.name, ...args(argc - 2)].join(' '));
      }
    }
    const marked = lines.filter((l) => diagnostics(table, l).length > 0);
    expect(marked.length).toBeGreaterThan(300);
    await check(marked);
  });

  it('key completion is offered at every argument COMMAND GETKEYS names a key, and elsewhere only where typing cannot tell yet', async () => {
    // While a line is typed, the last argument of BLPOP's `key [key ...] timeout` or an id of
    // XREAD's `STREAMS key [key ...] id [id ...]` may still be a key: offering names there is fine.
    const lines: [string, number[]][] = [
      ['SET k v EX 10', []],
      ['GET k', []],
      ['MSET a 1 b 2', []],
      ['MGET a b c', []],
      ['RENAME a b', []],
      ['LMOVE a b LEFT RIGHT', []],
      ['OBJECT ENCODING k', []],
      ['MEMORY USAGE k SAMPLES 5', []],
      ['XINFO STREAM s', []],
      ['ZUNIONSTORE d 2 a b WEIGHTS 1 2', []],
      ['ZINTERCARD 2 a b LIMIT 3', []],
      ['LMPOP 2 a b LEFT COUNT 1', []],
      ['BLPOP a b 0', [3]],
      ['XREAD COUNT 1 STREAMS s1 s2 0 0', [6, 7]],
      ['SINTERSTORE d a b', []],
      ['BITOP AND d a b', []],
      ['SORT k LIMIT 0 1', []],
      ['GEORADIUS g 1 2 3 km STORE d', []],
      ['HSET h f v', []],
      ['PFMERGE d a b', []],
      ['SMOVE a b m', []],
    ];
    for (const [line, extra] of lines) {
      const argv = splitArgs(line)!;
      const raw = await d.pair.real.send(['COMMAND', 'GETKEYS', ...argv]);
      const reply = parseReply(raw)!.reply;
      const keys = reply.t === 'array' && reply.v ? reply.v.map((r) => (r.t === 'bulk' ? r.v : '')) : [];
      const real = argv.map((a, i) => (i > 0 && keys.includes(a) ? i : -1)).filter((i) => i > 0);
      const offered: number[] = [];
      let col = 0;
      argv.forEach((a, i) => {
        col = line.indexOf(a, col) + a.length;
        if (i > 0 && completions(table, line, col + 1).keyPosition !== null) offered.push(i);
      });
      expect(offered, line).toEqual([...real, ...extra].sort((a, b) => a - b));
    }
  });
});
