// Script flags (script.h SCRIPT_FLAG_*): from an EVAL script's shebang or a function's
// registration. A module of their own, so scripting.ts and functions.ts both import them (and the
// engine's checks before a command runs, without loading the scripting engine).

import type { Command } from '../command.js';
import type { Engine } from '../engine.js';

export const FLAG_NO_WRITES = 1;
export const FLAG_ALLOW_OOM = 2;
export const FLAG_ALLOW_STALE = 4;
export const FLAG_NO_CLUSTER = 8;
export const FLAG_ALLOW_CROSS_SLOT = 16;
/** No shebang: the script runs as before 7.0. */
export const FLAG_EVAL_COMPAT = 32;

/** scripts_flags_def, in its order (FUNCTION LIST shows a function's flags in this order). */
export const SCRIPT_FLAGS: readonly (readonly [string, number])[] = [
  ['no-writes', FLAG_NO_WRITES],
  ['allow-oom', FLAG_ALLOW_OOM],
  ['allow-stale', FLAG_ALLOW_STALE],
  ['no-cluster', FLAG_NO_CLUSTER],
  ['allow-cross-slot-keys', FLAG_ALLOW_CROSS_SLOT],
];

/** FUNCTION LOAD's time limit in ms (LOAD_TIMEOUT_MS); RESTORE and RDB loads have none. */
export const LOAD_TIMEOUT_MS = 500;

/** Commands whose flags a script's declared flags replace (getCommandFlags). */
const SCRIPT_COMMANDS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro']);

/** The flags a script or function run by `cmd` declares, or null where the command's own stand. */
export function scriptDeclaredFlags(engine: Engine, cmd: Command, argv: readonly string[]): number | null {
  if (!SCRIPT_COMMANDS.has(cmd.fullName) || engine.late === null) return null;
  return engine.scripting?.declaredFlags(cmd.fullName, argv) ?? null;
}
