// SLOWLOG's log (slowlog.c): the commands that took at least slowlog-log-slower-than µs, as
// Engine.call measures them on the host's monotonic clock.

import { cString, isOpt } from '../shared/args.js';
import type { Client } from './client.js';
import { lookupConfig } from './config.js';
import { parseInt64 } from './numbers.js';
import type { Command } from './command.js';
import type { Engine } from './engine.js';

interface SlowlogEntry {
  id: number;
  time: number;
  /** µs */
  duration: number;
  argv: string[];
  peer: string;
  name: string;
}

interface SlowlogState {
  entries: SlowlogEntry[];
  nextId: number;
}

const slowlogs = new WeakMap<Engine, SlowlogState>();

export function slowlogOf(engine: Engine): SlowlogState {
  let s = slowlogs.get(engine);
  if (s === undefined) {
    s = { entries: [], nextId: 0 };
    slowlogs.set(engine, s);
  }
  return s;
}

const SLOWLOG_ENTRY_MAX_ARGC = 32;
const SLOWLOG_ENTRY_MAX_STRING = 128;
const REDACTED = '(redacted)';
const SENSITIVE_CONFIGS = new Set(['requirepass', 'masterauth', 'masteruser']);

/** The argument vector as Redis keeps it for the log: secrets replaced by '(redacted)'. */
export function redactedArgv(cmd: Command, argv: readonly string[]): string[] {
  const out = argv.slice();
  const name = cmd.fullName;
  if (name === 'auth' && out.length <= 3) {
    for (let j = 1; j < out.length; j++) out[j] = REDACTED;
  } else if (name === 'hello') {
    const ver = out.length > 1 ? parseInt64(out[1]!) : null;
    for (let j = 2; ver !== null && ver >= 2n && ver <= 3n && j < out.length; j++) {
      if (isOpt(out[j]!, 'auth') && out.length - 1 - j >= 2) {
        out[j + 1] = REDACTED;
        out[j + 2] = REDACTED;
        j += 2;
      } else if (isOpt(out[j]!, 'setname') && out.length - 1 - j >= 1) {
        j++;
      } else {
        break;
      }
    }
  } else if (name === 'config|set') {
    for (let j = 2; j + 1 < out.length; j += 2) {
      const e = lookupConfig(cString(out[j]!));
      if (e !== undefined && SENSITIVE_CONFIGS.has(e.def.name)) out[j + 1] = REDACTED;
    }
  } else if (name === 'acl|setuser') {
    for (let j = 2; j < out.length; j++) out[j] = REDACTED;
  } else if (name === 'migrate') {
    for (let j = 6; j < out.length; j++) {
      const a = cString(out[j]!).toLowerCase();
      if (a === 'auth' && j + 1 < out.length) out[++j] = REDACTED;
      else if (a === 'auth2' && j + 2 < out.length) {
        out[++j] = REDACTED;
        out[++j] = REDACTED;
      } else if (a === 'keys') break;
    }
  }
  return out;
}

/** slowlogPushCurrentCommand, for a command that just ran (called by Engine.call). */
export function slowlogRecord(engine: Engine, c: Client, cmd: Command, argv: readonly string[], duration: number): void {
  if (cmd.flags.includes('skip_slowlog')) return;
  const log = slowlogOf(engine);
  const full = redactedArgv(cmd, argv);
  const argc = Math.min(full.length, SLOWLOG_ENTRY_MAX_ARGC);
  const kept: string[] = [];
  for (let j = 0; j < argc; j++) {
    if (argc !== full.length && j === argc - 1) {
      kept.push(`... (${full.length - argc + 1} more arguments)`);
    } else {
      const a = full[j]!;
      kept.push(a.length > SLOWLOG_ENTRY_MAX_STRING ? `${a.slice(0, SLOWLOG_ENTRY_MAX_STRING)}... (${a.length - SLOWLOG_ENTRY_MAX_STRING} more bytes)` : a);
    }
  }
  log.entries.unshift({ id: log.nextId++, time: Math.floor(engine.now / 1000), duration, argv: kept, peer: c.addr, name: c.name });
  const max = engine.config.slowlogMaxLen;
  if (log.entries.length > max) log.entries.length = max;
}
