import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandSpecs } from '../engine/commands/index.js';
import { commandDocs } from '../shared/command-doc.js';
import { splitArgs, utf8Encode } from '../cli/split-args.js';
import { commandTable, completions, diagnostics, hover, keyCompletionItems, quoteArgument, signatureHelp } from './index.js';

const docs = commandDocs(commandSpecs);
const table = commandTable(docs);
/** Completion at the end of the line (or at `col`): labels, the key flag, the range. */
const complete = (line: string, col = line.length + 1) => {
  const c = completions(table, line, col);
  return { labels: c.items.map((i) => i.label), key: c.keyPosition, range: c.range, items: c.items };
};
const sig = (line: string, col = line.length + 1) => {
  const s = signatureHelp(table, line, col);
  return s && { label: s.label, active: s.activeParameter >= 0 ? s.label.slice(...s.parameters[s.activeParameter]!.label) : null };
};

describe('completions', () => {
  it('offers every command of the table at the start of a line, its required arguments as a snippet, its summary as detail', () => {
    const c = complete('');
    expect(c.labels).toHaveLength(docs.length);
    expect(c.range).toEqual({ startColumn: 1, endColumn: 1 });
    const set = c.items.find((i) => i.label === 'SET')!;
    expect(set).toMatchObject({ kind: 'command', insertText: 'SET ${1:key} ${2:value}', detail: docs.find((d) => d.name === 'set')!.summary });
    expect(set.documentation).toContain('SET key value [NX|XX]');
    expect(c.items.find((i) => i.label === 'LINSERT')!.insertText).toBe('LINSERT ${1:key} ${2|BEFORE,AFTER|} ${3:pivot} ${4:element}');
    expect(c.items.find((i) => i.label === 'PING')!.insertText).toBe('PING');
    // A container inserts its name and asks for its subcommands.
    expect(c.items.find((i) => i.label === 'CONFIG')).toMatchObject({ insertText: 'CONFIG ', retrigger: true });
  });

  it('replaces the word being typed, lower case or not, after a repeat count too', () => {
    expect(complete('se')).toMatchObject({ range: { startColumn: 1, endColumn: 3 }, key: null });
    expect(complete('se').labels).toContain('SET');
    expect(complete('3 inc')).toMatchObject({ range: { startColumn: 3, endColumn: 6 } });
    expect(complete('3 inc').labels).toContain('INCR');
    expect(complete('  get k', 5).range).toEqual({ startColumn: 3, endColumn: 6 });
  });

  it('offers subcommands after a container (CONFIG, CLIENT, OBJECT, XINFO), in any case', () => {
    expect(complete('CONFIG ').labels.sort()).toEqual(['GET', 'HELP', 'RESETSTAT', 'REWRITE', 'SET']);
    expect(complete('object enc').items.find((i) => i.label === 'ENCODING')).toMatchObject({ kind: 'subcommand', insertText: 'ENCODING ${1:key}' });
    expect(complete('XINFO ').labels).toContain('STREAM');
    expect(complete('client ').labels).toContain('SETNAME');
    expect(complete('3 CLIENT ').labels).toContain('KILL');
  });

  it('offers the option words that may come next, with their parameters as a snippet', () => {
    expect(complete('SET k v ').labels).toEqual(['NX', 'XX', 'GET', 'EX', 'PX', 'EXAT', 'PXAT', 'KEEPTTL']);
    expect(complete('SET k v e').labels).toEqual(['EX', 'EXAT']);
    expect(complete('set k v e').items[0]).toMatchObject({ kind: 'keyword', insertText: 'EX ${1:seconds}', detail: 'option of SET' });
    // Options already given are not offered again; the rest stay, in any order.
    expect(complete('SET k v EX 10 ').labels).toEqual(['NX', 'XX', 'GET', 'PX', 'EXAT', 'PXAT', 'KEEPTTL']);
    expect(complete('SET k v EX ').labels).toEqual([]);
    expect(complete('LINSERT k ').labels).toEqual(['BEFORE', 'AFTER']);
    expect(complete('ZADD k ').labels).toEqual(['NX', 'XX', 'GT', 'LT', 'CH', 'INCR']);
    expect(complete('SET 이름 "김철수" ').labels).toContain('KEEPTTL');
    // In the middle of a line: the word under the cursor is what gets replaced.
    expect(complete('SET k v EX 10', 9)).toMatchObject({ range: { startColumn: 9, endColumn: 11 } });
    expect(complete('SET k v EX 10', 9).labels).toContain('PX');
  });

  it('says where a key name goes, with what was typed of it (bytes, quotes off)', () => {
    expect(complete('GET ').key).toEqual({ prefix: '' });
    expect(complete('get us').key).toEqual({ prefix: 'us' });
    expect(complete('GET "이').key).toEqual({ prefix: utf8Encode('이') });
    expect(complete('GET "a b').key).toEqual({ prefix: 'a b' });
    expect(complete('MSET a 1 ').key).toEqual({ prefix: '' });
    expect(complete('MSET a 1 b ').key).toBeNull();
    expect(complete('SET k ').key).toBeNull();
    expect(complete('OBJECT ENCODING ').key).toEqual({ prefix: '' });
    expect(complete('3 INCR ').key).toEqual({ prefix: '' });
    expect(complete('BLPOP a b ').key).toEqual({ prefix: '' });
    expect(complete('ZUNIONSTORE dst 2 ').key).toEqual({ prefix: '' }); // numkeys then keys: no legacy range
    expect(complete('ZUNIONSTORE ').key).toEqual({ prefix: '' });
    expect(complete('ZUNIONSTORE dst ').key).toBeNull();
    expect(complete('RENAME a ').key).toEqual({ prefix: '' });
    expect(complete('PING ').key).toBeNull();
    expect(complete('NOSUCH ').key).toBeNull();
  });

  it('offers nothing in a comment or after an unknown command', () => {
    expect(complete('# SET k ')).toMatchObject({ labels: [], key: null });
    expect(complete('nosuch a ')).toMatchObject({ labels: [], key: null });
    expect(complete('CONFIG NOSUCH ')).toMatchObject({ labels: [], key: null });
  });

  it('takes the docs array as well as a prepared table', () => {
    expect(completions(docs, 'SET k v ', 9).items.map((i) => i.label)).toEqual(complete('SET k v ').labels);
  });
});

describe('key names for completion', () => {
  it('writes a key as redis-cli reads it back: plain when it can be, else double-quoted with escapes', () => {
    expect(quoteArgument('user:1')).toBe('user:1');
    expect(quoteArgument(utf8Encode('이름'))).toBe('이름');
    expect(quoteArgument('a b')).toBe('"a b"');
    expect(quoteArgument('')).toBe('""');
    expect(quoteArgument('say "hi"\n')).toBe('"say \\"hi\\"\\n"');
    expect(quoteArgument("it's")).toBe('"it\'s"');
    expect(quoteArgument('\xff\x00')).toBe('"\\xff\\x00"');
    expect(quoteArgument(utf8Encode('김 철수'))).toBe('"김 철수"');
  });

  it('round-trips any byte string through redis-cli splitting', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)) }), (bytes) => {
        expect(splitArgs(quoteArgument(bytes))).toEqual([bytes]);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const bytes = utf8Encode(text);
        expect(splitArgs(quoteArgument(bytes))).toEqual([bytes]);
      }),
    );
  });

  it('makes completion items: the name shown decoded, inserted quoted (snippet-escaped)', () => {
    expect(keyCompletionItems([utf8Encode('이름'), 'a b', 'cost$'])).toEqual([
      { label: '이름', kind: 'key', insertText: '이름', detail: 'key' },
      { label: 'a b', kind: 'key', insertText: '"a b"', detail: 'key' },
      { label: 'cost$', kind: 'key', insertText: 'cost\\$', detail: 'key' },
    ]);
  });
});

describe('signatureHelp', () => {
  const SET = 'SET key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]';

  it('shows the syntax with the argument at the cursor', () => {
    expect(sig('SET ')).toEqual({ label: SET, active: 'key' });
    expect(sig('SET k')).toEqual({ label: SET, active: 'key' });
    expect(sig('SET k ')).toEqual({ label: SET, active: 'value' });
    expect(sig('SET k v ')).toEqual({ label: SET, active: 'NX' });
    expect(sig('SET k v ke')).toEqual({ label: SET, active: 'KEEPTTL' });
    expect(sig('set k v ex ')).toEqual({ label: SET, active: 'seconds' });
    expect(sig('SET k v EX 10 px ')).toEqual({ label: SET, active: 'milliseconds' });
    expect(sig('SET k v EX 10', 5)).toEqual({ label: SET, active: 'key' });
    expect(sig('MGET a b c ')).toEqual({ label: 'MGET key [key ...]', active: 'key' });
    expect(sig('LINSERT k bef')).toEqual({ label: 'LINSERT key BEFORE|AFTER pivot element', active: 'BEFORE' });
    expect(sig('CONFIG GET ')).toEqual({ label: 'CONFIG GET parameter [parameter ...]', active: 'parameter' });
    expect(sig('3 INCRBY k ')).toEqual({ label: 'INCRBY key increment', active: 'increment' });
  });

  it('counts Korean arguments and quotes left open as arguments', () => {
    expect(sig('SET 이름 "김철수" ')).toEqual({ label: SET, active: 'NX' });
    expect(sig('SET 이름 "김철')).toEqual({ label: SET, active: 'value' });
    expect(sig("HSET 'user 1' 이름 ")).toEqual({ label: 'HSET key field value [field value ...]', active: 'value' });
  });

  it('gives each word of the syntax its place in the label', () => {
    const s = signatureHelp(table, 'ZADD k ', 8)!;
    expect(s.documentation).toBe(docs.find((d) => d.name === 'zadd')!.summary);
    expect(s.parameters.map((p) => s.label.slice(...p.label))).toEqual(['key', 'NX', 'XX', 'GT', 'LT', 'CH', 'INCR', 'score', 'member', 'score', 'member']);
  });

  it('highlights nothing once the arguments do not fit, and is absent on a name, a comment, an unknown command, a bare container', () => {
    expect(sig('GET a b ')).toEqual({ label: 'GET key', active: null });
    expect(sig('SET')).toBeNull();
    expect(sig('# SET k ')).toBeNull();
    expect(sig('NOSUCH a ')).toBeNull();
    expect(sig('CONFIG ')).toBeNull();
    expect(sig('')).toBeNull();
  });
});

describe('hover', () => {
  it('on a command: syntax, summary, since, group, complexity', () => {
    const h = hover(table, 'set k v', 2)!;
    expect(h.range).toEqual({ startColumn: 1, endColumn: 4 });
    expect(h.contents).toContain('SET key value [NX|XX]');
    expect(h.contents).toContain(docs.find((d) => d.name === 'set')!.summary);
    expect(h.contents).toContain('since 1.0.0');
    expect(h.contents).toContain('group string');
    expect(h.contents).toContain('complexity O(1)');
  });

  it('on a subcommand, an option, a parameter; after a repeat count; with Korean before it', () => {
    expect(hover(table, 'object encoding k', 9)).toMatchObject({ range: { startColumn: 8, endColumn: 16 } });
    expect(hover(table, 'object encoding k', 9)!.contents).toContain('OBJECT ENCODING key');
    expect(hover(table, 'OBJECT ENCODING k', 2)!.contents).toContain('complexity Depends on the subcommand');
    expect(hover(table, 'SET k v ex 10', 10)!.contents).toMatch(/^Option \*\*EX\*\* of SET/);
    expect(hover(table, 'SET 이름 "김철수" EX 10', 6)).toMatchObject({ range: { startColumn: 5, endColumn: 7 } });
    expect(hover(table, 'SET 이름 "김철수" EX 10', 6)!.contents).toMatch(/^Argument \*\*key\*\* of SET/);
    expect(hover(table, 'SET 이름 "김철수" EX 10', 15)!.contents).toMatch(/^Option \*\*EX\*\*/);
    expect(hover(table, '3 PING', 4)!.contents).toContain('PING [message]');
  });

  it('nothing on blanks, comments, unknown commands, the repeat count, HELP', () => {
    expect(hover(table, 'SET k  v', 7)).toBeNull();
    expect(hover(table, '# SET k v', 3)).toBeNull();
    expect(hover(table, 'nosuch k', 2)).toBeNull();
    expect(hover(table, '3 PING', 1)).toBeNull();
    expect(hover(table, 'help SET', 7)).toBeNull();
    expect(hover(table, '', 1)).toBeNull();
  });
});

describe('diagnostics', () => {
  const marks = (text: string) => diagnostics(table, text).map((d) => [d.line, d.startColumn, d.endColumn, d.message]);

  it('marks unknown commands, unknown subcommands and wrong arity with Redis’s own words', () => {
    expect(marks('SET k')).toEqual([[1, 1, 6, "ERR wrong number of arguments for 'set' command"]]);
    expect(marks('foo a b')).toEqual([[1, 1, 4, "ERR unknown command 'foo', with args beginning with: 'a' 'b' "]]);
    expect(marks('object xx')).toEqual([[1, 8, 10, "ERR unknown subcommand 'xx'. Try OBJECT HELP."]]);
    expect(marks('OBJECT ENCODING')).toEqual([[1, 1, 16, "ERR wrong number of arguments for 'object|encoding' command"]]);
    expect(marks('config')).toEqual([[1, 1, 7, "ERR wrong number of arguments for 'config' command"]]);
    expect(marks('GET a b')).toEqual([[1, 1, 8, "ERR wrong number of arguments for 'get' command"]]);
    expect(marks('command nosuch')).toEqual([[1, 9, 15, "ERR unknown subcommand 'nosuch'. Try COMMAND HELP."]]);
    // Redis rejects a wrong EXEC by discarding the transaction, even outside MULTI.
    expect(marks('EXEC now')).toEqual([[1, 1, 9, "EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command"]]);
  });

  it('leaves alone what is right, blank, a comment, or redis-cli’s own (HELP, QUIT, CONNECT...)', () => {
    expect(marks('SET k v\n\n   \n# GET\n  # x y z\nCOMMAND\nPING\nhelp SET\n? get\nquit\nexit\nclear\nconnect h 1\n:set hints\n3 PING\nget k')).toEqual([]);
  });

  it('numbers lines from 1 whatever the line ends, and counts columns in UTF-16 units', () => {
    expect(marks('PING\r\nSET 이름\rGET\nSET 이름 "김철수"\nSET "이름"')).toEqual([
      [2, 1, 7, "ERR wrong number of arguments for 'set' command"],
      [3, 1, 4, "ERR wrong number of arguments for 'get' command"],
      [5, 1, 9, "ERR wrong number of arguments for 'set' command"],
    ]);
    const [d] = diagnostics(table, '이름 "김철수"');
    expect(d).toMatchObject({
      startColumn: 1,
      endColumn: 3,
      code: 'unknown-command',
      message: "ERR unknown command '이름', with args beginning with: '김철수' ",
    });
    expect(d!.reply).toBe(utf8Encode(d!.message));
  });

  it('redis-cli’s own refusals: a quote left open or closed against a word, a bad repeat count', () => {
    expect(diagnostics(table, 'SET k "open')).toEqual([{ line: 1, startColumn: 7, endColumn: 12, code: 'invalid-arguments', message: 'Invalid argument(s)' }]);
    expect(marks("SET 'a'b c")).toEqual([[1, 5, 9, 'Invalid argument(s)']]);
    expect(marks('0 PING\n-2 PING\n99999999999999999999 PING')).toEqual([
      [1, 1, 2, 'Invalid redis-cli repeat command option value.'],
      [2, 1, 3, 'Invalid redis-cli repeat command option value.'],
      [3, 1, 21, 'Invalid redis-cli repeat command option value.'],
    ]);
    // A lone number is a command name, not a count.
    expect(marks('3')).toEqual([[1, 1, 2, "ERR unknown command '3', with args beginning with: "]]);
    expect(marks('3 GET')).toEqual([[1, 3, 6, "ERR wrong number of arguments for 'get' command"]]);
  });
});
