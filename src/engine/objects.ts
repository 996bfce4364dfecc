// Values stored under keys. Each type is one interface in this union; the collection types join
// it as their command groups land. `slot` belongs to the keyspace (see Database) and `lru` is the
// last access time in ms, for OBJECT IDLETIME.

export type StringEncoding = 'int' | 'embstr' | 'raw';

export interface StringObj {
  type: 'string';
  /** Byte string. */
  value: string;
  /**
   * The encoding OBJECT ENCODING reports when the command that made the value fixes it (APPEND
   * and SETRANGE give 'raw', INCRBYFLOAT 'embstr'/'raw' by length, INCR 'int'); undefined means
   * "as SET would encode it", derived from the value (see stringEncoding).
   */
  enc: StringEncoding | undefined;
  lru: number;
  slot: number;
}

export type RObj = StringObj;
export type RType = RObj['type'];

export function createString(value: string, now: number, enc?: StringEncoding): StringObj {
  return { type: 'string', value, enc, lru: now, slot: -1 };
}
