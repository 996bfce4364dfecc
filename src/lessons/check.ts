// Evaluating a step's check: one function for the browser and the headless tests. The context
// answers read-only commands in the lesson's database and knows what the learner ran (and what
// subscribed clients received) since the step began.

import { formatReply, isRawOutputCommand } from '../cli/format-reply.js';
import { splitArgs, utf8Decode, utf8Encode } from '../cli/split-args.js';
import type { Reply } from '../engine/reply.js';
import type { Check, KeyCheck, ReceivedCheck, ReplyCheck } from './model.js';

/** A command the learner ran, as the engine got it (byte strings) and what came back. */
export interface RanCommand {
  /** Which lesson client ran it: 1 = the learner's terminal, 2 = the second one, 0 = another tab. */
  client: number;
  argv: readonly string[];
  replies: readonly Reply[];
  /** The protocol the replies were sent in (HELLO 3 makes it 3). */
  resp?: 2 | 3;
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
}

export async function evaluate(check: Check, ctx: CheckContext): Promise<boolean> {
  if ('all' in check) {
    for (const c of check.all) if (!(await evaluate(c, ctx))) return false;
    return true;
  }
  if ('reply' in check) return ctx.commands.some((ran) => replyMatches(check.reply, ran));
  if ('received' in check) return ctx.received.some((r) => receivedMatches(check.received, r));
  return keyMatches(check, ctx);
}

/**
 * The first reply of a command as redis-cli prints it on a terminal, without the final newline
 * (INFO, CLIENT LIST and the like come out raw there, so they do here, lines joined by \n).
 */
export function replyText(ran: RanCommand): string {
  const reply = ran.replies[0];
  if (reply === undefined) return '';
  if (!isRawOutputCommand(ran.argv)) return utf8Decode(formatReply(reply, 'tty', ran.resp ?? 2)).replace(/\n$/, '');
  // Raw text keeps the server's CRLF line ends; on a screen they are just line breaks.
  return utf8Decode(formatReply(reply, 'raw', ran.resp ?? 2)).replace(/\r\n/g, '\n').replace(/\n+$/, '');
}

/** Whether a command line (as typed) names this command: see ReplyCheck.command. */
export function commandMatches(line: string, argv: readonly string[]): boolean {
  const want = splitArgs(line);
  if (want === null || want.length === 0 || want.length > argv.length) return false;
  if (want[0]!.toLowerCase() !== argv[0]!.toLowerCase()) return false;
  for (let i = 1; i < want.length; i++) if (want[i] !== argv[i]) return false;
  return true;
}

function replyMatches(check: ReplyCheck, ran: RanCommand): boolean {
  if (check.client !== undefined && ran.client !== check.client) return false;
  if (check.command !== undefined && !commandMatches(check.command, ran.argv)) return false;
  if (check.equals === undefined && check.matches === undefined) return true;
  const text = replyText(ran);
  if (check.equals !== undefined && text !== check.equals) return false;
  if (check.matches !== undefined && !check.matches.test(text)) return false;
  return true;
}

function receivedMatches(check: ReceivedCheck, r: Received): boolean {
  return r.channel === check.channel && (check.message === undefined || r.message === check.message);
}

/** A pub/sub message push (RESP3 push or RESP2 array): ['message', channel, data] or pmessage. */
export function messageOf(reply: Reply): { channel: string; message: string } | null {
  if ((reply.t !== 'push' && reply.t !== 'array') || reply.v === null) return null;
  const parts = reply.v.map((r) => (r.t === 'bulk' && r.v !== null ? r.v : null));
  if (parts[0] === 'message' && parts.length === 3 && parts[1] !== null && parts[2] !== null) {
    return { channel: utf8Decode(parts[1]!), message: utf8Decode(parts[2]!) };
  }
  if (parts[0] === 'pmessage' && parts.length === 4 && parts[2] !== null && parts[3] !== null) {
    return { channel: utf8Decode(parts[2]!), message: utf8Decode(parts[3]!) };
  }
  return null;
}

async function keyMatches(check: KeyCheck, ctx: CheckContext): Promise<boolean> {
  const key = utf8Encode(check.key);
  const q = async (...args: string[]): Promise<Reply> => ctx.query(args.map(utf8Encode));
  const type = await q('TYPE', check.key);
  const actual = type.t === 'simple' ? type.v : 'none';
  const onlyAbsence = check.exists === false;
  if (onlyAbsence) return actual === 'none';
  if (actual === 'none') return false;
  if (check.type !== undefined && actual !== check.type) return false;
  if (check.equals !== undefined) {
    if (actual !== 'string') return false;
    const v = await ctx.query(['GET', key]);
    if (v.t !== 'bulk' || v.v === null || utf8Decode(v.v) !== check.equals) return false;
  }
  if (check.ttlBetween !== undefined) {
    const ms = integer(await ctx.query(['PTTL', key]));
    if (ms === null || ms < 0) return false;
    const [min, max] = check.ttlBetween;
    if (ms / 1000 < min || ms / 1000 > max) return false;
  }
  if (check.length !== undefined) {
    const cmd = { string: 'STRLEN', list: 'LLEN', hash: 'HLEN', set: 'SCARD', zset: 'ZCARD' }[actual];
    if (cmd === undefined || integer(await ctx.query([cmd, key])) !== check.length) return false;
  }
  if (check.member !== undefined) {
    const member = utf8Encode(check.member);
    let found: boolean;
    if (actual === 'set') found = integer(await ctx.query(['SISMEMBER', key, member])) === 1;
    else if (actual === 'zset') found = nonNil(await ctx.query(['ZSCORE', key, member]));
    else if (actual === 'list') found = integer(await ctx.query(['LPOS', key, member])) !== null;
    else found = false;
    if (!found) return false;
  }
  if (check.field !== undefined) {
    if (actual !== 'hash') return false;
    const v = await ctx.query(['HGET', key, utf8Encode(check.field[0])]);
    if (v.t !== 'bulk' || v.v === null || utf8Decode(v.v) !== check.field[1]) return false;
  }
  if (check.score !== undefined) {
    if (actual !== 'zset') return false;
    const v = await ctx.query(['ZSCORE', key, utf8Encode(check.score[0])]);
    const s = v.t === 'bulk' && v.v !== null ? Number(v.v) : v.t === 'double' ? v.v : NaN;
    if (s !== check.score[1]) return false;
  }
  return true;
}

function integer(r: Reply): number | null {
  return r.t === 'int' ? Number(r.v) : null;
}

function nonNil(r: Reply): boolean {
  return (r.t === 'bulk' && r.v !== null) || r.t === 'double';
}
