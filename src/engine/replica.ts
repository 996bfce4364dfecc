// Replication, the replica's side (REPLICAOF host port): a link to the master that does Redis's
// handshake (PING, REPLCONF listening-port and capa, PSYNC), loads the RDB payload of a full
// resync or continues from its own offset (+CONTINUE), then runs the master's stream as the
// master's client and acknowledges what it ran (REPLCONF ACK, every second and on GETACK).
// A lost link is tried again a second later, as replicationCron does.
//
// The engine opens no sockets: the host's Connector (EngineOptions.connect) does; without one
// (the browser) the link stays down, as a master that cannot be reached would leave it.

import type { Client } from './client.js';
import type { Engine } from './engine.js';
import type { OutgoingLink } from './outgoing.js';
import { loadSnapshot } from './persistence.js';
import { respCommand } from './propagate.js';
import { extrasOf } from './info-stats.js';
import { newReplicationHistory, replicationBacklog, shiftReplicationId } from './replication.js';

/** What INFO calls the link's state (master_link_status up only when connected). */
export type LinkState = 'connect' | 'connecting' | 'sync' | 'connected';

/** repl-timeout's default reading bound while nothing comes, ms. */
const IO_TIMEOUT_MS = 60_000;

export class MasterLink {
  state: LinkState = 'connect';
  /** The master's replication ID and our offset in its stream (slave_repl_offset). */
  replid = '';
  offset = -1;
  /** The client the master's stream runs as (CLIENT LIST flag M). */
  readonly client: Client;
  /** When the master last sent something, engine ms. */
  lastIo: number;
  private link: OutgoingLink | null = null;
  private stopped = false;
  private lastAck = 0;
  private attempting = false;
  private lastAttempt = 0;

  constructor(
    private readonly engine: Engine,
    readonly host: string,
    readonly port: number,
  ) {
    this.client = engine.createClient({ addr: `${host}:${port}` });
    this.client.isMaster = true;
    this.client.authenticated = true;
    this.lastIo = engine.now;
    this.connect();
  }

  /** connectWithMaster: one attempt, whose end leaves the state 'connect' for the next. */
  private connect(): void {
    this.attempting = true;
    this.lastAttempt = this.engine.now;
    void this.session()
      .catch((e: unknown) => this.engine.log('#', `replication link: ${String(e)}`))
      .finally(() => {
        this.attempting = false;
        this.link?.close();
        this.link = null;
        if (!this.stopped) this.state = 'connect';
      });
  }

  /** REPLICAOF NO ONE or another master: the link closes for good. */
  stop(): void {
    this.stopped = true;
    this.link?.close();
    this.link = null;
    this.engine.closeClient(this.client);
  }

  /** replicationCron: an ACK a second while connected; a new attempt a second after a lost link. */
  cron(): void {
    if (this.stopped) return;
    if (this.state === 'connected' && this.engine.now - this.lastAck >= 1000) this.sendAck();
    if (!this.attempting && this.engine.now - this.lastAttempt >= 1000) this.connect();
  }

  private sendAck(): void {
    this.lastAck = this.engine.now;
    void this.link?.write(respCommand(['REPLCONF', 'ACK', String(this.offset)]), IO_TIMEOUT_MS);
  }

  /** One connection to the master, from the handshake to the link's end. */
  private async session(): Promise<void> {
    const connect = this.engine.connect;
    if (connect === null) return;
    this.state = 'connecting';
    const link = await connect(this.host, this.port, IO_TIMEOUT_MS);
    if (link === null || this.stopped) return;
    this.link = link;
    const reader = new StreamReader(link);
    const ask = async (argv: string[]): Promise<string | null> => {
      if ((await link.write(respCommand(argv), IO_TIMEOUT_MS)) !== null) return null;
      return reader.line();
    };
    this.state = 'sync';
    const pong = await ask(['PING']);
    // A master that wants a password still proves it is alive (-NOAUTH); any other error fails.
    if (pong === null || (pong.startsWith('-') && !/^-(NOAUTH|NOPERM|ERR operation not permitted)/.test(pong))) return;
    const auth = String(this.engine.config.get('masterauth'));
    if (auth !== '') {
      const user = String(this.engine.config.get('masteruser'));
      if ((await ask(user !== '' ? ['AUTH', user, auth] : ['AUTH', auth]))?.startsWith('+') !== true) return;
    }
    const port = String(
      this.engine.config.get('replica-announce-port') !== '0' ? this.engine.config.get('replica-announce-port') : this.engine.config.get('port'),
    );
    await ask(['REPLCONF', 'listening-port', port]);
    await ask(['REPLCONF', 'capa', 'eof', 'capa', 'psync2']);
    const cached = this.offset >= 0 && this.replid !== '';
    let reply = await ask(['PSYNC', cached ? this.replid : '?', cached ? String(this.offset + 1) : '-1']);
    // Newlines keep the link alive until the master starts the transfer (diskless sync waits).
    while (reply === '') reply = await reader.line();
    if (reply === null || this.stopped) return;
    const engine = this.engine;
    if (reply.startsWith('+FULLRESYNC')) {
      const [, replid, offset] = reply.split(' ');
      const rdb = await reader.payload();
      if (rdb === null || this.stopped) return;
      // replicationAttachToNewMaster: our replicas resync, and our backlog starts again.
      engine.replication?.newStream();
      engine.propagation.feeds.delete(engine.replication!);
      engine.replication = null;
      // The dataset becomes the master's (expired keys too: the master deletes them in its stream).
      loadSnapshot(engine, rdb, { keepExpired: true });
      this.replid = replid!;
      this.offset = Number(offset);
      // Our history is the master's from here on, continuing no other.
      newReplicationHistory(engine);
      extrasOf(engine).replId = this.replid;
    } else if (reply.startsWith('+CONTINUE')) {
      const newId = reply.split(' ')[1];
      if (newId !== undefined && newId !== this.replid) {
        // The master's history changed (a failover): ours goes on as the new one, the old one
        // valid up to here, and our replicas resync.
        this.replid = newId;
        shiftReplicationId(engine, this.offset, newId);
        engine.replication?.newStream();
      }
    } else return;
    // The master's stream is kept from here on (a backlog for our replicas and a later PSYNC).
    const backlog = replicationBacklog(engine, this.offset);
    this.state = 'connected';
    this.lastIo = this.engine.now;
    this.sendAck();
    for (;;) {
      const cmd = await reader.command();
      if (cmd === null || this.stopped) return;
      this.lastIo = this.engine.now;
      this.engine.execute(this.client, cmd.argv);
      this.offset += cmd.bytes;
      backlog.feedRaw(respCommand(cmd.argv));
      if (cmd.argv.length >= 2 && cmd.argv[0]!.toLowerCase() === 'replconf' && cmd.argv[1]!.toLowerCase() === 'getack') this.sendAck();
    }
  }
}

/** The master's replies and stream, read from the link as they come. */
class StreamReader {
  private buf = '';
  private pos = 0;

  constructor(private readonly link: OutgoingLink) {}

  /** Reads more from the link; false when it failed or closed. */
  private async fill(): Promise<boolean> {
    const more = await this.link.read(IO_TIMEOUT_MS);
    if (typeof more !== 'string') return false;
    if (this.pos > 65536) {
      this.buf = this.buf.slice(this.pos);
      this.pos = 0;
    }
    this.buf += more;
    return true;
  }

  /** The next line without its line end ('' for a bare newline), or null. */
  async line(): Promise<string | null> {
    for (;;) {
      const nl = this.buf.indexOf('\n', this.pos);
      if (nl >= 0) {
        const end = nl > this.pos && this.buf.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        const line = this.buf.slice(this.pos, end);
        this.pos = nl + 1;
        return line;
      }
      if (!(await this.fill())) return null;
    }
  }

  /** Exactly n bytes, or null. */
  async bytes(n: number): Promise<string | null> {
    while (this.buf.length - this.pos < n) if (!(await this.fill())) return null;
    const out = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** $<len> and that many bytes, or $EOF:<40-byte mark> and the bytes up to the mark (diskless). */
  async payload(): Promise<Uint8Array | null> {
    let head: string | null;
    // Newlines keep the link alive while the master prepares the payload.
    do head = await this.line();
    while (head === '');
    if (head === null || !head.startsWith('$')) return null;
    if (!head.startsWith('$EOF:')) {
      const body = await this.bytes(Number(head.slice(1)));
      return body === null ? null : bytesOf(body);
    }
    const mark = head.slice(5);
    // Each read is searched once: from where the mark could still begin (compaction keeps what
    // follows `pos`, so the count of bytes searched holds across it).
    let searched = 0;
    for (;;) {
      const at = this.buf.indexOf(mark, this.pos + Math.max(0, searched - mark.length + 1));
      searched = this.buf.length - this.pos;
      if (at >= 0) {
        const body = this.buf.slice(this.pos, at);
        this.pos = at + mark.length;
        return bytesOf(body);
      }
      if (!(await this.fill())) return null;
    }
  }

  /** The next command and the bytes it took in the stream, or null when the link ends. */
  async command(): Promise<{ argv: string[]; bytes: number } | null> {
    const head = await this.line();
    if (head === null || !head.startsWith('*')) return null;
    const n = Number(head.slice(1));
    let bytes = head.length + 2;
    const argv: string[] = [];
    for (let i = 0; i < n; i++) {
      const len = await this.line();
      if (len === null || !len.startsWith('$')) return null;
      const arg = await this.bytes(Number(len.slice(1)) + 2);
      if (arg === null) return null;
      argv.push(arg.slice(0, -2));
      bytes += len.length + 2 + arg.length;
    }
    return { argv, bytes };
  }
}

function bytesOf(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** REPLICAOF host port: the link to a new master (dropping any other). */
export function setMaster(engine: Engine, host: string, port: number): void {
  const wasMaster = engine.masterLink === null;
  engine.masterLink?.stop();
  const link = new MasterLink(engine, host, port);
  // replicationCacheMasterUsingMyself: a master asks to continue its own history, so the new
  // master (its former replica after a failover) may answer +CONTINUE.
  if (wasMaster) {
    link.replid = extrasOf(engine).replId;
    link.offset = engine.replication?.offset ?? 0;
  }
  engine.masterLink = link;
}

/**
 * REPLICAOF NO ONE: a master again, keeping the data. Its history goes on under a new ID, the
 * master's valid up to its offset (shiftReplicationId): the replicas resync, partially.
 */
export function unsetMaster(engine: Engine): void {
  const link = engine.masterLink;
  if (link === null) return;
  link.stop();
  engine.masterLink = null;
  shiftReplicationId(engine, engine.replication?.offset ?? Math.max(link.offset, 0));
  engine.replication?.newStream();
}
