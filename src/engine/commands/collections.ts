// What the collection commands (hash, list, set, sorted set) share around their key: reading it
// as one type, its size, and the SCAN family's prologue.

import type { Client } from '../client.js';
import { lookupRead, lookupWrite } from '../keyspace.js';
import type { RObj } from '../objects.js';
import { array, bulk, EMPTY_ARRAY, int, ZERO, type Reply } from '../../shared/reply.js';
import { INVALID_CURSOR_R, WRONGTYPE_R } from '../error-replies.js';
import { parseScanCursor, parseScanOptions, type ScanOptions } from './keys.js';

/** The object of a value type: ObjOf<'hash'> is HashObj. */
export type ObjOf<T extends RObj['type']> = Extract<RObj, { type: T }>;

/** checkType: the object when it is of `type`, `missing` when there is none, else WRONGTYPE. */
function ofType<T extends RObj['type']>(o: RObj | undefined, type: T, missing: Reply): ObjOf<T> | Reply {
  if (o === undefined) return missing;
  if (o.type !== type) return WRONGTYPE_R;
  return o as ObjOf<T>;
}

/** lookupKeyReadOrReply + checkType: the key's object of `type`, or the reply that ends the command. */
export function readOfType<T extends RObj['type']>(c: Client, key: string, type: T, missing: Reply): ObjOf<T> | Reply {
  return ofType(lookupRead(c, key), type, missing);
}

/** lookupKeyWriteOrReply + checkType: the key's object of `type`, or the reply that ends the command. */
export function writeOfType<T extends RObj['type']>(c: Client, key: string, type: T, missing: Reply): ObjOf<T> | Reply {
  return ofType(lookupWrite(c, key), type, missing);
}

/** LLEN, HLEN, SCARD, ZCARD: the size of the key's collection of `type`, 0 for a missing key. */
export function sizeCommand<T extends RObj['type']>(type: T, size: (o: ObjOf<T>) => number) {
  return (c: Client, argv: string[]): Reply => {
    const o = readOfType(c, argv[1]!, type, ZERO);
    return 't' in o ? o : int(size(o));
  };
}

/** shared.emptyscan: HSCAN, SSCAN and ZSCAN of a missing key, cursor 0 and no elements. */
const EMPTY_SCAN_R = array([bulk('0'), EMPTY_ARRAY]);

/** What HSCAN, SSCAN and ZSCAN go through: the collection, from the cursor, with the options. */
export interface CollectionScan<T extends RObj['type']> extends ScanOptions {
  o: ObjOf<T>;
  cursor: number;
}

/**
 * scanGenericCommand's prologue for HSCAN, SSCAN and ZSCAN, checked in Redis's order: the cursor,
 * the key (a missing one is an empty scan) and its type, then the options. Otherwise the reply
 * that ends the command.
 */
export function collectionScan<T extends 'hash' | 'set' | 'zset'>(c: Client, argv: readonly string[], type: T): CollectionScan<T> | Reply {
  const cursor = parseScanCursor(argv[2]!);
  if (cursor === null) return INVALID_CURSOR_R;
  const o = readOfType(c, argv[1]!, type, EMPTY_SCAN_R);
  if ('t' in o) return o;
  const opts = parseScanOptions(argv, 3, false);
  if ('t' in opts) return opts;
  return { ...opts, o, cursor };
}
