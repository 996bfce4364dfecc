// The BITMAP group (Redis's bitops.c): SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD and
// BITFIELD_RO. Bitmaps are ordinary string values (byte strings); bit 0 is the most significant
// bit of the first byte. Integer-encoded strings are read through their decimal text, as Redis
// does.

import { cString, isOpt } from '../../shared/args.js';
import type { Client } from '../client.js';
import type { CommandSpec } from '../command.js';
import { commandGroup, key, keyRange } from '../command-decl.js';
import * as E from '../../shared/errors.js';
import { NOT_INTEGER_R, SYNTAX_R, WRONGTYPE_R } from '../error-replies.js';
import { addKey, deleteKey, lookupRead, lookupWrite, setKey } from '../keyspace.js';
import { INT64_MAX, parseInt64, parseIntArg } from '../numbers.js';
import { createString, type StringObj } from '../objects.js';
import { oneOf } from '../options.js';
import { array, error, int, NIL, ONE, ZERO, type Reply } from '../../shared/reply.js';

const BIT_OFFSET_R = error(E.BIT_OFFSET_OUT_OF_RANGE);
const BIT_VALUE_R = error(E.BIT_NOT_ZERO_OR_ONE);
const BIT_ARG_R = error(E.BIT_ARG_NOT_ZERO_OR_ONE);
const STRING_TOO_LONG_R = error(E.STRING_TOO_LONG);
const MINUS_ONE = int(-1);

/** V8's String::kMaxLength (2^29 - 24): a string cannot grow past it in JS. */
const MAX_JS_STRING = 536870888;

const POPCOUNT = new Uint8Array(256);
for (let i = 1; i < 256; i++) POPCOUNT[i] = (i & 1) + POPCOUNT[i >> 1]!;

/**
 * getBitOffsetFromArgument: a bit offset (0 up to proto-max-bulk-len × 8 - 1), or null for
 * Redis's "bit offset is not an integer or out of range". With `bits` > 0, "#N" means N × bits
 * (BITFIELD).
 */
function parseBitOffset(c: Client, arg: string, bits = 0): number | null {
  const hash = bits > 0 && arg.charCodeAt(0) === 35;
  const text = hash ? arg.slice(1) : arg;
  let n = parseIntArg(text);
  if (n === null) return null;
  if (hash) {
    n *= bits;
    if (!Number.isSafeInteger(n)) {
      // int64 multiplication wraps in Redis.
      const wrapped = BigInt.asIntN(64, parseInt64(text)! * BigInt(bits));
      if (wrapped < 0n) return null;
      n = Number(wrapped);
    }
  }
  if (n < 0 || Math.floor(n / 8) >= c.engine.config.protoMaxBulkLen) return null;
  return n;
}

/**
 * lookupStringForBitCommand: the string at argv[1] made long enough to hold `maxbit` (created
 * as zero bytes when missing), raw-encoded and stored, and whether it grew (was created or
 * lengthened); WRONGTYPE or our size limit as a Reply.
 */
function stringForBitWrite(c: Client, key: string, maxbit: number): BitTarget | Reply {
  const o = lookupWrite(c, key);
  if (o !== undefined && o.type !== 'string') return WRONGTYPE_R;
  const need = Math.floor(maxbit / 8) + 1;
  if (need > MAX_JS_STRING) return STRING_TOO_LONG_R;
  if (o === undefined) {
    const value = '\0'.repeat(need);
    addKey(c.engine, c.db, key, createString(value, 'raw'));
    return { value, grew: true };
  }
  const len = o.value.length;
  const grew = need > len;
  const value = grew ? o.value + '\0'.repeat(need - len) : o.value;
  c.db.replaceValue(key, createString(value, 'raw')); // dbUnshareStringValue
  return { value, grew };
}

interface BitTarget {
  value: string;
  grew: boolean;
}

function isReply(x: BitTarget | Reply): x is Reply {
  return (x as BitTarget).value === undefined;
}

// ---- SETBIT / GETBIT ----------------------------------------------------------------------

function setbitCommand(c: Client, argv: string[]): Reply {
  const offset = parseBitOffset(c, argv[2]!);
  if (offset === null) return BIT_OFFSET_R;
  const on = parseIntArg(argv[3]!);
  if (on === null || (on !== 0 && on !== 1)) return BIT_VALUE_R;
  const key = argv[1]!;
  const target = stringForBitWrite(c, key, offset);
  if (isReply(target)) return target;
  const byte = Math.floor(offset / 8);
  const s = target.value;
  const byteval = s.charCodeAt(byte);
  const mask = 1 << (7 - (offset & 7));
  const bitval = (byteval & mask) !== 0 ? 1 : 0;
  if (target.grew || bitval !== on) {
    const nb = on ? byteval | mask : byteval & ~mask;
    if (nb !== byteval) c.db.replaceValue(key, createString(s.slice(0, byte) + String.fromCharCode(nb) + s.slice(byte + 1), 'raw'));
    c.engine.signalModifiedKey(c.db, key);
    c.engine.notify('$', 'setbit', key, c.db);
  }
  return bitval ? ONE : ZERO;
}

function getbitCommand(c: Client, argv: string[]): Reply {
  const offset = parseBitOffset(c, argv[2]!);
  if (offset === null) return BIT_OFFSET_R;
  const o = lookupRead(c, argv[1]!);
  if (o === undefined) return ZERO;
  if (o.type !== 'string') return WRONGTYPE_R;
  const byte = Math.floor(offset / 8);
  const s = o.value;
  if (byte >= s.length) return ZERO;
  return s.charCodeAt(byte) & (1 << (7 - (offset & 7))) ? ONE : ZERO;
}

// ---- BITCOUNT / BITPOS ----------------------------------------------------------------------

/** Clamps an int64 (already compared exactly where it matters) into the safe-number range. */
function clampToNumber(v: bigint): number {
  const LIM = 1n << 60n;
  return Number(v > LIM ? LIM : v < -LIM ? -LIM : v);
}

interface ByteRange {
  start: number;
  end: number;
  firstMask: number;
  lastMask: number;
}

/** BITCOUNT/BITPOS's BYTE|BIT unit word: true for BIT, null for a syntax error. */
function parseBitUnit(arg: string): boolean | null {
  if (isOpt(arg, 'bit')) return true;
  return isOpt(arg, 'byte') ? false : null;
}

/**
 * BITCOUNT/BITPOS's range (start and end in bytes, or in bits with BIT) over a string of strlen
 * bytes: negative indexes count from the end, then both are clamped. With BIT the result is
 * the byte range plus masks for the bits outside it in the first and last byte.
 */
function byteRange(start: number, end: number, strlen: number, isbit: boolean): ByteRange {
  const totlen = isbit ? strlen * 8 : strlen;
  if (start < 0) start = totlen + start;
  if (end < 0) end = totlen + end;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= totlen) end = totlen - 1;
  let firstMask = 0;
  let lastMask = 0;
  if (isbit && start <= end) {
    firstMask = ~((1 << (8 - (start & 7))) - 1) & 0xff;
    lastMask = (1 << (7 - (end & 7))) - 1;
    start = Math.floor(start / 8);
    end = Math.floor(end / 8);
  }
  return { start, end, firstMask, lastMask };
}

function popcount(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i <= end; i++) n += POPCOUNT[s.charCodeAt(i)]!;
  return n;
}

function bitcountCommand(c: Client, argv: string[]): Reply {
  const o = lookupRead(c, argv[1]!);
  if (o === undefined) return ZERO;
  if (o.type !== 'string') return WRONGTYPE_R;
  const s = o.value;
  const strlen = s.length;
  const argc = argv.length;
  if (argc === 3 || argc > 5) return SYNTAX_R;
  // Without start and end, the whole string.
  let range = byteRange(0, -1, strlen, false);
  if (argc > 2) {
    const bs = parseInt64(argv[2]!);
    if (bs === null) return NOT_INTEGER_R;
    const be = parseInt64(argv[3]!);
    if (be === null) return NOT_INTEGER_R;
    if (bs < 0n && be < 0n && bs > be) return ZERO;
    const isbit = argc === 5 ? parseBitUnit(argv[4]!) : false;
    if (isbit === null) return SYNTAX_R;
    range = byteRange(clampToNumber(bs), clampToNumber(be), strlen, isbit);
  }
  const { start, end, firstMask, lastMask } = range;
  if (start > end) return ZERO;
  let count = popcount(s, start, end);
  if (firstMask !== 0) count -= POPCOUNT[s.charCodeAt(start) & firstMask]!;
  if (lastMask !== 0) count -= POPCOUNT[s.charCodeAt(end) & lastMask]!;
  return int(count);
}

/**
 * redisBitpos over `count` bytes from `start`: the position of the first `bit`, relative to
 * `start`; when absent, -1 looking for a 1 and count × 8 looking for a 0 (zero padding).
 */
function bitpos(s: string, start: number, count: number, bit: number): number {
  const skip = bit ? 0 : 0xff;
  for (let i = 0; i < count; i++) {
    const b = s.charCodeAt(start + i);
    if (b !== skip) return i * 8 + firstBit(b, bit);
  }
  return bit ? -1 : count * 8;
}

/** Position (0 = most significant) of the first `bit` in a byte known to contain one. */
function firstBit(b: number, bit: number): number {
  const v = bit ? b : ~b & 0xff;
  return Math.clz32(v) - 24;
}

function bitposByte(b: number, bit: number): number {
  if (b !== (bit ? 0 : 0xff)) return firstBit(b, bit);
  return bit ? -1 : 8;
}

function bitposCommand(c: Client, argv: string[]): Reply {
  const bit = parseIntArg(argv[2]!);
  if (bit === null) return NOT_INTEGER_R;
  if (bit !== 0 && bit !== 1) return BIT_ARG_R;
  const o = lookupRead(c, argv[1]!);
  if (o === undefined) return bit ? MINUS_ONE : ZERO;
  if (o.type !== 'string') return WRONGTYPE_R;
  const s = o.value;
  const strlen = s.length;
  const argc = argv.length;
  if (argc > 6) return SYNTAX_R;
  // Without start, the whole string.
  let range = byteRange(0, -1, strlen, false);
  const endGiven = argc >= 5;
  if (argc > 3) {
    const bs = parseInt64(argv[3]!);
    if (bs === null) return NOT_INTEGER_R;
    const isbit = argc === 6 ? parseBitUnit(argv[5]!) : false;
    if (isbit === null) return SYNTAX_R;
    let end: number;
    if (endGiven) {
      const be = parseInt64(argv[4]!);
      if (be === null) return NOT_INTEGER_R;
      end = clampToNumber(be);
    } else {
      end = isbit ? strlen * 8 + 7 : strlen - 1;
    }
    range = byteRange(clampToNumber(bs), end, strlen, isbit);
  }
  let start = range.start;
  const { end, firstMask, lastMask } = range;
  if (start > end) return MINUS_ONE;
  let bytes = end - start + 1;
  let pos: number;
  found: {
    if (firstMask !== 0) {
      let tmp = bit ? s.charCodeAt(start) & ~firstMask & 0xff : s.charCodeAt(start) | firstMask;
      if (lastMask !== 0 && bytes === 1) tmp = bit ? tmp & ~lastMask & 0xff : tmp | lastMask;
      pos = bitposByte(tmp, bit);
      if (bytes === 1 || (pos !== -1 && pos !== 8)) break found;
      start++;
      bytes--;
    }
    const curbytes = bytes - (lastMask !== 0 ? 1 : 0);
    if (curbytes > 0) {
      pos = bitpos(s, start, curbytes, bit);
      if (bytes === curbytes || (pos !== -1 && pos !== curbytes * 8)) break found;
      start += curbytes;
      bytes -= curbytes;
    }
    const tmp = bit ? s.charCodeAt(end) & ~lastMask & 0xff : s.charCodeAt(end) | lastMask;
    pos = bitposByte(tmp, bit);
  }
  if (endGiven && bit === 0 && pos === bytes * 8) return MINUS_ONE;
  if (pos !== -1) pos += start * 8;
  return int(pos);
}

// ---- BITOP ----------------------------------------------------------------------------------

const BITOP_AND = 0;
const BITOP_OR = 1;
const BITOP_XOR = 2;
const BITOP_NOT = 3;

function bitopCommand(c: Client, argv: string[]): Reply {
  const opname = argv[1]!;
  let op: number;
  if (isOpt(opname, 'and')) op = BITOP_AND;
  else if (isOpt(opname, 'or')) op = BITOP_OR;
  else if (isOpt(opname, 'xor')) op = BITOP_XOR;
  else if (isOpt(opname, 'not')) op = BITOP_NOT;
  else return SYNTAX_R;
  if (op === BITOP_NOT && argv.length !== 4) return error(E.BITOP_NOT_SINGLE_KEY);
  const target = argv[2]!;
  const srcs: string[] = [];
  let maxlen = 0;
  for (let j = 3; j < argv.length; j++) {
    const o = lookupRead(c, argv[j]!);
    if (o === undefined) {
      srcs.push('');
      continue;
    }
    if (o.type !== 'string') return WRONGTYPE_R;
    srcs.push(o.value);
    if (o.value.length > maxlen) maxlen = o.value.length;
  }
  const engine = c.engine;
  const db = c.db;
  if (maxlen === 0) {
    if (deleteKey(engine, db, target)) engine.notify('g', 'del', target, db);
    return ZERO;
  }
  const res = new Uint8Array(maxlen);
  const first = srcs[0]!;
  const n = srcs.length;
  for (let j = 0; j < maxlen; j++) {
    let output = j < first.length ? first.charCodeAt(j) : 0;
    if (op === BITOP_NOT) output = ~output & 0xff;
    for (let i = 1; i < n; i++) {
      const src = srcs[i]!;
      const byte = j < src.length ? src.charCodeAt(j) : 0;
      if (op === BITOP_AND) output &= byte;
      else if (op === BITOP_OR) output |= byte;
      else output ^= byte;
    }
    res[j] = output;
  }
  setKey(c, db, target, createString(bytesToString(res), 'raw'));
  engine.notify('$', 'set', target, db);
  return int(maxlen);
}

const CHUNK = 8192;

function bytesToString(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i += CHUNK) {
    out += String.fromCharCode.apply(null, b.subarray(i, Math.min(b.length, i + CHUNK)) as unknown as number[]);
  }
  return out;
}

// ---- BITFIELD -------------------------------------------------------------------------------

/** BITFIELD's subcommands. */
const BITFIELD_OPS = ['get', 'set', 'incrby'] as const;
type BitfieldOpcode = (typeof BITFIELD_OPS)[number];
/** OVERFLOW's behaviours. */
const OVERFLOWS = ['wrap', 'sat', 'fail'] as const;
type Overflow = (typeof OVERFLOWS)[number];

interface BitfieldOp {
  offset: number;
  value: bigint;
  opcode: BitfieldOpcode;
  owtype: Overflow;
  bits: number;
  signed: boolean;
}

/** getBitfieldTypeFromArgument: [signed, bits] or null. */
function parseBitfieldType(arg: string): [boolean, number] | null {
  const sign = arg.charCodeAt(0);
  if (sign !== 105 && sign !== 117) return null; // 'i', 'u'
  const bits = parseIntArg(cString(arg.slice(1)));
  if (bits === null || bits < 1 || (sign === 105 && bits > 64) || (sign === 117 && bits > 63)) return null;
  return [sign === 105, bits];
}

/** The unsigned field of `bits` bits at bit `offset` (bytes past the end read as zeros). */
function getField(src: Uint8Array | string, offset: number, bits: number): bigint {
  const first = Math.floor(offset / 8);
  const last = Math.floor((offset + bits - 1) / 8);
  const len = src.length;
  let v = 0n;
  for (let i = first; i <= last; i++) {
    const byte = i >= len ? 0 : typeof src === 'string' ? src.charCodeAt(i) : src[i]!;
    v = (v << 8n) | BigInt(byte);
  }
  const spare = (last - first + 1) * 8 - (offset & 7) - bits;
  return (v >> BigInt(spare)) & ((1n << BigInt(bits)) - 1n);
}

function setField(b: Uint8Array, offset: number, bits: number, value: bigint): void {
  const first = Math.floor(offset / 8);
  const last = Math.floor((offset + bits - 1) / 8);
  let v = 0n;
  for (let i = first; i <= last; i++) v = (v << 8n) | BigInt(b[i]!);
  const spare = BigInt((last - first + 1) * 8 - (offset & 7) - bits);
  const mask = ((1n << BigInt(bits)) - 1n) << spare;
  v = (v & ~mask) | ((BigInt.asUintN(bits, value) << spare) & mask);
  for (let i = last; i >= first; i--) {
    b[i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

function toSigned(u: bigint, bits: number): bigint {
  return BigInt.asIntN(bits, u);
}

/** checkUnsignedBitfieldOverflow: [overflow, limit]. */
function unsignedOverflow(value: bigint, incr: bigint, bits: number, owtype: Overflow): [number, bigint] {
  const max = (1n << BigInt(bits)) - 1n;
  const maxincr = BigInt.asIntN(64, max - value);
  const minincr = BigInt.asIntN(64, -value);
  const wrap = () => BigInt.asUintN(bits, value + incr);
  if (value > max || (incr > 0n && incr > maxincr)) {
    return [1, owtype === 'wrap' ? wrap() : owtype === 'sat' ? max : 0n];
  }
  if (incr < 0n && incr < minincr) {
    return [-1, owtype === 'wrap' ? wrap() : 0n];
  }
  return [0, 0n];
}

/** checkSignedBitfieldOverflow: [overflow, limit], int64 arithmetic wrapping as in C. */
function signedOverflow(value: bigint, incr: bigint, bits: number, owtype: Overflow): [number, bigint] {
  const max = bits === 64 ? INT64_MAX : (1n << BigInt(bits - 1)) - 1n;
  const min = -max - 1n;
  const maxincr = BigInt.asIntN(64, max - value);
  const minincr = BigInt.asIntN(64, min - value);
  const wrap = () => BigInt.asIntN(bits, value + incr);
  if (value > max || (bits !== 64 && incr > maxincr) || (value >= 0n && incr > 0n && incr > maxincr)) {
    return [1, owtype === 'wrap' ? wrap() : owtype === 'sat' ? max : 0n];
  }
  if (value < min || (bits !== 64 && incr < minincr) || (value < 0n && incr < 0n && incr < minincr)) {
    return [-1, owtype === 'wrap' ? wrap() : owtype === 'sat' ? min : 0n];
  }
  return [0, 0n];
}

function bitfieldGeneric(c: Client, argv: string[], readonlyCommand: boolean): Reply {
  const ops: BitfieldOp[] = [];
  let owtype: Overflow = 'wrap';
  let readonly = true;
  let highest = 0;
  const argc = argv.length;
  for (let j = 2; j < argc; j++) {
    const remargs = argc - j - 1;
    const sub = argv[j]!;
    const opcode = oneOf(sub, BITFIELD_OPS);
    // GET takes a type and an offset, SET and INCRBY a value too.
    const values = opcode === 'get' ? 2 : 3;
    if (opcode === null || remargs < values) {
      if (!isOpt(sub, 'overflow') || remargs < 1) return SYNTAX_R;
      const ow = oneOf(argv[++j]!, OVERFLOWS);
      if (ow === null) return error(E.BITFIELD_INVALID_OVERFLOW);
      owtype = ow;
      continue;
    }
    const type = parseBitfieldType(argv[j + 1]!);
    if (type === null) return error(E.BITFIELD_INVALID_TYPE);
    const [signed, bits] = type;
    const offset = parseBitOffset(c, argv[j + 2]!, bits);
    if (offset === null) return BIT_OFFSET_R;
    let value = 0n;
    if (opcode !== 'get') {
      readonly = false;
      if (highest < offset + bits - 1) highest = offset + bits - 1;
      const v = parseInt64(argv[j + 3]!);
      if (v === null) return NOT_INTEGER_R;
      value = v;
    }
    ops.push({ offset, value, opcode, owtype, bits, signed });
    j += values;
  }

  const key = argv[1]!;
  /** The value read (GETs only), or the key's (made long enough) for writes. */
  let obj: StringObj | undefined;
  let buf: Uint8Array | null = null;
  let dirty = false;
  if (readonly) {
    const o = lookupRead(c, key);
    if (o !== undefined && o.type !== 'string') return WRONGTYPE_R;
    obj = o;
  } else {
    if (readonlyCommand) return error(E.BITFIELD_RO_ONLY_GET);
    const target = stringForBitWrite(c, key, highest);
    if (isReply(target)) return target;
    dirty = target.grew;
    const s = target.value;
    buf = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) buf[i] = s.charCodeAt(i);
  }

  const replies: Reply[] = [];
  let changes = 0;
  for (const op of ops) {
    if (op.opcode === 'get') {
      let u: bigint;
      if (buf !== null) u = getField(buf, op.offset, op.bits);
      else if (obj !== undefined) u = getField(obj.value, op.offset, op.bits);
      else u = 0n;
      replies.push(int(op.signed ? toSigned(u, op.bits) : u));
      continue;
    }
    const b = buf!;
    const oldU = getField(b, op.offset, op.bits);
    const oldval = op.signed ? toSigned(oldU, op.bits) : oldU;
    const checkOverflow = op.signed ? signedOverflow : unsignedOverflow;
    // The C code's int64_t or uint64_t arithmetic.
    const int64 = (v: bigint) => (op.signed ? BigInt.asIntN(64, v) : BigInt.asUintN(64, v));
    let newval: bigint;
    let retval: bigint;
    let overflow: number;
    if (op.opcode === 'incrby') {
      const [ov, wrapped] = checkOverflow(oldval, op.value, op.bits, op.owtype);
      overflow = ov;
      newval = ov ? wrapped : int64(oldval + op.value);
      retval = newval;
    } else {
      const value = int64(op.value);
      const [ov, wrapped] = checkOverflow(value, 0n, op.bits, op.owtype);
      overflow = ov;
      newval = ov ? wrapped : value;
      retval = oldval;
    }
    if (overflow && op.owtype === 'fail') {
      replies.push(NIL);
      continue;
    }
    replies.push(int(BigInt.asIntN(64, retval)));
    setField(b, op.offset, op.bits, newval);
    if (dirty || oldval !== newval) changes++;
  }
  if (buf !== null && (changes !== 0 || dirty)) c.db.replaceValue(key, createString(bytesToString(buf), 'raw'));
  if (changes !== 0) {
    c.engine.signalModifiedKey(c.db, key);
    c.engine.notify('$', 'setbit', key, c.db);
  }
  return array(replies);
}

// ---- the table ------------------------------------------------------------------------------

const command = commandGroup('bitmap', 'bitmap');

// One line a command, so the table reads as a table.
// prettier-ignore
export const bitmapCommands: CommandSpec[] = [
  command('setbit', 4, 'write denyoom', [key(1, 'RW access update')], setbitCommand, { since: '2.2.0', complexity: 'O(1)', summary: 'Set or clear one bit of a string, growing it with zero bytes as needed; answer the old bit', syntax: 'key offset value' }),
  command('getbit', 3, 'readonly fast', [key(1, 'RO access')], getbitCommand, { since: '2.2.0', complexity: 'O(1)', summary: 'Read one bit of a string (0 past its end)', syntax: 'key offset' }),
  command('bitcount', -2, 'readonly', [key(1, 'RO access')], bitcountCommand, { since: '2.6.0', complexity: 'O(N)', summary: 'Count the set bits of a string, optionally in a byte or bit range', syntax: 'key [start end [BYTE|BIT]]' }),
  command('bitpos', -3, 'readonly', [key(1, 'RO access')], bitposCommand, { since: '2.8.7', complexity: 'O(N)', summary: 'Find the first set or clear bit of a string, optionally in a byte or bit range', syntax: 'key bit [start [end [BYTE|BIT]]]' }),
  command('bitop', -4, 'write denyoom', [key(2, 'OW update'), keyRange(3, -1, 1, 'RO access')], bitopCommand, { since: '2.6.0', complexity: 'O(N)', summary: 'Combine strings bit by bit (AND, OR, XOR, NOT) into a destination key', syntax: 'operation destkey key [key ...]' }),
  command('bitfield', -2, 'write denyoom', [key(1, 'RW access update variable_flags', 'This command allows both access and modification of the key')], (c, argv) => bitfieldGeneric(c, argv, false), { since: '3.2.0', complexity: 'O(1) for each subcommand', summary: 'Read, write and increment integers of any width at any bit offset of a string', syntax: 'key [GET encoding offset|[OVERFLOW WRAP|SAT|FAIL] SET encoding offset value|INCRBY encoding offset increment [GET encoding offset|[OVERFLOW WRAP|SAT|FAIL] SET encoding offset value|INCRBY encoding offset increment ...]]' }),
  command('bitfield_ro', -2, 'readonly fast', [key(1, 'RO access')], (c, argv) => bitfieldGeneric(c, argv, true), { since: '6.0.0', complexity: 'O(1) for each subcommand', summary: 'Read integers of any width at any bit offset of a string', syntax: 'key [GET encoding offset [GET encoding offset ...]]' }),
];
