// The page's messages on their way to the EngineHost, in the order they came: held while the
// dataset loads, and held again from a command that may need Lua until Lua's chunk is here
// (the worker fetches it after `ready`, so that the page's first prompt does not wait for it).

import type { ScriptingFactory } from '../engine/engine.js';
import type { EngineHost } from './engine-host.js';
import type { ToWorker } from './protocol.js';

/** EVAL and co., SCRIPT, FCALL and co., FUNCTION, and EXEC (which may run a queued EVAL). */
function mayRunLua(argv: readonly string[]): boolean {
  const name = argv[0]?.toLowerCase() ?? '';
  return name.startsWith('eval') || name.startsWith('fcall') || name === 'script' || name === 'function' || name === 'exec';
}

export class MessageGate {
  private readonly waiting: ToWorker[] = [];
  private held = true;
  private luaComing = false;

  constructor(private readonly host: EngineHost) {}

  /** A message from the page: handled now, or after those held before it. */
  receive(msg: ToWorker): void {
    if (!this.held && this.luaComing && msg.type === 'run' && !this.host.engine.hasScripting && mayRunLua(msg.argv)) this.held = true;
    if (this.held) this.waiting.push(msg);
    else this.host.handle(msg);
  }

  /** The host has said `ready`: messages flow. Lua comes with `lua` (null if it could not be fetched). */
  open(lua: Promise<ScriptingFactory | null>): void {
    this.luaComing = true;
    void lua.then(
      (factory) => this.luaSettled(factory),
      () => this.luaSettled(null),
    );
    this.release();
  }

  private luaSettled(factory: ScriptingFactory | null): void {
    if (factory !== null) this.host.engine.provideScripting(factory);
    // Without it EVAL answers that Lua is not available, rather than waiting for ever.
    this.luaComing = false;
    this.release();
  }

  private release(): void {
    this.held = false;
    // A message may hold the queue again (a command that needs Lua): the rest stay behind it.
    while (!this.held && this.waiting.length > 0) this.receive(this.waiting.shift()!);
  }
}
