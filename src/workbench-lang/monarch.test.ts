import { describe, expect, it } from 'vitest';
import { commandSpecs } from '../engine/commands/index.js';
import { commandDocs } from '../shared/command-doc.js';
import { redisMonarch, type MonarchAction, type MonarchLanguage, type MonarchRule } from './monarch.js';

/**
 * Monaco's Monarch lexer, the part our definition uses, as monarchLexer.ts runs it: rules tried
 * in order on the rest of the line, a `^` rule only at the line's start, `cases` with @eos,
 * @default and @wordlist, group actions, next/@pop, the state stack carried to the next line.
 */
function tokenize(lang: MonarchLanguage, lines: string[]): [string, string][][] {
  const flags = lang.ignoreCase ? 'i' : '';
  const compiled: Record<string, { re: RegExp; atStart: boolean; action: MonarchAction; next?: string }[]> = {};
  const compile = (rules: MonarchRule[]): (typeof compiled)[string] =>
    rules.flatMap((r) => {
      if ('include' in r) return compile(lang.tokenizer[r.include.replace(/^@/, '')]!);
      const src = r[0].source;
      const atStart = src.startsWith('^');
      return [{ re: new RegExp('^(?:' + (atStart ? src.slice(1) : src) + ')', flags), atStart, action: r[1], next: r[2] }];
    });
  for (const [name, rules] of Object.entries(lang.tokenizer)) compiled[name] = compile(rules);
  const inList = (name: string, word: string) => (lang[name] as string[]).some((w) => w.toLowerCase() === word.toLowerCase());
  const resolve = (a: MonarchAction, text: string, eos: boolean): Exclude<MonarchAction, { cases: unknown }> => {
    while (typeof a === 'object' && !Array.isArray(a) && 'cases' in a) {
      const hit = Object.entries(a.cases).find(([k]) => (k === '@eos' ? eos : k === '@default' ? true : inList(k.slice(1), text)));
      a = hit ? hit[1] : '';
    }
    return a;
  };
  const stack = ['root'];
  return lines.map((line) => {
    const out: [string, string][] = [];
    let pos = 0;
    const apply = (a: MonarchAction, text: string, next?: string) => {
      const r = resolve(a, text, pos === line.length);
      const token = typeof r === 'string' ? r : (r as { token: string }).token;
      const goTo = typeof r === 'object' && !Array.isArray(r) ? ((r as { next?: string }).next ?? next) : next;
      if (text !== '') out.push([text, token === '' ? '' : token + lang.tokenPostfix!]);
      if (goTo === '@pop') stack.pop();
      else if (goTo !== undefined) stack.push(goTo.replace(/^@/, ''));
    };
    while (pos < line.length) {
      const rest = line.slice(pos);
      const rule = compiled[stack[stack.length - 1]!]!.find((r) => (pos === 0 || !r.atStart) && r.re.test(rest));
      if (!rule) {
        pos++;
        apply(lang.defaultToken!, line[pos - 1]!);
        continue;
      }
      const m = rule.re.exec(rest)!;
      if (Array.isArray(rule.action)) {
        const groups = m.slice(1);
        expect(groups.join(''), 'groups cover the match').toBe(m[0]);
        groups.forEach((g, i) => {
          pos += g.length;
          apply((rule.action as MonarchAction[])[i]!, g);
        });
        if (rule.next) stack.push(rule.next.replace(/^@/, ''));
      } else {
        pos += m[0].length;
        apply(rule.action, m[0], rule.next);
      }
    }
    return out.filter(([, t]) => t !== 'white.redis');
  });
}

const lang = redisMonarch(commandDocs(commandSpecs));
const one = (line: string) => tokenize(lang, [line])[0]!;

describe('the Monarch definition', () => {
  it('is plain data: command names and option words come from the docs', () => {
    expect(lang).toMatchObject({ ignoreCase: true, tokenPostfix: '.redis' });
    expect(lang.options).toEqual(expect.arrayContaining(['NX', 'XX', 'EX', 'KEEPTTL', 'WITHSCORES', 'BYSCORE', 'MATCH']));
    expect(lang.options).not.toContain('key');
    expect(structuredClone({ ...lang, tokenizer: null })).toBeTruthy();
  });

  it('colours the command name at the start of a line (any case), after a repeat count, with its subcommand', () => {
    expect(one('SET k 10')).toEqual([
      ['SET', 'keyword.redis'],
      ['k', 'identifier.redis'],
      ['10', 'number.redis'],
    ]);
    expect(one('  zadd z 1.5 alice')).toEqual([
      ['zadd', 'keyword.redis'],
      ['z', 'identifier.redis'],
      ['1.5', 'number.redis'],
      ['alice', 'identifier.redis'],
    ]);
    expect(one('3 PING')).toEqual([
      ['3', 'number.redis'],
      ['PING', 'keyword.redis'],
    ]);
    expect(one('config get maxmemory')).toEqual([
      ['config', 'keyword.redis'],
      ['get', 'keyword.redis'],
      ['maxmemory', 'identifier.redis'],
    ]);
    expect(one('2 OBJECT ENCODING k')).toEqual([
      ['2', 'number.redis'],
      ['OBJECT', 'keyword.redis'],
      ['ENCODING', 'keyword.redis'],
      ['k', 'identifier.redis'],
    ]);
    // A name elsewhere is an argument; an unknown first word is no keyword; nor is a prefix of a name.
    expect(one('GET ping')[1]).toEqual(['ping', 'identifier.redis']);
    expect(one('nosuch a')[0]).toEqual(['nosuch', 'identifier.redis']);
    expect(one('GETX a')[0]).toEqual(['GETX', 'identifier.redis']);
  });

  it('option words, numbers and comments', () => {
    expect(one('SET k v NX EX 10')).toEqual([
      ['SET', 'keyword.redis'],
      ['k', 'identifier.redis'],
      ['v', 'identifier.redis'],
      ['NX', 'type.redis'],
      ['EX', 'type.redis'],
      ['10', 'number.redis'],
    ]);
    expect(one('ZRANGE z -inf +1e3 byscore')).toEqual([
      ['ZRANGE', 'keyword.redis'],
      ['z', 'identifier.redis'],
      ['-inf', 'identifier.redis'],
      ['+1e3', 'number.redis'],
      ['byscore', 'type.redis'],
    ]);
    expect(one('# SET k v')).toEqual([['# SET k v', 'comment.redis']]);
    expect(one('   # note')).toEqual([['   # note', 'comment.redis']]);
  });

  it("strings in redis-cli quoting: escapes in \"...\", \\' in '...', Korean inside", () => {
    expect(one('SET 이름 "김\\x41\\n철수"')).toEqual([
      ['SET', 'keyword.redis'],
      ['이름', 'identifier.redis'],
      ['"', 'string.quote.redis'],
      ['김', 'string.redis'],
      ['\\x41', 'string.escape.redis'],
      ['\\n', 'string.escape.redis'],
      ['철수', 'string.redis'],
      ['"', 'string.quote.redis'],
    ]);
    expect(one("SET k 'it\\'s'")).toEqual([
      ['SET', 'keyword.redis'],
      ['k', 'identifier.redis'],
      ["'", 'string.quote.redis'],
      ['it', 'string.redis'],
      ["\\'", 'string.escape.redis'],
      ['s', 'string.redis'],
      ["'", 'string.quote.redis'],
    ]);
  });

  it('a quote left open is marked and ends with its line: the next line starts afresh', () => {
    const [first, second, third] = tokenize(lang, ['SET k "open', 'GET k', "SET k 'x\\", 'PING']);
    expect(first!.slice(2)).toEqual([
      ['"', 'string.quote.redis'],
      ['open', 'string.invalid.redis'],
    ]);
    expect(second).toEqual([
      ['GET', 'keyword.redis'],
      ['k', 'identifier.redis'],
    ]);
    expect(third!.slice(2)).toEqual([
      ["'", 'string.quote.redis'],
      ['x', 'string.redis'],
      ['\\', 'string.invalid.redis'],
    ]);
    expect(tokenize(lang, ['SET k "', 'PING'])).toEqual([
      [
        ['SET', 'keyword.redis'],
        ['k', 'identifier.redis'],
        ['"', 'string.invalid.redis'],
      ],
      [['PING', 'keyword.redis']],
    ]);
    expect(tokenize(lang, ['ECHO "a\\', 'PING'])[1]).toEqual([['PING', 'keyword.redis']]);
  });
});
