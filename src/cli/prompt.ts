// redis-cli's prompt (cliRefreshPrompt): `host:port`, then `[db]` when the selected database is
// not 0, then `(TX)` inside MULTI, then "> ". redis-cli does not ask the server for these: it
// watches the replies of the commands it sends (see `PromptState.afterReply`).

import type { Reply } from '../shared/reply.js';

export interface PromptInfo {
  host: string;
  port: number;
  /** The database redis-cli believes is selected. */
  db: number;
  /** Between a successful MULTI and its EXEC/DISCARD (as redis-cli tracks it). */
  inMulti: boolean;
}

/** redis-cli keeps its prompt in a 128-byte buffer: at most 127 bytes are shown. */
const PROMPT_MAX = 127;

/** `127.0.0.1:6379> `, `127.0.0.1:6379[2]> `, `127.0.0.1:6379(TX)> `, `127.0.0.1:6379[2](TX)> `. */
export function formatPrompt(p: PromptInfo): string {
  // anetFormatAddr: an IPv6 address is put in brackets.
  let s = p.host.includes(':') ? `[${p.host}]:${p.port}` : `${p.host}:${p.port}`;
  if (p.db !== 0) s += `[${p.db}]`;
  if (p.inMulti) s += '(TX)';
  s += '> ';
  return s.length > PROMPT_MAX ? s.slice(0, PROMPT_MAX) : s;
}

/**
 * C's atoi() as glibc does it: (int) strtol(s, NULL, 10) — leading blanks, an optional sign,
 * digits, anything after ignored; out of range clamps to the long range, then wraps to 32 bits.
 */
export function cAtoi(s: string): number {
  let i = 0;
  const n = s.length;
  while (i < n && (s.charCodeAt(i) === 0x20 || (s.charCodeAt(i) >= 0x09 && s.charCodeAt(i) <= 0x0d))) i++;
  let neg = false;
  if (s[i] === '+' || s[i] === '-') {
    neg = s[i] === '-';
    i++;
  }
  const start = i;
  while (i < n && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) i++;
  if (i === start) return 0;
  let v = BigInt(s.slice(start, i));
  if (neg) v = -v;
  const LONG_MAX = (1n << 63n) - 1n;
  const LONG_MIN = -(1n << 63n);
  if (v > LONG_MAX) v = LONG_MAX;
  else if (v < LONG_MIN) v = LONG_MIN;
  return Number(BigInt.asIntN(32, v));
}

function isCmd(argv: readonly string[], name: string): boolean {
  return argv[0]!.length === name.length && argv[0]!.toLowerCase() === name;
}

/** The reply type redis-cli remembers as last_cmd_type, in the two cases its rules look at. */
function replyKind(r: Reply): 'error' | 'nil' | 'other' {
  if (r.t === 'error') return 'error';
  if ((r.t === 'bulk' || r.t === 'array') && r.v === null) return 'nil';
  return 'other';
}

/** The prompt's state for one redis-cli connection, updated from each command's reply. */
export class PromptState implements PromptInfo {
  host: string;
  port: number;
  db = 0;
  inMulti = false;
  /** The database when MULTI was sent: EXEC failing or DISCARD goes back to it. */
  preMultiDb = 0;
  /** The database redis-cli selects again when it reconnects (its conn_info.input_dbnum). */
  inputDb = 0;

  constructor(host = '127.0.0.1', port = 6379) {
    this.host = host;
    this.port = port;
  }

  get prompt(): string {
    return formatPrompt(this);
  }

  /**
   * What redis-cli does after it read the reply of a command it sent (cliSendCommand): a
   * SELECT that did not fail sets the db to atoi(argument) — also inside MULTI, where the reply
   * is QUEUED; MULTI enters (TX); EXEC leaves it (and restores the db if it failed or returned
   * nil, e.g. after WATCH); DISCARD leaves it and restores the db; RESET clears everything.
   */
  afterReply(argv: readonly string[], reply: Reply): void {
    const argc = argv.length;
    if (argc === 0) return;
    const kind = replyKind(reply);
    if (isCmd(argv, 'select') && argc === 2 && kind !== 'error') {
      this.db = this.inputDb = cAtoi(argv[1]!);
    } else if (isCmd(argv, 'multi') && argc === 1 && kind !== 'error') {
      this.inMulti = true;
      this.preMultiDb = this.db;
    } else if (isCmd(argv, 'exec') && argc === 1 && this.inMulti) {
      this.inMulti = false;
      if (kind !== 'other') this.db = this.inputDb = this.preMultiDb;
    } else if (isCmd(argv, 'discard') && argc === 1 && kind !== 'error') {
      this.inMulti = false;
      this.db = this.inputDb = this.preMultiDb;
    } else if (isCmd(argv, 'reset') && argc === 1 && kind !== 'error') {
      this.inMulti = false;
      this.db = this.inputDb = 0;
    }
  }

  /**
   * redis-cli lost its connection and opened a new one (after Ctrl-C in pub/sub or MONITOR
   * mode, or when the server closed it): outside MULTI, in database 0 — then it sends
   * `SELECT inputDb` when that is not 0. Returns that database; call `selected(db)` once the
   * SELECT succeeded.
   */
  reconnected(): number {
    this.inMulti = false;
    this.db = 0;
    return this.inputDb;
  }

  /** The SELECT redis-cli sends after reconnecting succeeded. */
  selected(db: number): void {
    this.db = this.inputDb = db;
  }
}
