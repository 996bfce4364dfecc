// A command's argument syntax (the string redis-cli's help shows: `key value [NX|XX] [GET]
// [EX seconds|PX milliseconds|...]`) read as a small grammar, so the editor can tell which
// argument the cursor is on, which option words may come next, and what a snippet should hold.
//
// The string is redis-cli's rendering of COMMAND DOCS' argument tree, which loses some of its
// shape: `|` joins the alternatives of a "oneof" whether they are single words (BEFORE|AFTER)
// or blocks of words (EX seconds|PX milliseconds). We read it back the way it was written:
// a keyword followed by lower-case parameters is a block; an alternation whose first member is
// such a block takes blocks, one whose first member is a lone word takes lone words. That reads
// every syntax in our table as Redis meant it (GEOSEARCH's FROMMEMBER member|FROMLONLAT
// longitude latitude, BITFIELD's operations, CLIENT KILL's filters) — see syntax.test.ts —
// with options in any order, as Redis takes them.

/** One word of the syntax: an option keyword to type as is, or a parameter to fill in. */
export interface SyntaxWord {
  /** Its index in `Syntax.words`, in the order the string has them. */
  index: number;
  text: string;
  /** A keyword (NX, EX, `*`, `=`): no lower-case letter. A parameter (key, seconds) otherwise. */
  literal: boolean;
  /** Where it is in the syntax string: [start, end). */
  start: number;
  end: number;
}

type Node = { k: 'word'; w: SyntaxWord } | { k: 'seq'; items: Node[] } | { k: 'alt'; options: Node[] } | { k: 'opt'; node: Node } | { k: 'star'; node: Node };

export interface Syntax {
  readonly source: string;
  readonly words: readonly SyntaxWord[];
  /** Words that may come first. */
  readonly first: readonly number[];
  /** Words that may follow each word. */
  readonly follow: readonly (readonly number[])[];
  /** Words that may end the arguments. */
  readonly last: ReadonlySet<number>;
  /** No argument at all is a match. */
  readonly nullable: boolean;
  readonly root: Node;
}

type Tok = { t: '[' | ']' | '|' | '...' | 'w'; text: string; start: number; end: number };

function tokenize(s: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === ' ') {
      i++;
    } else if (c === '[' || c === ']' || c === '|') {
      toks.push({ t: c, text: c, start: i, end: i + 1 });
      i++;
    } else {
      let j = i;
      while (j < s.length && !' []|'.includes(s[j]!)) j++;
      const text = s.slice(i, j);
      toks.push({ t: text === '...' ? '...' : 'w', text, start: i, end: j });
      i = j;
    }
  }
  return toks;
}

const isLiteral = (text: string): boolean => !/[a-z]/.test(text);

/** Does every way through `n` start with a keyword? */
function keywordLed(n: Node): boolean {
  switch (n.k) {
    case 'word':
      return n.w.literal;
    case 'seq':
      return n.items.length > 0 && keywordLed(n.items[0]!);
    case 'alt':
      return n.options.length > 0 && n.options.every(keywordLed);
    case 'opt':
    case 'star':
      return keywordLed(n.node);
  }
}

/**
 * Redis takes options in any order (SET k v EX 10 NX), whatever order the syntax string lists
 * them in: a run of optional groups that each start with a keyword becomes "any of them, in any
 * order". (Each once is not enforced; completion leaves out the ones already given.)
 */
function anyOrder(items: Node[]): Node[] {
  const out: Node[] = [];
  let run: Node[] = [];
  const flush = () => {
    if (run.length > 1) out.push({ k: 'star', node: { k: 'alt', options: run.map((o) => (o as { node: Node }).node) } });
    else out.push(...run);
    run = [];
  };
  for (const n of items) {
    if (n.k === 'opt' && keywordLed(n.node)) run.push(n);
    else {
      flush();
      out.push(n);
    }
  }
  flush();
  return out;
}

/** Reads a syntax string into its grammar (never throws: a malformed string reads as far as it can). */
export function parseSyntax(source: string): Syntax {
  const toks = tokenize(source);
  const words: SyntaxWord[] = [];
  let p = 0;
  const peek = (o = 0): Tok | undefined => toks[p + o];
  const word = (): Node => {
    const t = toks[p++]!;
    const w: SyntaxWord = { index: words.length, text: t.text, literal: isLiteral(t.text), start: t.start, end: t.end };
    words.push(w);
    return { k: 'word', w };
  };
  const isWord = (t: Tok | undefined): t is Tok => t !== undefined && t.t === 'w';
  const seq = (items: Node[]): Node => (items.length === 1 ? items[0]! : { k: 'seq', items });

  // A sequence up to `]` or the end; `...` before the `]` makes the group a repetition.
  function parseSeq(): { items: Node[]; repeat: boolean } {
    const items: Node[] = [];
    let repeat = false;
    while (peek() !== undefined && peek()!.t !== ']') {
      const t = peek()!;
      if (t.t === '...') {
        p++;
        repeat = true;
      } else if (t.t === '|') {
        p++; // a stray bar: skip it
      } else {
        items.push(parseChain());
      }
    }
    return { items: anyOrder(items), repeat };
  }

  function parseGroup(): Node {
    p++; // [
    const { items, repeat } = parseSeq();
    if (peek()?.t === ']') p++;
    const body = seq(items);
    return repeat ? { k: 'star', node: body } : { k: 'opt', node: body };
  }

  // One word or one group.
  function parseAtom(): Node {
    const t = peek();
    if (t?.t === '[') return parseGroup();
    if (isWord(t)) return word();
    p++;
    return { k: 'seq', items: [] };
  }

  // KEYWORD|KEYWORD... as a keyword's parameter (M|KM|FT|MI after BYRADIUS radius); it stops
  // before a bar whose next word takes parameters of its own (|BYBOX width height).
  function parseKeywordChoice(): Node {
    const options: Node[] = [word()];
    while (peek()?.t === '|' && isWord(peek(1)) && !(isWord(peek(2)) && !isLiteral(peek(2)!.text))) {
      p++;
      options.push(word());
    }
    return options.length === 1 ? options[0]! : { k: 'alt', options };
  }

  // A block: a keyword and the parameters after it, a lone parameter, or a group. After a bar
  // of block alternatives, optional groups may lead the block ([OVERFLOW ...] SET encoding ...).
  function parseBlock(groupsLead: boolean): { node: Node; params: number } {
    const items: Node[] = [];
    while (peek()?.t === '[') {
      const g = parseGroup();
      items.push(g);
      if (!groupsLead || g.k === 'star' || !(isWord(peek()) || peek()?.t === '[')) return { node: seq(items), params: 0 };
    }
    const t = peek();
    if (!isWord(t)) {
      if (items.length === 0) return { node: parseAtom(), params: 0 };
      return { node: seq(items), params: 0 };
    }
    items.push(word());
    let params = 0;
    if (isLiteral(t.text)) {
      for (;;) {
        const n = peek();
        if (!isWord(n)) break;
        if (!isLiteral(n.text)) {
          items.push(word());
        } else if (peek(1)?.t === '|') {
          items.push(parseKeywordChoice());
        } else {
          break;
        }
        params++;
        if (peek()?.t === '|') break;
      }
    }
    return { node: seq(items), params };
  }

  function parseChain(): Node {
    const first = parseBlock(false);
    if (peek()?.t !== '|') return first.node;
    const blocks = first.params > 0;
    const options = [first.node];
    while (peek()?.t === '|') {
      p++;
      options.push(blocks ? parseBlock(true).node : parseAtom());
    }
    return { k: 'alt', options };
  }

  const items: Node[] = [];
  while (p < toks.length) {
    const { items: part } = parseSeq();
    items.push(...part);
    if (p < toks.length) p++; // a stray ]
  }
  const root = seq(items);
  return automaton(source, words, root);
}

interface Facts {
  nullable: boolean;
  first: Set<number>;
  last: Set<number>;
}

/** Glushkov's construction: the words are the states; `follow` says which word may come next. */
function automaton(source: string, words: SyntaxWord[], root: Node): Syntax {
  const follow = words.map(() => new Set<number>());
  const link = (from: Set<number>, to: Set<number>) => {
    for (const a of from) for (const b of to) follow[a]!.add(b);
  };
  const facts = (n: Node): Facts => {
    switch (n.k) {
      case 'word':
        return { nullable: false, first: new Set([n.w.index]), last: new Set([n.w.index]) };
      case 'seq': {
        let acc: Facts = { nullable: true, first: new Set(), last: new Set() };
        for (const item of n.items) {
          const f = facts(item);
          link(acc.last, f.first);
          acc = {
            nullable: acc.nullable && f.nullable,
            first: acc.nullable ? new Set([...acc.first, ...f.first]) : acc.first,
            last: f.nullable ? new Set([...acc.last, ...f.last]) : f.last,
          };
        }
        return acc;
      }
      case 'alt': {
        const all = n.options.map(facts);
        return {
          nullable: all.length === 0 || all.some((f) => f.nullable),
          first: new Set(all.flatMap((f) => [...f.first])),
          last: new Set(all.flatMap((f) => [...f.last])),
        };
      }
      case 'opt': {
        const f = facts(n.node);
        return { ...f, nullable: true };
      }
      case 'star': {
        const f = facts(n.node);
        link(f.last, f.first);
        return { ...f, nullable: true };
      }
    }
  };
  const f = facts(root);
  return {
    source,
    words,
    first: [...f.first].sort((a, b) => a - b),
    follow: follow.map((s) => [...s].sort((a, b) => a - b)),
    last: f.last,
    nullable: f.nullable,
    root,
  };
}

/** C's strcasecmp on ASCII letters only, as Redis compares option words (ignoring NUL tails). */
function sameWord(arg: string, keyword: string): boolean {
  return arg.length === keyword.length && arg.toUpperCase() === keyword && /^[\x00-\x7f]*$/.test(arg);
}

/**
 * Where the arguments given leave the grammar: the words that may come next (`expected`),
 * whether the arguments may stop here (`complete`), and for each argument the word it was
 * read as (undefined once nothing fits). An argument equal to an option keyword is read as
 * that keyword rather than as a parameter.
 */
export function match(syntax: Syntax, args: readonly string[]): { expected: number[]; complete: boolean; readAs: (SyntaxWord | undefined)[] } {
  let expected: readonly number[] = syntax.first;
  let complete = syntax.nullable;
  const readAs: (SyntaxWord | undefined)[] = [];
  for (const arg of args) {
    const keywords = expected.filter((i) => syntax.words[i]!.literal && sameWord(arg, syntax.words[i]!.text));
    const matched = keywords.length > 0 ? keywords : expected.filter((i) => !syntax.words[i]!.literal);
    readAs.push(matched.length > 0 ? syntax.words[matched[0]!] : undefined);
    const next = new Set<number>();
    for (const i of matched) for (const j of syntax.follow[i]!) next.add(j);
    complete = matched.some((i) => syntax.last.has(i));
    expected = [...next].sort((a, b) => a - b);
  }
  return { expected: [...expected], complete, readAs };
}

/**
 * The word the argument being typed stands for: among the expected words, a keyword that
 * starts with what was typed (ignoring case), else a parameter, else the first keyword.
 */
export function currentWord(syntax: Syntax, expected: readonly number[], typed: string): SyntaxWord | undefined {
  const ws = expected.map((i) => syntax.words[i]!);
  const up = typed.toUpperCase();
  if (typed !== '') {
    const kw = ws.find((w) => w.literal && w.text.startsWith(up));
    if (kw) return kw;
  }
  return ws.find((w) => !w.literal) ?? ws[0];
}

/** Snippet text escaping: `$`, `}` and `\` are special in Monaco's snippet syntax. */
export function snippetText(s: string): string {
  return s.replace(/[$}\\]/g, (c) => '\\' + c);
}

function choiceText(s: string): string {
  return s.replace(/[,|\\$}]/g, (c) => '\\' + c);
}

/**
 * The arguments a command cannot go without, as a snippet body: parameters become
 * placeholders (`${1:key}`), a choice of keywords a choice (`${2|BEFORE,AFTER|}`), and of
 * alternatives of several words the first is taken. Options and repetitions are left out.
 * `from` numbers the first placeholder.
 */
export function requiredSnippet(syntax: Syntax, from = 1): { text: string; next: number } {
  let n = from;
  const walk = (node: Node): string[] => {
    switch (node.k) {
      case 'word':
        return [node.w.literal ? snippetText(node.w.text) : `\${${n++}:${snippetText(node.w.text)}}`];
      case 'seq':
        return node.items.flatMap(walk);
      case 'alt': {
        const lone = node.options.every((o) => o.k === 'word' && o.w.literal);
        if (lone) return [`\${${n++}|${node.options.map((o) => choiceText((o as { w: SyntaxWord }).w.text)).join(',')}|}`];
        const first = node.options[0];
        return first === undefined ? [] : walk(first);
      }
      case 'opt':
      case 'star':
        return [];
    }
  };
  const parts = walk(syntax.root);
  return { text: parts.join(' '), next: n };
}

/** What a keyword takes after it for sure (EX → seconds; LIMIT → offset count), as a snippet. */
export function keywordSnippet(syntax: Syntax, word: SyntaxWord): string {
  let text = snippetText(word.text);
  let at = word.index;
  let n = 1;
  for (;;) {
    const next = syntax.follow[at]!;
    if (next.length !== 1) break;
    const w = syntax.words[next[0]!]!;
    if (w.literal || w.index <= at) break;
    text += ` \${${n++}:${snippetText(w.text)}}`;
    at = w.index;
  }
  return text;
}
