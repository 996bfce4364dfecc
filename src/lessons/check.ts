// Evaluating a step's check: one function for the browser and the headless tests. The context
// answers read-only commands in the lesson's database and knows what the learner ran (and what
// subscribed clients received) since the step began.

import { formatReply, isRawOutputCommand } from '../cli/format-reply.js';
import { splitArgs, utf8Decode, utf8Encode } from '../cli/split-args.js';
import type { Reply } from '../shared/reply.js';
import type { Check, KeyCheck, ReceivedCheck, ReplyCheck } from './model.js';

/** A command the learner ran, as the engine got it (byte strings) and what came back. */
export interface RanCommand {
  /** Which lesson client ran it: 1 = the learner's terminal, 2 = the second one, 0 = another tab. */
  client: number;
  argv: readonly string[];
  replies: readonly Reply[];
  /** The protocol the replies were sent in (HELLO 3 makes it 3). */
  resp?: 2 | 3;
  /** The database the client was in once the command ran. */
  db?: number;
}

/** A pub/sub message a client got (text, decoded from UTF-8). */
export interface Received {
  client: number;
  channel: string;
  message: string;
}

export interface CheckContext {
  /** Runs a read-only command (argv as byte strings) in the lesson's database. */
  query(argv: string[]): Promise<Reply> | Reply;
  /** Commands run since the step began, oldest first. */
  readonly commands: readonly RanCommand[];
  /** Messages received since the step began. */
  readonly received: readonly Received[];
  /** What the learner's Python programs printed since the step began. */
  readonly printed: string;
}

/**
 * Why a check does not hold, in terms a learner can be told: what was expected and what the
 * engine holds (or what the terminal printed). `assess` answers the first one it finds.
 */
export type Miss =
  | { kind: 'no-key'; key: string }
  | { kind: 'key-exists'; key: string }
  | { kind: 'type'; key: string; want: string; got: string }
  | { kind: 'value'; key: string; want: string; got: string | null }
  | { kind: 'no-ttl'; key: string }
  | { kind: 'ttl'; key: string; want: readonly [number, number]; got: number }
  | { kind: 'length'; key: string; want: number; got: number | null }
  | { kind: 'member'; key: string; member: string }
  | { kind: 'field'; key: string; field: string; want: string; got: string | null }
  | { kind: 'score'; key: string; member: string; want: number; got: number | null }
  /** No command ran that the check asks for (`command` when it names one). */
  | { kind: 'not-run'; command?: string; client?: number }
  /** It ran, but its reply (as the terminal printed it) is not the one asked for. */
  | { kind: 'reply'; command?: string; want: string; got: string }
  | { kind: 'not-received'; channel: string; message?: string }
  | { kind: 'not-printed'; want: string };

/** The check holds (null) or the first reason it does not. */
export async function assess(check: Check, ctx: CheckContext): Promise<Miss | null> {
  if ('all' in check) {
    for (const c of check.all) {
      const miss = await assess(c, ctx);
      if (miss !== null) return miss;
    }
    return null;
  }
  if ('any' in check) {
    // The first way's miss is the one to tell (the terminal's, as the step's commands show it).
    let first: Miss | null = null;
    for (const c of check.any) {
      const miss = await assess(c, ctx);
      if (miss === null) return null;
      first ??= miss;
    }
    return first;
  }
  if ('printed' in check) return ctx.printed.includes(check.printed.includes) ? null : { kind: 'not-printed', want: check.printed.includes };
  if ('reply' in check) return replyMiss(check.reply, ctx.commands);
  if ('received' in check) {
    if (ctx.received.some((r) => receivedMatches(check.received, r))) return null;
    return { kind: 'not-received', channel: check.received.channel, ...(check.received.message !== undefined ? { message: check.received.message } : {}) };
  }
  return keyMiss(check, ctx);
}

export async function evaluate(check: Check, ctx: CheckContext): Promise<boolean> {
  return (await assess(check, ctx)) === null;
}

/**
 * The first reply of a command as redis-cli prints it on a terminal, without the final newline
 * (INFO, CLIENT LIST and the like come out raw there, so they do here, lines joined by \n).
 */
export function replyText(ran: RanCommand): string {
  // A RESP3 client may get pushes (an invalidation, its own message) before the command's reply.
  const reply = ran.replies.find((r) => r.t !== 'push') ?? ran.replies[0];
  if (reply === undefined) return '';
  if (!isRawOutputCommand(ran.argv)) return utf8Decode(formatReply(reply, 'tty', ran.resp ?? 2)).replace(/\n$/, '');
  // Raw text keeps the server's CRLF line ends; on a screen they are just line breaks.
  return utf8Decode(formatReply(reply, 'raw', ran.resp ?? 2))
    .replace(/\r\n/g, '\n')
    .replace(/\n+$/, '');
}

/** Whether a command line (as typed) names this command: see ReplyCheck.command. */
export function commandMatches(line: string, argv: readonly string[]): boolean {
  const want = splitArgs(line);
  if (want === null || want.length === 0 || want.length > argv.length) return false;
  if (want[0]!.toLowerCase() !== argv[0]!.toLowerCase()) return false;
  for (let i = 1; i < want.length; i++) if (want[i] !== argv[i]) return false;
  return true;
}

function replyMiss(check: ReplyCheck, commands: readonly RanCommand[]): Miss | null {
  const candidates = commands.filter(
    (ran) => (check.client === undefined || ran.client === check.client) && (check.command === undefined || commandMatches(check.command, ran.argv)),
  );
  const where = { ...(check.command !== undefined ? { command: check.command } : {}), ...(check.client !== undefined ? { client: check.client } : {}) };
  if (candidates.length === 0) return { kind: 'not-run', ...where };
  if (check.equals === undefined && check.matches === undefined) return null;
  let last = '';
  for (const ran of candidates) {
    last = replyText(ran);
    if ((check.equals === undefined || last === check.equals) && (check.matches === undefined || check.matches.test(last))) return null;
  }
  return { kind: 'reply', ...(check.command !== undefined ? { command: check.command } : {}), want: check.equals ?? check.matches!.source, got: last };
}

function receivedMatches(check: ReceivedCheck, r: Received): boolean {
  return r.channel === check.channel && (check.message === undefined || r.message === check.message);
}

/** The channel client-side caching's invalidations come on: a RESP2 client subscribes to it, a RESP3 one gets `invalidate` pushes. */
export const INVALIDATE_CHANNEL = '__redis__:invalidate';

/**
 * The pub/sub messages in a push (RESP3 push or RESP2 array): ['message', channel, data] or
 * pmessage, one message. A client-side-caching invalidation (a RESP3 `invalidate` push, or a
 * message on __redis__:invalidate whose data is an array of keys) is one message per key on
 * __redis__:invalidate; an invalidation of everything (FLUSHALL: no keys) is none.
 */
export function messagesOf(reply: Reply): { channel: string; message: string }[] {
  if ((reply.t !== 'push' && reply.t !== 'array') || reply.v === null) return [];
  const items = reply.v;
  const text = (r: Reply | undefined): string | null => (r !== undefined && r.t === 'bulk' && r.v !== null ? r.v : null);
  const keys = (r: Reply | undefined) =>
    r !== undefined && r.t === 'array' && r.v !== null
      ? r.v.flatMap((k) => {
          const key = text(k);
          return key === null ? [] : [{ channel: INVALIDATE_CHANNEL, message: utf8Decode(key) }];
        })
      : [];
  const kind = text(items[0]);
  if (reply.t === 'push' && kind === 'invalidate' && items.length === 2) return keys(items[1]);
  if (kind === 'message' && items.length === 3) {
    const channel = text(items[1]);
    if (channel === INVALIDATE_CHANNEL && items[2]!.t === 'array') return keys(items[2]);
    const data = text(items[2]);
    return channel !== null && data !== null ? [{ channel: utf8Decode(channel), message: utf8Decode(data) }] : [];
  }
  if (kind === 'pmessage' && items.length === 4) {
    const channel = text(items[2]);
    const data = text(items[3]);
    return channel !== null && data !== null ? [{ channel: utf8Decode(channel), message: utf8Decode(data) }] : [];
  }
  return [];
}

async function keyMiss(check: KeyCheck, ctx: CheckContext): Promise<Miss | null> {
  const name = check.key;
  const key = utf8Encode(name);
  const q = async (...args: string[]): Promise<Reply> => ctx.query(args.map(utf8Encode));
  const type = await q('TYPE', name);
  const actual = type.t === 'simple' ? type.v : 'none';
  if (check.exists === false) return actual === 'none' ? null : { kind: 'key-exists', key: name };
  if (actual === 'none') return { kind: 'no-key', key: name };
  if (check.type !== undefined && actual !== check.type) return { kind: 'type', key: name, want: check.type, got: actual };
  if (check.equals !== undefined) {
    if (actual !== 'string') return { kind: 'type', key: name, want: 'string', got: actual };
    const v = await ctx.query(['GET', key]);
    const got = v.t === 'bulk' && v.v !== null ? utf8Decode(v.v) : null;
    if (got !== check.equals) return { kind: 'value', key: name, want: check.equals, got };
  }
  if (check.ttlBetween !== undefined) {
    const ms = integer(await ctx.query(['PTTL', key]));
    if (ms === null || ms < 0) return { kind: 'no-ttl', key: name };
    const [min, max] = check.ttlBetween;
    if (ms / 1000 < min || ms / 1000 > max) return { kind: 'ttl', key: name, want: check.ttlBetween, got: ms / 1000 };
  }
  if (check.length !== undefined) {
    const cmd = { string: 'STRLEN', list: 'LLEN', hash: 'HLEN', set: 'SCARD', zset: 'ZCARD' }[actual];
    const got = cmd === undefined ? null : integer(await ctx.query([cmd, key]));
    if (got !== check.length) return { kind: 'length', key: name, want: check.length, got };
  }
  if (check.member !== undefined) {
    const member = utf8Encode(check.member);
    let found: boolean;
    if (actual === 'set') found = integer(await ctx.query(['SISMEMBER', key, member])) === 1;
    else if (actual === 'zset') found = nonNil(await ctx.query(['ZSCORE', key, member]));
    else if (actual === 'list') found = integer(await ctx.query(['LPOS', key, member])) !== null;
    else found = false;
    if (!found) return { kind: 'member', key: name, member: check.member };
  }
  if (check.field !== undefined) {
    const [field, want] = check.field;
    if (actual !== 'hash') return { kind: 'type', key: name, want: 'hash', got: actual };
    const v = await ctx.query(['HGET', key, utf8Encode(field)]);
    const got = v.t === 'bulk' && v.v !== null ? utf8Decode(v.v) : null;
    if (got !== want) return { kind: 'field', key: name, field, want, got };
  }
  if (check.score !== undefined) {
    const [member, want] = check.score;
    if (actual !== 'zset') return { kind: 'type', key: name, want: 'zset', got: actual };
    const v = await ctx.query(['ZSCORE', key, utf8Encode(member)]);
    const got = v.t === 'bulk' && v.v !== null ? Number(v.v) : v.t === 'double' ? v.v : null;
    if (got !== want) return { kind: 'score', key: name, member, want, got };
  }
  return null;
}

function integer(r: Reply): number | null {
  return r.t === 'int' ? Number(r.v) : null;
}

function nonNil(r: Reply): boolean {
  return (r.t === 'bulk' && r.v !== null) || r.t === 'double';
}
