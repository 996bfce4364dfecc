// The servers this worker runs: the first (port 6379), whose data is kept, and on request a
// second (port 6380), started as a replica of the first (second-server.ts, fetched when first
// needed). The page connects to the second with `open` and port 6380; its clients' handles are
// offset by SECOND_BASE, so `run` and `close` find their server by the handle alone.

import type { Engine, LateParts } from '../engine/engine.js';
import type { Connector } from '../engine/outgoing.js';
import { errorText } from '../shared/errors.js';
import type { EngineHost } from './engine-host.js';
import { SECOND_PORT, type FromWorker, type ToWorker } from './protocol.js';
import type { SecondServer, SecondStore } from './second-server.js';

/** The second server's client handles start here (the first's are its CLIENT IDs, far below). */
export const SECOND_BASE = 1 << 24;

/**
 * Builds the second server's host, posting through `post`, its engine connecting through
 * `connect`, its autosaves going to `autosave`.
 */
export type SecondHostFactory = (post: (msg: FromWorker) => void, connect: Connector, autosave: (image: Uint8Array[]) => void) => EngineHost;

export class Nodes {
  private second: Promise<SecondServer> | null = null;
  private late: LateParts | null = null;
  /** Opens links between the servers (REPLICAOF, MIGRATE): given to both engines. */
  readonly connect: Connector = async (host, port, timeoutMs) => (await this.loaded()).connect(host, port, timeoutMs);
  /** The first server's host, set once made (its engine takes `connect` when made). */
  first!: EngineHost;

  constructor(
    private readonly post: (msg: FromWorker) => void,
    private readonly makeSecond: SecondHostFactory,
    /** Where the second server's record is kept; by default beside the first server's data. */
    private readonly store?: SecondStore,
  ) {}

  /** The first server's engine (the message gate looks at its late parts). */
  get engine(): Engine {
    return this.first.engine;
  }

  handle(msg: ToWorker): void {
    const forSecond = msg.type === 'open' ? msg.port === SECOND_PORT : (msg.type === 'run' || msg.type === 'close') && msg.clientId >= SECOND_BASE;
    if (!forSecond) return this.first.handle(msg);
    // In the order they came: each waits for the same promise.
    this.loaded().then(
      (second) => second.handle(msg),
      (e: unknown) => this.post({ type: 'error', id: msg.id, message: errorText(e) }),
    );
  }

  /** The late parts have come: both servers get them (the second then starts replicating). */
  provideLate(parts: LateParts): void {
    this.late = parts;
    this.first.provideLate(parts);
    void this.second?.then((s) => s.provideLate(parts));
  }

  private loaded(): Promise<SecondServer> {
    return (this.second ??= import('./second-server.js').then((m) => {
      const second = new m.SecondServer(this.first.engine, this.post, this.makeSecond, this.store ?? m.indexedDbSecondStore());
      if (this.late !== null) second.provideLate(this.late);
      return second;
    }));
  }
}
