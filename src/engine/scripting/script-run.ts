// A script that outlives its first slice (Redis's script.c once the run yields): EVAL and FCALL
// start one through Engine.runScript, the host steps it between its other work, and
// after busy-reply-threshold ms it is "timed out": other clients' commands get BUSY, only those
// flagged allow_busy run, and SCRIPT KILL (FUNCTION KILL) may stop it. One run at a time.

import type { Client } from '../client.js';
import type { Engine } from '../engine.js';
import type { LuaRun, RunResult } from '../lua/state.js';
import { errorText, internalError } from '../../shared/errors.js';
import { error, OK, type Reply } from '../../shared/reply.js';
import { NOTBUSY } from './errors.js';

export const BUSY_EVAL = 'BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.';
export const BUSY_FUNCTION = 'BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.';
const UNKILLABLE =
  'UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.';

/**
 * Steps between looks at the time (Redis's count hook: every 100000 Lua instructions). A step
 * is a loop iteration or a call, which may be a redis.call, so a few thousand at most.
 */
export const SLICE_STEPS = 2_000;
/** Engine.stepScript runs slices for this long (ms), or this many when time stands still. */
export const STEP_MS = 2;
export const STEP_SLICES = 50;

export interface ScriptRunSpec {
  caller: Client;
  /** EVAL & co ('eval': SCRIPT KILL) or FCALL ('function': FUNCTION KILL). */
  mode: 'eval' | 'function';
  /** The SHA-1 or the function's name (the slow-script log line). */
  name: string;
  /** The command that started it: its stats when it ends late, FUNCTION STATS meanwhile. */
  argv: readonly string[];
  lua: LuaRun;
  /** Ends `lua` with the SCRIPT KILL error (made by the Lua side, which this module does not load). */
  kill(): RunResult;
  /** A write command ran (SCRIPT_WRITE_DIRTY): it can no longer be killed. */
  dirty(): boolean;
  /** The reply for how the run ended; clears the caller's run context too. */
  end(result: RunResult): Reply;
}

export class ScriptRun {
  /** Past busy-reply-threshold (SCRIPT_TIMEDOUT): others get BUSY, SCRIPT KILL may stop it. */
  timedOut = false;
  /** SCRIPT KILL asked for the end (SCRIPT_KILLED): the next step raises the error. */
  killed = false;
  /** Takes the reply when the run ends instead of the caller (EXEC, which then goes on). */
  onEnd: ((reply: Reply) => void) | null = null;
  /** The reply, once the run ended. */
  reply: Reply | null = null;

  constructor(
    readonly spec: ScriptRunSpec,
    /** When it began, on the engine's monotonic time (ms). */
    readonly startedAt: number,
  ) {}

  get caller(): Client {
    return this.spec.caller;
  }

  /** One slice (or the kill): true once the run ended (`reply` is set). */
  step(): boolean {
    if (this.reply !== null) return true;
    const { lua } = this.spec;
    let r: RunResult;
    try {
      r = this.killed ? this.spec.kill() : lua.resume(SLICE_STEPS);
    } catch (e) {
      // A bug of ours under the script: the run is over (LuaRun finished it) and says why.
      r = { status: 'error', value: internalError(errorText(e)) };
    }
    if (r.status === 'yield') return false;
    this.reply = this.spec.end(r);
    return true;
  }
}

/** The BUSY error for the run (processCommand's slowevalerr / slowscripterr). */
export function busyError(run: ScriptRun): string {
  return run.spec.mode === 'eval' ? BUSY_EVAL : BUSY_FUNCTION;
}

/** scriptKill: SCRIPT KILL (isEval) or FUNCTION KILL. */
export function scriptKill(engine: Engine, isEval: boolean): Reply {
  const run = engine.scriptRun;
  if (run === null || run.reply !== null) return error(NOTBUSY);
  if (run.spec.dirty()) return error(UNKILLABLE);
  if (isEval && run.spec.mode !== 'eval') return error(BUSY_FUNCTION);
  if (!isEval && run.spec.mode === 'eval') return error(BUSY_EVAL);
  run.killed = true;
  return OK;
}
