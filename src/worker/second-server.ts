// The second server of the worker (nodes.ts): made when the page first connects to port 6380,
// as `redis-server --port 6380 --replicaof 127.0.0.1 6379` would start. What it is comes back
// after a reload: a replica syncs again from its master; a master (after REPLICAOF NO ONE)
// loads the data it had at its last autosave. The links between the servers are local-link.ts's.

import type { Engine, LateParts } from '../engine/engine.js';
import type { Connector } from '../engine/outgoing.js';
import { loadSnapshot } from '../engine/persistence.js';
import type { EngineHost } from './engine-host.js';
import { localConnector } from './local-link.js';
import { SECOND_BASE, type SecondHostFactory } from './nodes.js';
import { FIRST_PORT, SECOND_PORT, type FromWorker, type ToWorker } from './protocol.js';
import { openDb, readRecord, writeRecords } from './saved-state.js';

/** The second server's role, and its data while it is a master (a replica syncs again instead). */
export interface SecondSaved {
  /** The master it replicates, or null once REPLICAOF NO ONE made it one. */
  master: [host: string, port: number] | null;
  snapshot: Uint8Array | Blob | null;
}

/** Where the second server's record is kept: beside the first server's data, or memory in tests. */
export interface SecondStore {
  loadSecond(): Promise<SecondSaved | null>;
  /** Replaces the record; writes are stored in the order they come. */
  saveSecond(record: SecondSaved): void;
}

const SECOND_KEY = 'second';

/** The record in the worker's IndexedDB; failures keep nothing (the first server reports them). */
export function indexedDbSecondStore(): SecondStore {
  const db = openDb();
  db.catch(() => undefined);
  return {
    async loadSecond() {
      try {
        return await readSecond(await readRecord(await db, SECOND_KEY));
      } catch {
        return null;
      }
    },
    saveSecond(record) {
      db.then((conn) => writeRecords(conn, (s) => void s.put(record, SECOND_KEY))).catch(() => undefined);
    },
  };
}

/** A stored record, checked; its snapshot's Blob read back. */
export async function readSecond(v: unknown): Promise<SecondSaved | null> {
  if (typeof v !== 'object' || v === null) return null;
  const { master, snapshot } = v as Partial<SecondSaved>;
  const role = master === null ? null : Array.isArray(master) && typeof master[0] === 'string' && typeof master[1] === 'number' ? master : undefined;
  if (role === undefined) return null;
  try {
    return {
      master: role,
      snapshot: snapshot instanceof Blob ? new Uint8Array(await snapshot.arrayBuffer()) : snapshot instanceof Uint8Array ? snapshot : null,
    };
  } catch {
    return { master: role, snapshot: null };
  }
}

export class SecondServer {
  private host: Promise<EngineHost> | null = null;
  private late: LateParts | null = null;
  /** The master it starts replicating once the late parts are here; null: it is a master. */
  private master: SecondSaved['master'] = ['127.0.0.1', FIRST_PORT];
  private engine: Engine | null = null;
  readonly connect: Connector = localConnector((host, port) => this.engineAt(host, port));

  constructor(
    private readonly first: Engine,
    private readonly post: (msg: FromWorker) => void,
    private readonly makeHost: SecondHostFactory,
    private readonly store: SecondStore,
  ) {}

  /** The engine listening on host:port here, if any. */
  engineAt(host: string, port: number): Engine | null {
    if (host !== '127.0.0.1' && host !== 'localhost') return null;
    if (port === FIRST_PORT) return this.first;
    if (port === SECOND_PORT) return this.engine;
    return null;
  }

  /** A page message for this server: `open` starts it; `run` and `close` carry offset handles. */
  handle(msg: ToWorker): void {
    // In the order they came: each waits for the same promise.
    void this.started().then((host) => {
      if (msg.type !== 'run' && msg.type !== 'close') return host.handle(msg);
      host.handle({ ...msg, clientId: msg.clientId - SECOND_BASE });
      // A new role is kept at once (an autosave now), not only with the next change of data.
      if (msg.type === 'run' && /^(replicaof|slaveof)$/i.test(msg.argv[0] ?? '')) host.compact();
    });
  }

  provideLate(parts: LateParts): void {
    this.late = parts;
    void this.host?.then((host) => this.begin(host, parts));
  }

  private started(): Promise<EngineHost> {
    return (this.host ??= this.start());
  }

  private async start(): Promise<EngineHost> {
    const saved = await this.store.loadSecond();
    const host = this.makeHost(
      (msg) => this.fromServer(msg),
      this.connect,
      (image) => this.save(image),
    );
    const engine = host.engine;
    engine.config.set('port', String(SECOND_PORT));
    if (saved !== null) {
      this.master = saved.master;
      // A master's data. One that cannot be loaded leaves it empty, as a server without its
      // dump.rdb starts (loadSnapshot changes nothing unless the whole file loads).
      if (saved.master === null && saved.snapshot instanceof Uint8Array) {
        try {
          loadSnapshot(engine, saved.snapshot);
        } catch {
          // Its record is replaced at the next autosave.
        }
      }
    }
    this.engine = engine;
    host.start();
    if (this.late !== null) this.begin(host, this.late);
    return host;
  }

  private begin(host: EngineHost, parts: LateParts): void {
    host.provideLate(parts);
    if (this.master !== null) parts.replicaOf(host.engine, this.master[0], this.master[1]);
  }

  /** The autosave: the role, and the data only while it is a master. */
  private save(image: Uint8Array[]): void {
    const link = this.engine?.masterLink ?? null;
    this.store.saveSecond(link === null ? { master: null, snapshot: new Blob(image as BlobPart[]) } : { master: [link.host, link.port], snapshot: null });
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
