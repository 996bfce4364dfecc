import { describe, expect, it } from 'vitest';
import { commandSpecs } from '../engine/commands/index.js';
import { currentWord, keywordSnippet, match, parseSyntax, requiredSnippet } from './syntax.js';

/** The words each argument is read as, and the words that may come next. */
function read(syntax: string, args: string[]) {
  const s = parseSyntax(syntax);
  const m = match(s, args);
  return { readAs: m.readAs.map((w) => w?.text), next: [...new Set(m.expected.map((i) => s.words[i]!.text))], complete: m.complete };
}

const all = commandSpecs.flatMap((c) => [{ spec: c, depth: 1 }, ...(c.subcommands ?? []).map((s) => ({ spec: s, depth: 2 }))]);

describe('parseSyntax over the whole command table', () => {
  it('reads every word of every syntax string, in order, with its place in the string', () => {
    for (const { spec } of all) {
      const s = parseSyntax(spec.syntax);
      const tokens = spec.syntax.split(/[[\] |]+/).filter((w) => w !== '' && w !== '...');
      expect(
        s.words.map((w) => w.text),
        spec.name,
      ).toEqual(tokens);
      for (const w of s.words) expect(spec.syntax.slice(w.start, w.end)).toBe(w.text);
    }
  });

  it('needs as many arguments as the arity says, and those arguments match whole', () => {
    // Redis's own docs ask for more than the arity in these (the command answers the rest itself);
    // containers, DEBUG and COMMAND GETKEYS have no syntax string at all; REPLICAOF's "host
    // port|NO ONE" is a choice of two blocks that the flat string cannot show.
    const known = new Set(['pfmerge', 'geohash', 'geopos', 'setslot', 'getkeys', 'getkeysandflags', 'debug', 'replicaof', 'slaveof']);
    for (const { spec, depth } of all) {
      if (spec.subcommands || known.has(spec.name)) continue;
      const s = parseSyntax(spec.syntax);
      const snippet = requiredSnippet(s).text;
      const words = snippet === '' ? [] : snippet.split(' ');
      expect(words.length, `${spec.name} ${spec.syntax}`).toBe(Math.abs(spec.arity) - depth);
      const args = words.map((w) => /^\$\{\d+[:|]([^,|}]*)/.exec(w)?.[1] ?? w);
      expect(match(s, args).complete, `${spec.name} ${args.join(' ')}`).toBe(true);
    }
  });
});

describe('the shapes of redis-cli syntax strings', () => {
  const SET = 'key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]';

  it('options after the required arguments, a keyword then its parameter', () => {
    expect(read(SET, ['k', 'v'])).toEqual({ readAs: ['key', 'value'], next: ['NX', 'XX', 'GET', 'EX', 'PX', 'EXAT', 'PXAT', 'KEEPTTL'], complete: true });
    expect(read(SET, ['k', 'v', 'ex'])).toEqual({ readAs: ['key', 'value', 'EX'], next: ['seconds'], complete: false });
    expect(read(SET, ['k', 'v', 'nx', 'ex', '10'])).toEqual({
      readAs: ['key', 'value', 'NX', 'EX', 'seconds'],
      next: ['NX', 'XX', 'GET', 'EX', 'PX', 'EXAT', 'PXAT', 'KEEPTTL'],
      complete: true,
    });
    expect(read(SET, ['k'])).toMatchObject({ next: ['value'], complete: false });
    expect(read(SET, ['k', 'v', 'EX', '1', 'junk']).readAs[4]).toBeUndefined();
  });

  it('options in any order, as Redis takes them', () => {
    expect(read(SET, ['k', 'v', 'EX', '10', 'NX', 'GET'])).toMatchObject({ readAs: ['key', 'value', 'EX', 'seconds', 'NX', 'GET'], complete: true });
    expect(
      read('key start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES]', ['k', '0', '1', 'withscores', 'limit', '0', '5', 'rev']),
    ).toMatchObject({
      readAs: ['key', 'start', 'stop', 'WITHSCORES', 'LIMIT', 'offset', 'count', 'REV'],
      complete: true,
    });
    // Not an option led by a parameter: `[username] password` keeps its order.
    expect(read('[username] password', ['u', 'p'])).toMatchObject({ readAs: ['username', 'password'], complete: true });
  });

  it('a bar between lone words joins only them (BEFORE|AFTER pivot)', () => {
    expect(read('key BEFORE|AFTER pivot element', ['k'])).toMatchObject({ next: ['BEFORE', 'AFTER'] });
    expect(read('key BEFORE|AFTER pivot element', ['k', 'after', 'p'])).toMatchObject({ readAs: ['key', 'AFTER', 'pivot'], next: ['element'] });
    expect(read('key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value [field value ...]', ['k'])).toMatchObject({
      next: ['NOMKSTREAM', 'MAXLEN', 'MINID', '*', 'id'],
    });
    expect(
      read('key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value [field value ...]', ['k', 'MAXLEN', '~', '100', '*', 'f', 'v']),
    ).toMatchObject({
      readAs: ['key', 'MAXLEN', '~', 'threshold', '*', 'field', 'value'],
      next: ['field'],
      complete: true,
    });
  });

  it('a bar between blocks joins the blocks (GEOSEARCH FROMMEMBER member|FROMLONLAT longitude latitude)', () => {
    const GEOSEARCH =
      'key FROMMEMBER member|FROMLONLAT longitude latitude BYRADIUS radius M|KM|FT|MI|BYBOX width height M|KM|FT|MI [ASC|DESC] [COUNT count [ANY]] [WITHCOORD] [WITHDIST] [WITHHASH]';
    expect(read(GEOSEARCH, ['k'])).toMatchObject({ next: ['FROMMEMBER', 'FROMLONLAT'] });
    expect(read(GEOSEARCH, ['k', 'FROMLONLAT', '1', '2'])).toMatchObject({
      readAs: ['key', 'FROMLONLAT', 'longitude', 'latitude'],
      next: ['BYRADIUS', 'BYBOX'],
    });
    expect(read(GEOSEARCH, ['k', 'FROMMEMBER', 'm', 'BYBOX', '1', '2'])).toMatchObject({ next: ['M', 'KM', 'FT', 'MI'] });
    expect(read(GEOSEARCH, ['k', 'FROMMEMBER', 'm', 'BYRADIUS', '1', 'km', 'count', '3'])).toMatchObject({
      next: ['ASC', 'DESC', 'COUNT', 'ANY', 'WITHCOORD', 'WITHDIST', 'WITHHASH'],
      complete: true,
    });
    expect(read('slot IMPORTING node-id|MIGRATING node-id|NODE node-id|STABLE', ['1', 'node'])).toMatchObject({ readAs: ['slot', 'NODE'], next: ['node-id'] });
    expect(read('[FILTERBY MODULE module-name|ACLCAT category|PATTERN pattern]', ['filterby'])).toMatchObject({ next: ['MODULE', 'ACLCAT', 'PATTERN'] });
  });

  it('repetitions: `[key ...]`, a repeated block, and groups of alternatives (BITFIELD, CLIENT KILL)', () => {
    expect(read('key [key ...]', ['a', 'b', 'c'])).toMatchObject({ readAs: ['key', 'key', 'key'], next: ['key'], complete: true });
    expect(read('[COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...]', ['count', '2', 'STREAMS', 'a', 'b'])).toMatchObject({
      readAs: ['COUNT', 'count', 'STREAMS', 'key', 'key'],
      next: ['key', 'id'],
    });
    const BITFIELD =
      'key [GET encoding offset|[OVERFLOW WRAP|SAT|FAIL] SET encoding offset value|INCRBY encoding offset increment [GET encoding offset|[OVERFLOW WRAP|SAT|FAIL] SET encoding offset value|INCRBY encoding offset increment ...]]';
    expect(read(BITFIELD, ['k', 'GET', 'u8', '0', 'OVERFLOW', 'SAT'])).toMatchObject({ next: ['SET'] });
    expect(read(BITFIELD, ['k', 'INCRBY', 'u8', '0', '1', 'GET', 'u8', '0'])).toMatchObject({ complete: true, next: ['GET', 'OVERFLOW', 'SET', 'INCRBY'] });
    const KILL =
      'ip:port|[ID client-id]|[TYPE NORMAL|MASTER|SLAVE|REPLICA|PUBSUB]|[USER username]|[ADDR ip:port]|[LADDR ip:port]|[SKIPME yes/no] [[ID client-id]|[TYPE NORMAL|MASTER|SLAVE|REPLICA|PUBSUB]|[USER username]|[ADDR ip:port]|[LADDR ip:port]|[SKIPME yes/no] ...]';
    expect(read(KILL, ['type', 'pubsub', 'skipme'])).toMatchObject({ readAs: ['TYPE', 'PUBSUB', 'SKIPME'], next: ['yes/no'] });
    expect(read('key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]', ['k', 'xx', 'ch', '1', 'm', '2', 'n'])).toMatchObject({ complete: true });
  });

  it('an argument equal to an option word is read as the option, in any case', () => {
    expect(read('key [count [WITHVALUES]]', ['k', '2', 'withvalues'])).toMatchObject({ readAs: ['key', 'count', 'WITHVALUES'], complete: true });
    expect(read('[message]', ['hello'])).toMatchObject({ readAs: ['message'], complete: true });
    expect(read('', [])).toMatchObject({ readAs: [], complete: true });
    expect(read('', ['x']).readAs).toEqual([undefined]);
  });

  it('the word being typed: a keyword it starts, else a parameter, else the first keyword', () => {
    const s = parseSyntax('key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]');
    const { expected } = match(s, ['k']);
    expect(currentWord(s, expected, '')?.text).toBe('score');
    expect(currentWord(s, expected, 'g')?.text).toBe('GT');
    expect(currentWord(s, expected, '12')?.text).toBe('score');
    const set = parseSyntax(SET);
    expect(currentWord(set, match(set, ['k', 'v']).expected, '')?.text).toBe('NX');
  });
});

describe('snippets', () => {
  it('the required arguments as placeholders, a choice of lone keywords as a choice', () => {
    expect(requiredSnippet(parseSyntax('key value [NX|XX] [GET]')).text).toBe('${1:key} ${2:value}');
    expect(requiredSnippet(parseSyntax('key BEFORE|AFTER pivot element')).text).toBe('${1:key} ${2|BEFORE,AFTER|} ${3:pivot} ${4:element}');
    expect(
      requiredSnippet(parseSyntax('key FROMMEMBER member|FROMLONLAT longitude latitude BYRADIUS radius M|KM|FT|MI|BYBOX width height M|KM|FT|MI')).text,
    ).toBe('${1:key} FROMMEMBER ${2:member} BYRADIUS ${3:radius} ${4|M,KM,FT,MI|}');
    expect(requiredSnippet(parseSyntax('[message]')).text).toBe('');
    expect(requiredSnippet(parseSyntax('key value'), 3)).toEqual({ text: '${3:key} ${4:value}', next: 5 });
  });

  it('escapes what snippet syntax reserves ($, }, \\) and what a choice reserves (, |)', () => {
    expect(requiredSnippet(parseSyntax('key groupname $|id')).text).toBe('${1:key} ${2:groupname} \\$');
    expect(requiredSnippet(parseSyntax('key groupname id|$')).text).toBe('${1:key} ${2:groupname} ${3:id}');
    expect(requiredSnippet(parseSyntax('key =|~')).text).toBe('${1:key} ${2|=,~|}');
  });

  it('an option keyword brings the parameters that must follow it', () => {
    const s = parseSyntax('key [LIMIT offset count] [EX seconds|KEEPTTL] [COUNT count [ANY]] [WITHSCORES]');
    const word = (t: string) => s.words.find((w) => w.text === t)!;
    expect(keywordSnippet(s, word('LIMIT'))).toBe('LIMIT ${1:offset} ${2:count}');
    expect(keywordSnippet(s, word('EX'))).toBe('EX ${1:seconds}');
    expect(keywordSnippet(s, word('COUNT'))).toBe('COUNT ${1:count}');
    expect(keywordSnippet(s, word('KEEPTTL'))).toBe('KEEPTTL');
  });
});
