// The second server of the worker (nodes.ts): made when the page first connects to port 6380,
// as `redis-server --port 6380 --replicaof 127.0.0.1 6379` would start. It keeps nothing
// across a reload: it syncs again. The links between the two are local-link.ts's.

import type { Engine, LateParts } from '../engine/engine.js';
import type { Connector } from '../engine/outgoing.js';
import type { EngineHost } from './engine-host.js';
import { localConnector } from './local-link.js';
import { SECOND_BASE, type SecondHostFactory } from './nodes.js';
import { FIRST_PORT, SECOND_PORT, type FromWorker, type ToWorker } from './protocol.js';

export class SecondServer {
  private host: EngineHost | null = null;
  private late: LateParts | null = null;
  readonly connect: Connector = localConnector((host, port) => this.engineAt(host, port));

  constructor(
    private readonly first: Engine,
    private readonly post: (msg: FromWorker) => void,
    private readonly makeHost: SecondHostFactory,
  ) {}

  /** The engine listening on host:port here, if any. */
  engineAt(host: string, port: number): Engine | null {
    if (host !== '127.0.0.1' && host !== 'localhost') return null;
    if (port === FIRST_PORT) return this.first;
    if (port === SECOND_PORT) return this.host?.engine ?? null;
    return null;
  }

  /** A page message for this server: `open` starts it; `run` and `close` carry offset handles. */
  handle(msg: ToWorker): void {
    if (msg.type === 'run' || msg.type === 'close') this.started().handle({ ...msg, clientId: msg.clientId - SECOND_BASE });
    else this.started().handle(msg);
  }

  provideLate(parts: LateParts): void {
    this.late = parts;
    if (this.host !== null) this.replicate(this.host, parts);
  }

  private started(): EngineHost {
    if (this.host !== null) return this.host;
    const host = this.makeHost((msg) => this.fromServer(msg), this.connect);
    this.host = host;
    host.engine.config.set('port', String(SECOND_PORT));
    host.start();
    if (this.late !== null) this.replicate(host, this.late);
    return host;
  }

  private replicate(host: EngineHost, parts: LateParts): void {
    host.provideLate(parts);
    parts.replicaOf(host.engine, '127.0.0.1', FIRST_PORT);
  }

  /** What the server says: its clients' messages, with their handles; not its data's news. */
  private fromServer(msg: FromWorker): void {
    switch (msg.type) {
      case 'opened':
      case 'result':
      case 'push':
      case 'closed':
        this.post({ ...msg, clientId: msg.clientId + SECOND_BASE });
        return;
      case 'error':
        this.post(msg);
        return;
      default:
      // 'ready' and 'changes': the page's inspector shows the first server.
    }
  }
}
